using Canopy.Planning.Placement;
using Canopy.Scenarios.Loading;

namespace Canopy.Planning.Tests;

public class PlacementPlanTests
{
    private static string Plan(string systemsExtra = "", string gepardRange = "5 km") => $$"""
        name: small-plan
        base: {{Path.Combine(SupplyModelTests.RepoRoot(), "scenarios", "quiet-night.yaml")}}
        min-distance: 2 km
        systems:
          - { name: GEPARD, count: 2, class: gun, max-range: {{gepardRange}}, max-altitude: 3 km, interceptor-speed: 1100 m/s, magazine: 30,
              reload-time: 3 s, cost-per-shot: 5 k$, kill-probability: { drone: 0.6, cruise: 0.3 }{{systemsExtra}} }
        sites:
          - { name: CENTRE, position: { lat: 50.4501, lon: 30.5234, height: 20 m } }
          - { name: NEAR, position: { lat: 50.4601, lon: 30.5234 } }
          - { name: FAR, position: { lat: 49.40, lon: 29.00 } }
        """;

    [Fact]
    public void PlanLoadsPlacesAndWritesAValidScenario()
    {
        var loaded = PlacementPlanLoader.Parse(Plan(), "small.yaml", ".");
        Assert.Empty(loaded.Errors);
        var plan = loaded.Plan!;
        Assert.Equal(5000, plan.Systems[0].Type.MaxRange.Metres);
        var problem = CorridorCoverage.Build(plan);
        // CENTRE and NEAR are 1.1 km apart: closer than the minimum distance.
        Assert.Equal([(0, 1)], problem.Conflicts);
        // FAR, 150 km off every approach, sees no threat.
        Assert.False(problem.Useful(0, 2));
        Assert.True(problem.Useful(0, 0));
        var placement = new CbcPlacementSolver().Solve(problem);
        Assert.Equal(1, placement.KindAtSite.Count(k => k == 0));
        var yaml = PlacedScenarioWriter.Write(plan, plan.Sites, placement.KindAtSite);
        var scenario = ScenarioLoader.Parse(yaml, "placed.yaml");
        Assert.Empty(scenario.Errors);
        var unit = Assert.Single(scenario.Scenario!.Effectors);
        Assert.Equal("GEPARD-1", unit.Id);
        Assert.Equal(30, unit.Magazine);
        // The rest of the base scenario is kept.
        Assert.Equal(3, scenario.Scenario.Assets.Count);
    }

    [Fact]
    public void BadQuantityIsReportedWithItsLineAndColumn()
    {
        var loaded = PlacementPlanLoader.Parse(Plan(gepardRange: "5"), "small.yaml", ".");
        Assert.Null(loaded.Plan);
        var e = Assert.Single(loaded.Errors);
        Assert.Equal(5, e.Line);
        Assert.Contains("unit of length", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShippedRecordNightPlanLoadsWithTheRecordNightInventory()
    {
        var loaded = PlacementPlanLoader.Load(Path.Combine(SupplyModelTests.RepoRoot(), "plans", "record-night-plan.yaml"));
        Assert.Empty(loaded.Errors);
        var plan = loaded.Plan!;
        // Same inventory as scenarios/record-night.yaml, system by class.
        foreach (var group in plan.Base.Effectors.GroupBy(e => e.Class))
            Assert.Equal(group.Count(), plan.Systems.Single(s => s.Type.Class == group.Key).Count);
    }
}
