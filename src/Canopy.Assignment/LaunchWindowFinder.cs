using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.ThreatEvaluation;

namespace Canopy.Assignment;

/// <summary>
/// Launch windows of one fire unit against one threat (<see cref="EngagementWindow"/>). The deadline is
/// <see cref="EngagementTiming.InterceptDeadline"/>: the threat's first predicted arrival at a defended asset (ballistic:
/// impact) less the look and the arrival's uncertainty, so that every intercept is judged before the threat can strike;
/// for a threat to no defended area the timing's open horizon. Launch times are sampled evenly from the first possible launch to the deadline; the first and last
/// feasible samples are refined by bisection. A launch is feasible when <see cref="InterceptSolver"/> finds an intercept
/// by the deadline whose slant range lies in [min, max range] and whose height above the unit is at most the maximum
/// altitude (heights from the ENU frame with the sphere's drop d²/2R). Constant-velocity threats whose path never comes
/// within the maximum range of the unit before the deadline are rejected without sampling. Not for use by several threads at once.
/// </summary>
public sealed class LaunchWindowFinder
{
    private const int Samples = 12;
    private const int BisectionSteps = 6;

    private readonly (Vec3 Centre, double Radius)[] _assets;
    private ThreatAssessment? _motionOf;
    private ThreatMotion _motion;

    public LaunchWindowFinder(DefenceLayout layout, EngagementTiming? timing = null)
    {
        _assets = layout.Assets.Select(a => (layout.Frame.ToEnu(a.Position), a.Radius.Metres)).ToArray();
        Timing = timing ?? EngagementTiming.Default;
    }

    /// <summary>The look delay and deadlines the windows respect.</summary>
    public EngagementTiming Timing { get; }

    /// <summary>The unit's window against the threat, or null if it has none (or no rounds, or no kill probability).</summary>
    public EngagementWindow? Find(double time, ThreatAssessment threat, FireUnitState unit)
    {
        var spec = unit.Spec;
        var pk = spec.KillProbabilityAgainst(threat.Class).Value;
        if (unit.RoundsLeft < 1 || pk <= 0)
            return null;
        var first = Math.Max(time + spec.ReactionTime.Seconds, unit.ReadyAt);
        var deadline = Timing.InterceptDeadline(time, threat, first);
        if (deadline < first)
            return null;
        var motion = MotionOf(threat);
        if (!motion.Ballistic && !PassesWithin(motion, unit.Position, spec.MaxRange.Metres, time, deadline))
            return null;

        var step = (deadline - first) / Samples;
        int firstOk = -1, lastOk = -1;
        Intercept earliest = default;
        for (var k = 0; k <= Samples; k++)
        {
            if (Feasible(motion, unit, first + k * step, deadline) is not { } intercept)
                continue;
            if (firstOk < 0)
                (firstOk, earliest) = (k, intercept);
            lastOk = k;
            if (step <= 0)
                break;
        }
        if (firstOk < 0)
            return null;
        var earliestLaunch = first + firstOk * step;
        if (firstOk > 0)
            (earliestLaunch, earliest) = RefineEarliest(motion, unit, deadline, first + (firstOk - 1) * step, earliestLaunch, earliest);
        var latestLaunch = first + lastOk * step;
        if (lastOk < Samples && step > 0)
            latestLaunch = RefineLatest(motion, unit, deadline, latestLaunch, latestLaunch + step);

        var rounds = Math.Min(spec.SalvoSize, unit.RoundsLeft);
        return new EngagementWindow(earliestLaunch, latestLaunch, earliest, rounds, 1 - Math.Pow(1 - pk, rounds),
            spec.CostPerShot.Dollars * rounds, OverDefendedArea(earliest.Point), firstOk == 0);
    }

    /// <summary>
    /// The threat's predicted motion, kept for the threat last asked about: an assigner asks about one threat against every
    /// unit in turn, and the track it is read from is large (assessments never change, so the one kept stays right).
    /// </summary>
    private ThreatMotion MotionOf(ThreatAssessment threat)
    {
        if (ReferenceEquals(threat, _motionOf)) return _motion;
        var track = threat.Track;
        _motion = new ThreatMotion(track.Position, track.Velocity, track.Time, threat.Class == ThreatClass.Ballistic);
        _motionOf = threat;
        return _motion;
    }

    /// <summary>The intercept of a launch at <paramref name="launch"/> if it lies inside the unit's envelope.</summary>
    public static Intercept? Feasible(ThreatMotion motion, FireUnitState unit, double launch, double deadline)
    {
        var spec = unit.Spec;
        if (InterceptSolver.Solve(motion, unit.Position, launch, spec.InterceptorSpeed.MetresPerSecond, deadline) is not { } intercept)
            return null;
        return InsideEnvelope(spec, unit.Position, intercept.Point) ? intercept : null;
    }

    /// <summary>
    /// Whether a point lies in the unit's envelope: slant range in [min, max range] and height above the unit at most the
    /// maximum altitude, each widened by <paramref name="slack"/> metres.
    /// </summary>
    public static bool InsideEnvelope(EffectorSpec spec, Vec3 unitPosition, Vec3 point, double slack = 0)
    {
        var slant = (point - unitPosition).Length;
        var height = Height(point) - Height(unitPosition);
        return slant >= spec.MinRange.Metres - slack && slant <= spec.MaxRange.Metres + slack
            && height <= spec.MaxAltitude.Metres + slack;
    }

    private static double Height(Vec3 p) => p.Z + (p.X * p.X + p.Y * p.Y) / (2 * Wgs84.MeanRadius);

    /// <summary>Whether a straight path comes within <paramref name="range"/> (slant) of the unit between now and the deadline.</summary>
    private static bool PassesWithin(ThreatMotion motion, Vec3 unit, double range, double from, double to)
    {
        var start = motion.At(from) - unit;
        var v = motion.Velocity;
        var v2 = v.LengthSquared;
        var t = v2 > 0 ? Math.Clamp(-Vec3.Dot(start, v) / v2, 0, to - from) : 0;
        return (start + v * t).LengthSquared <= range * range;
    }

    private static (double Launch, Intercept Intercept) RefineEarliest(ThreatMotion motion, FireUnitState unit,
        double deadline, double bad, double good, Intercept atGood)
    {
        for (var i = 0; i < BisectionSteps; i++)
        {
            var mid = 0.5 * (bad + good);
            if (Feasible(motion, unit, mid, deadline) is { } intercept)
                (good, atGood) = (mid, intercept);
            else
                bad = mid;
        }
        return (good, atGood);
    }

    private static double RefineLatest(ThreatMotion motion, FireUnitState unit, double deadline, double good, double bad)
    {
        for (var i = 0; i < BisectionSteps; i++)
        {
            var mid = 0.5 * (good + bad);
            if (Feasible(motion, unit, mid, deadline) is not null)
                good = mid;
            else
                bad = mid;
        }
        return good;
    }

    private bool OverDefendedArea(Vec3 point)
    {
        foreach (var (centre, radius) in _assets)
            if ((point - centre).HorizontalLength <= radius)
                return true;
        return false;
    }
}
