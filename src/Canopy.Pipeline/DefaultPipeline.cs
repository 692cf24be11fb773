using Canopy.Assignment;
using Canopy.Assignment.Horizon;
using Canopy.Core.Defence;
using Canopy.Engagement;
using Canopy.ThreatEvaluation;
using Canopy.Tracking;

namespace Canopy.Pipeline;

/// <summary>Which weapon assigner a pipeline runs.</summary>
public enum AssignerKind
{
    /// <summary><see cref="MarginalReturnWeaponAssigner"/>: value against price, layered, with look-ahead (the default).</summary>
    MarginalReturn,

    /// <summary><see cref="GreedyWeaponAssigner"/>: cheapest cost per kill now (the baseline).</summary>
    Greedy,

    /// <summary><see cref="RollingHorizonWeaponAssigner"/>: the static problem of the next minutes re-solved each scan.</summary>
    RollingHorizon,
}

/// <summary>The pipeline Canopy runs unless told otherwise: one implementation of each stage.</summary>
public static class DefaultPipeline
{
    public static DefencePipeline Create(DefenceLayout layout) => Create(layout, AssignerKind.MarginalReturn);

    public static DefencePipeline Create(DefenceLayout layout, AssignerKind assigner) => Create(layout, assigner, static a => a);

    /// <param name="wrapAssigner">Wraps the assigner, e.g. in the operator's approval gate of a live console.</param>
    public static DefencePipeline Create(DefenceLayout layout, AssignerKind assigner, Func<IWeaponAssigner, IWeaponAssigner> wrapAssigner) =>
        Create(layout, assigner, wrapAssigner, null);

    /// <param name="identity">
    /// Identifies civil and friendly aircraft (e.g. an <see cref="AdsbCorrelator"/> fed elsewhere), which are never assessed as
    /// threats; null for a <see cref="CooperativeIdentityCorrelator"/> with the policy's friendly codes, which the pipeline
    /// exposes as <see cref="DefencePipeline.Identity"/> to be fed ADS-B reports and IFF replies.
    /// </param>
    /// <param name="tracking">The tracker's options; null for the defaults.</param>
    /// <param name="positions">The fire units' reported positions (e.g. from CoT), read every step; null: units stay where the layout put them.</param>
    public static DefencePipeline Create(DefenceLayout layout, AssignerKind assigner, Func<IWeaponAssigner, IWeaponAssigner> wrapAssigner,
        IIdentityCorrelator? identity, TrackerOptions? tracking = null, IEffectorPositions? positions = null)
    {
        var cooperative = identity is null ? CooperativeIdentityCorrelator.For(layout.Policy) : null;
        return new DefencePipeline(
            new KalmanTracker(layout, tracking),
            new KinematicThreatEvaluator(layout, identity: identity ?? cooperative),
            wrapAssigner(CreateAssigner(layout, assigner)),
            new ShootLookShootEngagementController(layout),
            positions,
            cooperative);
    }

    public static IWeaponAssigner CreateAssigner(DefenceLayout layout, AssignerKind kind) => kind switch
    {
        AssignerKind.Greedy => new GreedyWeaponAssigner(layout),
        AssignerKind.RollingHorizon => new RollingHorizonWeaponAssigner(layout),
        _ => new MarginalReturnWeaponAssigner(layout),
    };
}
