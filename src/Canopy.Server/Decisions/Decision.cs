namespace Canopy.Server.Decisions;

/// <summary>What was decided about a recommendation.</summary>
public enum DecisionKind
{
    /// <summary>An operator approved the shot.</summary>
    Approve,

    /// <summary>An operator held fire on the track.</summary>
    Veto,

    /// <summary>The system released the shot (automatic mode, or the semi-automatic delay ran out).</summary>
    Auto,
}

/// <summary>One decision on one recommendation: who, when (simulated and wall time) and what was recommended.</summary>
/// <param name="SimulatedTime">Seconds from the start of the run.</param>
/// <param name="DecidedAt">Wall-clock time of the decision (UTC).</param>
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
    double InterceptTime);
