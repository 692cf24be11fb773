using Canopy.Assignment.Bound;
using Canopy.Pipeline;
using Canopy.Simulation.Bound;
using Canopy.Simulation.Running;

namespace Canopy.Simulation.Tests.Bound;

public class ClairvoyantNightTests
{
    private static readonly CbcNightBoundSolver Solver = new() { TimeLimit = TimeSpan.FromSeconds(30) };

    [Fact]
    public void Build_OneDroneOneGun_ValuesTheDroneAtLethalityTimesTheTown()
    {
        var (threats, problem) = ClairvoyantNight.Build(TestScenarios.OneDroneOneGun(0.6), 1);

        Assert.Single(threats);
        Assert.Equal(100 * 0.1, problem.ThreatValues[0], 9);
        var window = Assert.Single(problem.Opportunities);
        Assert.Equal(0.6, window.KillProbability, 9);
        Assert.Equal(5000, window.Cost, 9);
        // The drone (170 km/h) is inside 5 km (+1 km slack) of the gun for its last 127 s, so the window holds all 20 salvos.
        Assert.Equal(20, problem.Capacity(0));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Bound_IsNeverBelowAnAssignersExpectedValueSaved(bool layered)
    {
        var scenario = TestScenarios.PlantOnTheWay(layered);
        for (var seed = 1; seed <= 5; seed++)
        {
            var bound = Solver.Solve(ClairvoyantNight.Build(scenario, seed).Problem);
            foreach (var kind in Enum.GetValues<AssignerKind>())
            {
                var result = new SimulationRunner(layout => DefaultPipeline.Create(layout, kind)).Run(scenario, seed);
                Assert.True(result.ExpectedValueSaved <= bound.UpperBound + 1e-9,
                    $"seed {seed}, {kind}: saved {result.ExpectedValueSaved}, bound {bound.UpperBound}");
                Assert.True(result.ExpectedValueSaved > 0, $"seed {seed}, {kind}: nothing saved");
            }
            Assert.True(bound.PlanValue <= bound.UpperBound + 1e-9);
        }
    }
}
