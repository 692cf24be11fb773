namespace Canopy.Server.Live;

/// <summary>The air picture of one run at one moment, as the REST API serves it (the hub pushes the compact <see cref="LivePicture"/>). Angles in degrees, the rest SI.</summary>
/// <param name="Time">Simulated seconds from the start of the run.</param>
/// <param name="SentAt">Server wall clock when the picture was built, Unix milliseconds (for push latency).</param>
/// <param name="NewEvents">Time line events recorded since the previous picture (of a live run: only what the defence observed, see <see cref="PictureBuilder.Observable"/>).</param>
/// <param name="Holds">Tracks the operator holds fire on (null in a replay).</param>
public sealed record Picture(
    string RunId,
    double Time,
    bool Finished,
    RunClockState Clock,
    string Mode,
    IReadOnlyList<TrackView> Tracks,
    IReadOnlyList<ThreatView> Threats,
    IReadOnlyList<RecommendationView> Recommendations,
    IReadOnlyList<FireUnitView> FireUnits,
    IReadOnlyList<EventView> NewEvents,
    SummaryView Summary,
    double SentAt,
    IReadOnlyList<HoldView>? Holds = null);

/// <summary>Whether the run's clock is paused and how fast it runs (simulated seconds per wall second).</summary>
public sealed record RunClockState(bool Paused, double Speed);

/// <summary>A track: position, height and velocity (east, north, up, m/s).</summary>
public sealed record TrackView(int Id, bool Confirmed, double Lat, double Lon, double Height, double VEast, double VNorth, double VUp);

/// <summary>
/// The evaluator's view of a track: class, confidence, the asset at risk, the predicted impact point with its 1-sigma
/// uncertainty ellipse (semi-axes in metres, orientation of the major axis in degrees clockwise from north).
/// </summary>
/// <param name="Asset">The asset most at risk (most expected damage); <paramref name="TimeToGo"/> is until its closest approach.</param>
/// <param name="FirstAsset">The first threatened asset on its path (where it may dive; a cruise missile over the power plant on the
/// way to the city may strike the plant), null when it threatens none.</param>
/// <param name="FirstArrival">Seconds until it enters <paramref name="FirstAsset"/>'s footprint (ballistic: impact): what the
/// console shows as time to go.</param>
public sealed record ThreatView(
    int TrackId, string Class, double Confidence, string? Asset, double ImpactLat, double ImpactLon, double TimeToGo,
    bool ThreatensDefendedArea, double Score, double SigmaMajor, double SigmaMinor, double EllipseBearing, string? FirstAsset = null,
    double FirstArrival = 0);

/// <summary>
/// A pending engagement recommendation awaiting the operator, with what the card shows: the threat as the evaluator
/// sees it (class, confidence, predicted asset, time to go), why this unit, and the deadline.
/// </summary>
/// <param name="Version">Goes up when a figure shown changes; an approval names the version the operator saw.</param>
/// <param name="ReleaseAt">In semi-automatic mode, simulated time it fires unless vetoed; otherwise null.</param>
/// <param name="ThreatClass">The evaluator's class of the track (not the truth), or null when it is not assessed now.</param>
/// <param name="TimeToGo">Seconds to the predicted impact, or null.</param>
/// <param name="Deadline">Simulated time by which to decide: the semi-automatic release, else the predicted impact; null when unknown.</param>
/// <param name="DeadlineKind">"fires" (semi-automatic release) or "impact".</param>
public sealed record RecommendationView(
    int Id, string Effector, string EffectorClass, int TrackId, int Rounds, double LaunchTime, double InterceptTime,
    double KillProbability, double Cost, double ProposedAt, bool Approved, double? ReleaseAt, int Version = 1,
    string? ThreatClass = null, double? Confidence = null, string? Asset = null, double? TimeToGo = null, string Why = "",
    double? Deadline = null, string? DeadlineKind = null);

/// <summary>A track the operator holds fire on: who set the hold and when (simulated seconds, and UTC).</summary>
public sealed record HoldView(int TrackId, string Operator, double Time, DateTimeOffset At);

/// <summary>A fire unit: what is left, which tracks it has rounds in the air against, and where it is now (a mobile fire group
/// moves with its CoT position reports; others stay at the layout's position).</summary>
public sealed record FireUnitView(string Id, int RoundsLeft, int Magazine, double ReadyAt, IReadOnlyList<int> Engaging, double Lat, double Lon);

/// <summary>One time line event.</summary>
public sealed record EventView(double Time, string Kind, int ThreatId, string ThreatClass, int TrackId, string? Effector, string Detail);

/// <summary>
/// The run's score so far. After the run (<see cref="Truth"/> true): threats launched, destroyed and leaked, rounds and
/// money spent, cost exchange ratio and damage, from the simulation's truth. While it is live (<see cref="Truth"/> false)
/// only what the defence itself knows: rounds and money spent, impacts observed and kills assessed by the sensors' look
/// (the truth figures are null).
/// </summary>
public sealed record SummaryView(int? Launched, int? Destroyed, int? Leaked, int Rounds, double DefenderSpend, double? AttackerSpendDestroyed,
    double? CostExchangeRatio, double? Damage, int Impacts = 0, int AssessedKills = 0, bool Truth = true);
