namespace Canopy.Server.Decisions;

/// <summary>What was decided about a recommendation.</summary>
public enum DecisionKind
{
    /// <summary>An operator approved the shot.</summary>
    Approve,

    /// <summary>An operator rejected one pairing (that fire unit on that track); another unit may be proposed.</summary>
    Veto,

    /// <summary>The system released the shot (automatic mode, or the semi-automatic delay ran out).</summary>
    Auto,

    /// <summary>An operator held fire on a track: nothing is proposed or fired against it until released.</summary>
    Hold,

    /// <summary>An operator released a hold on a track.</summary>
    Release,

    /// <summary>An operator changed the run's approval mode (the detail says from what to what).</summary>
    Mode,
}

/// <summary>
/// One decision on one recommendation (or, for <see cref="DecisionKind.Hold"/>, <see cref="DecisionKind.Release"/> and
/// <see cref="DecisionKind.Mode"/>, on a track or the run: recommendation 0, no fire unit, no figures): who, when
/// (simulated and wall time) and what was recommended.
/// </summary>
/// <param name="SimulatedTime">Seconds from the start of the run.</param>
/// <param name="DecidedAt">Wall-clock time of the decision (UTC).</param>
/// <param name="Version">The recommendation's version the figures recorded are of (null: before versions were recorded, or no recommendation).</param>
/// <param name="SeenVersion">The version the operator saw and named in the approval or veto (null: a decision of the system, or none named).</param>
/// <param name="Detail">What else there is to say: a mode change "manual -> semi", a version seen older than the figures recorded.</param>
public sealed record Decision(
    string RunId,
    int RecommendationId,
    DecisionKind Kind,
    string Operator,
    double SimulatedTime,
    DateTimeOffset DecidedAt,
    string Effector,
    int TrackId,
    int Rounds,
    double KillProbability,
    double Cost,
    double InterceptTime,
    int? Version = null,
    int? SeenVersion = null,
    string? Detail = null);
