namespace Canopy.Federation.Messages;

/// <summary>
/// A sensor plot on the wire (see <c>Canopy.Core.Sensing.Plot</c>): Kind 0 = range (m), azimuth (rad), elevation (rad)
/// in the sensor's ENU frame; 1 = bearing only (B = azimuth); 2 = position east, north, up (m) in the common ENU frame.
/// </summary>
public sealed record PlotRecord(int Sensor, double Time, byte Kind, double A, double B, double C, double RangeRate);

/// <summary>An IFF reply heard by one of the nation's interrogators (position in the common ENU frame).</summary>
public sealed record IffRecord(int Interrogator, double Time, double[] Position, int Mode3A, bool Mode5Valid, double HorizontalSigma);

/// <summary>An ADS-B report (position in the common ENU frame).</summary>
public sealed record AdsbRecord(int Address, double Time, double[] Position);

/// <summary>
/// The world's clock and one nation's share of the tick: only that nation's sensors' plots and interrogators' replies
/// (ADS-B is public: every nation gets it). Nodes step on these ticks, so a run with perfect links is deterministic.
/// </summary>
/// <param name="Final">The night is over: nodes finish after this tick.</param>
public sealed record WorldTick(
    string ToNation, long Tick, double Time, IReadOnlyList<PlotRecord> Plots, IReadOnlyList<IffRecord> Iff,
    IReadOnlyList<AdsbRecord> Adsb, bool Final);

/// <summary>A shot a node's pipeline ordered, for the world to fly (the effector is named; the world knows its spec).</summary>
/// <param name="TrackState">The engaged local track's x, y, z, vx, vy, vz at the shot (common ENU), for the world's records.</param>
public sealed record ShotRecord(
    int ShotId, string UnitId, int TrackId, int Rounds, double LaunchTime, double InterceptTime, double[] InterceptPoint,
    double KillProbability, double CostDollars, double[] TrackState);

/// <summary>A node's answer to a <see cref="WorldTick"/>: the shots its step ordered. The world waits for every node's
/// answer before the next tick (or, with <c>--lockstep off</c>, does not wait).</summary>
public sealed record TickDone(string Nation, long Tick, double Time, IReadOnlyList<ShotRecord> Shots);
