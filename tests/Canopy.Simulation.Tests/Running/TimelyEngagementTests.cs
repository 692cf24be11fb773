using Canopy.Assignment;
using Canopy.Pipeline;
using Canopy.Simulation.Running;
using Canopy.World.Raids;

namespace Canopy.Simulation.Tests.Running;

/// <summary>Intercepts come before the threat can strike (<see cref="TestScenarios.PlantOnTheWay"/>).</summary>
public class TimelyEngagementTests
{
    [Theory]
    [InlineData(AssignerKind.MarginalReturn, false)]
    [InlineData(AssignerKind.MarginalReturn, true)]
    [InlineData(AssignerKind.Greedy, false)]
    [InlineData(AssignerKind.RollingHorizon, false)]
    [InlineData(AssignerKind.RollingHorizon, true)]
    public void CruiseMissilePastALongRangeBattery_IsEngagedWithAMarginBeforeImpactOnEverySeed(AssignerKind assigner, bool layered)
    {
        var scenario = TestScenarios.PlantOnTheWay(layered);
        var look = EngagementTiming.Default.LookDelay.Seconds;
        for (var seed = 1; seed <= 20; seed++)
        {
            var session = new SimulationSession(scenario, seed, layout => DefaultPipeline.Create(layout, assigner));
            var missile = Assert.Single(session.World.Threats);
            var intercepts = new List<double>();
            while (session.Step() is { } step)
            {
                foreach (var a in step.Assignments)
                {
                    // Never planned after the predicted arrival less the look ...
                    var threat = step.Threats.Single(t => t.Track.Id == a.TrackId);
                    Assert.True(a.InterceptTime <= step.Time + threat.FirstArrival - look + 1e-6,
                        $"seed {seed}: intercept at {a.InterceptTime:F1} s planned after the predicted arrival {step.Time + threat.FirstArrival:F1} s less the look");
                }
                intercepts.AddRange(step.Engagements.Shots.Select(s => s.Assignment.InterceptTime));
            }
            // ... nor after the true impact less the look, and the first one comes on every seed.
            Assert.True(intercepts.Count > 0, $"seed {seed}: the missile was never engaged");
            Assert.All(intercepts, t => Assert.True(t <= missile.ImpactTime - look,
                $"seed {seed}: intercept at {t:F1} s, impact at {missile.ImpactTime:F1} s"));
        }
    }
}
