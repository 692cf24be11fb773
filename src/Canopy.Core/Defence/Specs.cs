using Canopy.Core.Geodesy;
using Canopy.Core.Quantities;
using Canopy.Core.Sensing;

namespace Canopy.Core.Defence;

public enum AssetKind { City, PowerPlant, Airbase, Port, Industrial, Military, Other }

/// <summary>Something worth defending: a circular footprint of the given radius around a position.</summary>
public sealed record DefendedAsset(string Name, AssetKind Kind, Geodetic Position, Length Radius, double Value)
{
    /// <summary>The nation it belongs to (a 2 or 3 letter code such as UA), or null: the scenario's nation.</summary>
    public string? Nation { get; init; }
}

/// <summary>What an air object is. Decoys exist only on the truth side (kinematics cannot tell them from drones); aircraft are
/// manned aircraft of any identity (civil, friendly or hostile).</summary>
public enum ThreatClass { Drone, Decoy, Cruise, Ballistic, Aircraft }

public enum EffectorClass { LongRangeInterceptor, MediumRangeInterceptor, Gun, MobileFireGroup, InterceptorDrone }

/// <summary>A sensor site. Position height is the ground height; antenna height is above it.</summary>
public abstract record SensorSpec(SensorId Id, string Name, Geodetic Position, Length AntennaHeight)
{
    /// <summary>The antenna's own geodetic position.</summary>
    public Geodetic Antenna => Position.WithHeight(Position.HeightM + AntennaHeight.Metres);

    /// <summary>The nation that operates it (a 2 or 3 letter code such as UA), or null: the scenario's nation.</summary>
    public string? Nation { get; init; }
}

/// <summary>
/// A surveillance radar: coverage, revisit, measurement noise and detection statistics. One that measures Doppler
/// reports each plot's range rate with standard deviation <paramref name="RangeRateSigma"/> (null: no range rate).
/// </summary>
public sealed record RadarSpec(
    SensorId Id, string Name, Geodetic Position, Length AntennaHeight,
    Length MaxRange, Duration RevisitPeriod,
    Length RangeSigma, Angle AzimuthSigma, Angle ElevationSigma,
    Probability DetectionProbability, double FalseAlarmsPerScan, Speed? RangeRateSigma = null)
    : SensorSpec(Id, Name, Position, AntennaHeight)
{
    /// <summary>
    /// The probability that a transponder in the radar's coverage answers the radar's IFF interrogator on a scan, or null
    /// when the radar has no interrogator.
    /// </summary>
    public Probability? IffReplyProbability { get; init; }
}

/// <summary>
/// A sensor that reports positions in the common east/north/up frame (a partner's system tracks, a test feed), with a
/// noise standard deviation per axis (east, north, up). It has no site of its own: <paramref name="Position"/> is the
/// frame's origin. <paramref name="ReportPeriod"/>, when known, makes every period without reports a look that saw
/// nothing; <paramref name="Coverage"/>, when known, is the box it watches (full widths east and north, centred on the
/// origin, and height from the origin's up 0), over which its <paramref name="FalseAlarmsPerScan"/> are spread; without
/// it the sensor watches everything.
/// </summary>
public sealed record PositionSensorSpec(
    SensorId Id, string Name, Geodetic Position, Length SigmaEast, Length SigmaNorth, Length SigmaUp,
    Probability DetectionProbability, double FalseAlarmsPerScan, Duration? ReportPeriod = null, PositionCoverage? Coverage = null)
    : SensorSpec(Id, Name, Position, Length.FromMetres(0))
{
    /// <summary>False plots per m³ and scan, when the coverage is known (else null).</summary>
    public double? ClutterDensity => Coverage is { } c ? FalseAlarmsPerScan / c.Volume : null;
}

/// <summary>The box a position sensor watches: widths east and north centred on the frame's origin, and height above it.</summary>
public sealed record PositionCoverage(Length East, Length North, Length Up)
{
    /// <summary>Volume of the box, m³.</summary>
    public double Volume => East.Metres * North.Metres * Up.Metres;

    /// <summary>Whether the common-frame point (east, north, up in m) lies in the box.</summary>
    public bool Contains(double east, double north, double up) =>
        Math.Abs(east) <= East.Metres / 2 && Math.Abs(north) <= North.Metres / 2 && up >= 0 && up <= Up.Metres;
}

public sealed record AcousticSpec(
    SensorId Id, string Name, Geodetic Position, Length AntennaHeight,
    Length DetectionRadius, Angle BearingSigma, Duration ReportPeriod, Probability DetectionProbability)
    : SensorSpec(Id, Name, Position, AntennaHeight);

/// <summary>
/// A fire unit. Magazine counts rounds on site; reload time is the least time between two salvos;
/// reaction time runs from the decision to the launch.
/// </summary>
/// <param name="CotUid">The uid of the Cursor on Target events that report this unit's position (a mobile fire group's
/// tablet): only a unit with one moves by CoT, and only by events with exactly this uid.</param>
/// <param name="CotSources">The only addresses its CoT reports are accepted from; null or empty: any.</param>
public sealed record EffectorSpec(
    string Id, EffectorClass Class, Geodetic Position,
    Length MinRange, Length MaxRange, Length MaxAltitude, Speed InterceptorSpeed,
    int Magazine, Duration ReloadTime, Duration ReactionTime, int SalvoSize,
    IReadOnlyDictionary<ThreatClass, Probability> KillProbability, Money CostPerShot, string? CotUid = null,
    IReadOnlyList<System.Net.IPAddress>? CotSources = null)
{
    /// <summary>The nation that operates it (a 2 or 3 letter code such as UA), or null: the scenario's nation. A battle manager
    /// decides only for the fire units of the nations named in their account.</summary>
    public string? Nation { get; init; }

    public Probability KillProbabilityAgainst(ThreatClass c) =>
        KillProbability.TryGetValue(c, out var p) ? p : Probability.Of(0);
}
