using Canopy.Core.Defence;
using Canopy.Core.Quantities;
using Canopy.ThreatEvaluation;

namespace Canopy.Assignment;

/// <summary>
/// When an engagement still matters: the look (kill assessment) after an intercept, and the deadline by which an intercept
/// must come. One value of each, shared by the assigners (which plan the look and the backup shot after it) and the
/// engagement controller (which looks then).
/// </summary>
/// <param name="LookDelay">From an intercept to the look that tells whether a second shot is needed.</param>
/// <param name="ArrivalSigmas">How many standard deviations of the predicted time to go an intercept keeps in hand.</param>
/// <param name="OpenHorizon">Deadline (after the first possible launch) for a threat that threatens no defended area.</param>
public sealed record EngagementTiming(Duration LookDelay, double ArrivalSigmas, Duration OpenHorizon)
{
    /// <summary>Look 3 s after the intercept; keep two standard deviations of the time to go; 10 min for open ground.</summary>
    public static EngagementTiming Default { get; } = new(Duration.FromSeconds(3), 2, Duration.FromMinutes(10));

    /// <summary>
    /// Seconds between an intercept's deadline and the threat's predicted first arrival at a defended asset (or impact):
    /// the look after the intercept plus <see cref="ArrivalSigmas"/> of the arrival's uncertainty. An intercept later than
    /// that would be judged only after the threat may already have struck.
    /// </summary>
    public double ArrivalMargin(ThreatAssessment threat) => LookDelay.Seconds + ArrivalSigmas * threat.ArrivalSigma;

    /// <summary>
    /// Latest intercept time against <paramref name="threat"/> assessed at <paramref name="time"/>: its first predicted
    /// arrival (ballistic: impact) less <see cref="ArrivalMargin"/>; for a threat to no defended area
    /// <see cref="OpenHorizon"/> after <paramref name="firstLaunch"/>.
    /// </summary>
    public double InterceptDeadline(double time, ThreatAssessment threat, double firstLaunch) =>
        threat.Class == ThreatClass.Ballistic || threat.ThreatensDefendedArea
            ? time + threat.FirstArrival - ArrivalMargin(threat)
            : firstLaunch + OpenHorizon.Seconds;
}
