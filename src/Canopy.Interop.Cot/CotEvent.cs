namespace Canopy.Interop.Cot;

/// <summary>
/// One Cursor on Target event (MITRE CoT base event 2.0): what (<paramref name="Type"/>), who (<paramref name="Uid"/>),
/// when (time, start, stale, all UTC) and where (a WGS-84 point). Latitude and longitude are in degrees and heights in
/// metres, as on the wire.
/// </summary>
/// <param name="How">How the position was obtained: <c>m-f</c> (machine, fused) for Canopy's tracks.</param>
/// <param name="HaeM">Height above the WGS-84 ellipsoid.</param>
/// <param name="CeM">Circular error: 1-sigma horizontal radius (see <see cref="CotErrors"/> for the convention).</param>
/// <param name="LeM">Linear error: 1-sigma vertical.</param>
public sealed record CotEvent(
    string Type,
    string Uid,
    DateTime Time,
    DateTime Start,
    DateTime Stale,
    string How,
    double LatitudeDeg,
    double LongitudeDeg,
    double HaeM,
    double CeM,
    double LeM,
    CotDetail Detail);

/// <summary>The parts of <c>&lt;detail&gt;</c> Canopy writes and reads; all optional.</summary>
/// <param name="Callsign">&lt;contact callsign=&gt;: the label a TAK client shows.</param>
/// <param name="Track">&lt;track course= speed=&gt;.</param>
/// <param name="Remarks">&lt;remarks&gt; free text.</param>
/// <param name="LinkUid">&lt;link uid= relation="p-p"&gt;: the event this one refers to (an engagement cue's threat).</param>
public sealed record CotDetail(string? Callsign = null, CotTrack? Track = null, string? Remarks = null, string? LinkUid = null)
{
    public static readonly CotDetail Empty = new();
}

/// <summary>&lt;track&gt;: course in degrees clockwise from true north, [0, 360), and ground speed in m/s.</summary>
public readonly record struct CotTrack(double CourseDeg, double SpeedMps);
