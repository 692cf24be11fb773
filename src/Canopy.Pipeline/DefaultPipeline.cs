using Canopy.Assignment;
using Canopy.Core.Defence;
using Canopy.Engagement;
using Canopy.ThreatEvaluation;
using Canopy.Tracking;

namespace Canopy.Pipeline;

/// <summary>The pipeline Canopy runs unless told otherwise: one implementation of each stage.</summary>
public static class DefaultPipeline
{
    public static DefencePipeline Create(DefenceLayout layout) => new(
        new KalmanTracker(layout),
        new KinematicThreatEvaluator(layout),
        new GreedyWeaponAssigner(layout),
        new ShootLookShootEngagementController(layout));
}
