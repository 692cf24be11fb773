using Canopy.Assignment;
using Canopy.Core.Defence;
using Canopy.Engagement;
using Canopy.Pipeline;
using Canopy.ThreatEvaluation;
using Canopy.Tracking;

namespace Canopy.Server.Live;

/// <summary>The default pipeline's stages with the operator's approval gate wrapped around the assigner.</summary>
public static class ConsolePipeline
{
    public static DefencePipeline Create(DefenceLayout layout, Func<IWeaponAssigner, IWeaponAssigner> wrapAssigner) => new(
        new KalmanTracker(layout),
        new KinematicThreatEvaluator(layout),
        wrapAssigner(new GreedyWeaponAssigner(layout)),
        new ShootLookShootEngagementController(layout));
}
