using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Quantities;
using Canopy.ThreatEvaluation;

namespace Canopy.Assignment;

/// <summary>
/// Whether one fire unit can engage one threat now, and how: launch at max(now + reaction time, ready time), earliest
/// intercept by <see cref="InterceptSolver"/>, and the unit's limits (rounds, kill probability, slant range,
/// altitude above the unit). The intercept must come by <see cref="EngagementTiming.InterceptDeadline"/> when that is a
/// real deadline (ballistic threats hit the ground, threats to a defended area arrive there, less the look and the
/// arrival's uncertainty); other threats are bounded only by the unit's range.
/// </summary>
public sealed class EngagementFeasibility(LocalFrame frame, EngagementTiming? timing = null)
{
    private readonly EngagementTiming _timing = timing ?? EngagementTiming.Default;

    /// <summary>The engagement the unit would fly against the threat, or null if it cannot.</summary>
    public WeaponAssignment? Evaluate(double time, ThreatAssessment threat, FireUnitState unit)
    {
        var spec = unit.Spec;
        var pk = spec.KillProbabilityAgainst(threat.Class).Value;
        if (unit.RoundsLeft < 1 || pk <= 0)
            return null;

        var speed = spec.InterceptorSpeed.MetresPerSecond;
        var launch = Math.Max(time + spec.ReactionTime.Seconds, unit.ReadyAt);
        var latest = launch + spec.MaxRange.Metres / speed;
        if (threat.Class == ThreatClass.Ballistic || threat.ThreatensDefendedArea)
            latest = Math.Min(latest, _timing.InterceptDeadline(time, threat, launch));
        var track = threat.Track;
        var motion = new ThreatMotion(track.Position, track.Velocity, track.Time, threat.Class == ThreatClass.Ballistic);
        if (InterceptSolver.Solve(motion, unit.Position, launch, speed, latest) is not { } intercept)
            return null;

        var slantRange = (intercept.Point - unit.Position).Length;
        var altitude = frame.ToGeodetic(intercept.Point).HeightM - frame.ToGeodetic(unit.Position).HeightM;
        if (slantRange < spec.MinRange.Metres || slantRange > spec.MaxRange.Metres || altitude > spec.MaxAltitude.Metres)
            return null;

        var rounds = Math.Min(spec.SalvoSize, unit.RoundsLeft);
        var salvoPk = 1 - Math.Pow(1 - pk, rounds);
        return new WeaponAssignment(spec, track.Id, rounds, launch, intercept.Time, intercept.Point, salvoPk,
            spec.CostPerShot * rounds);
    }
}
