namespace Canopy.Federation.Messages;

/// <summary>
/// A point of the federation's common frame: every position and velocity on the wire is in the scenario's local ENU frame
/// (east, north, up; metres and metres per second) whose origin is <see cref="FrameOrigin"/> (the scenario region's centre,
/// geodetic WGS-84 degrees and metres). Nodes of one federation share the origin; a receiver whose origin differs drops
/// the message (counted as malformed).
/// </summary>
public sealed record FrameOrigin(double LatitudeDeg, double LongitudeDeg, double HeightM);

/// <summary>
/// One nation's local track as its own tracker holds it, for the partners to associate and fuse (covariance intersection:
/// the partners do not know which information is shared).
/// </summary>
/// <param name="Nation">The reporting nation (2 or 3 capital letters), equal to the envelope's nation.</param>
/// <param name="TrackId">The track's id in the reporting node (stable for the track's life, unique per node and run).</param>
/// <param name="Time">Simulated time of the state, seconds from the start of the night.</param>
/// <param name="State">x, y, z (m), vx, vy, vz (m/s) in the common ENU frame: 6 values.</param>
/// <param name="Covariance">6x6 covariance of <paramref name="State"/>, row-major: 36 values (m², m²/s, m²/s²).</param>
/// <param name="Class">Assessed class (Drone, Decoy, Cruise, Ballistic, Aircraft) or "Unknown".</param>
/// <param name="Confidence">Probability, 0 to 1, of <paramref name="Class"/>.</param>
/// <param name="Confirmed">The track is confirmed (tentative tracks are not reported unless asked for).</param>
/// <param name="LastUpdateTime">Time of the last plot that updated the track.</param>
public sealed record LocalTrackReport(
    string Nation, int TrackId, double Time, double[] State, double[] Covariance, string Class, double Confidence,
    bool Confirmed, double LastUpdateTime)
{
    public const int StateSize = 6;
    public const int CovarianceSize = 36;
}

/// <summary>All the local tracks one node holds after one step (tracks missing from the batch have ended).</summary>
public sealed record LocalTrackBatch(string Nation, long Tick, double Time, FrameOrigin Origin, IReadOnlyList<LocalTrackReport> Tracks);

/// <summary>How a fire unit can fight now.</summary>
public enum Readiness : byte
{
    /// <summary>Can fire now.</summary>
    Ready,

    /// <summary>Rounds left but not ready before <see cref="FireUnitStatus.ReadyAt"/> (reload, rounds in the air).</summary>
    Busy,

    /// <summary>No rounds left.</summary>
    Empty,

    /// <summary>Not reporting or out of action.</summary>
    Offline,
}

/// <summary>One fire unit's status as its nation reports it; only the owning nation reports (and releases) a unit.</summary>
/// <param name="Position">x, y, z (m) in the common ENU frame.</param>
/// <param name="Class">Effector class (LongRangeInterceptor, MediumRangeInterceptor, Gun, MobileFireGroup, InterceptorDrone).</param>
/// <param name="ReadyAt">Simulated time from which the unit can fire.</param>
/// <param name="Engaging">Local track ids of the reporting nation the unit has rounds in the air against.</param>
public sealed record FireUnitStatus(
    string Nation, string UnitId, string Class, double Time, double[] Position, int RoundsLeft, Readiness Readiness,
    double ReadyAt, double MinRange, double MaxRange, IReadOnlyList<int> Engaging);

/// <summary>All of one node's fire units after one step.</summary>
public sealed record FireUnitBatch(string Nation, long Tick, double Time, IReadOnlyList<FireUnitStatus> Units);
