using Canopy.Core.Defence;
using Canopy.Core.Geometry;
using Canopy.Core.Sensing;
using Canopy.Pipeline;
using Canopy.Simulation.Running;
using Canopy.ThreatEvaluation;
using Canopy.Tracking;
using Canopy.World;
using Canopy.World.Raids;

namespace Canopy.Cli.Commands;

/// <summary>
/// Watches a run for `canopy eval-impacts`: at every tick, each confirmed track within <paramref name="association"/> m
/// of a flying ballistic missile (the nearest) gets its free-fall impact point predicted from its position and velocity
/// (<see cref="BallisticImpactPredictor"/>); the horizontal distance to the missile's true aim point is recorded against
/// the track's age (time since its first plot).
/// </summary>
internal sealed class ImpactErrorObserver(double association, ImpactErrorByAge errors) : IRunObserver
{
    public void OnTick(double time, SimulatedWorld world, ReadOnlySpan<Plot> plots, PipelineStep step)
    {
        foreach (var track in step.Tracks)
        {
            if (track.Status != TrackStatus.Confirmed || Nearest(world, track.Position) is not { } threat) continue;
            if (BallisticImpactPredictor.PredictImpact(track.Position, track.Velocity) is not var (_, point)) continue;
            var aim = world.Frame.ToEnu(threat.AimPoint);
            errors.Add(time - track.FirstTime, new Vec3(point.X - aim.X, point.Y - aim.Y, 0).Length);
        }
    }

    private SimulatedThreat? Nearest(SimulatedWorld world, Vec3 position)
    {
        SimulatedThreat? nearest = null;
        var best = association;
        foreach (var threat in world.Threats)
        {
            if (!threat.IsFlying || threat.Class != ThreatClass.Ballistic) continue;
            var d = Vec3.Distance(threat.Enu, position);
            if (d > best) continue;
            best = d;
            nearest = threat;
        }
        return nearest;
    }
}
