using Canopy.Pipeline;
using Canopy.Simulation.Results;
using Canopy.Simulation.Running;

namespace Canopy.Simulation.Tests.Running;

public class SimulationRunnerTests
{
    private static readonly SimulationRunner Runner = SimulationRunner.CreateDefault();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Run_PkOne_AlwaysDestroysTheDrone(int seed)
    {
        var result = Runner.Run(TestScenarios.OneDroneOneGun(pk: 1), seed);
        var drones = Assert.Single(result.Threats);
        Assert.Equal((1, 1, 1, 1, 1, 0), (drones.Launched, drones.Detected, drones.Tracked, drones.Engaged, drones.Destroyed, drones.Leaked));
        Assert.Equal(0, result.TotalDamage);
        Assert.Equal(1, Assert.Single(result.Interceptors).Rounds);
        Assert.Equal(5000.0 / 35000.0, result.CostExchangeRatio, 1e-12);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Run_PkZero_AlwaysLeaks(int seed)
    {
        var result = Runner.Run(TestScenarios.OneDroneOneGun(pk: 0), seed);
        var drones = Assert.Single(result.Threats);
        Assert.Equal((1, 1, 0, 0, 1), (drones.Detected, drones.Tracked, drones.Engaged, drones.Destroyed, drones.Leaked));
        Assert.Equal(10, result.TotalDamage, 1e-9);
        Assert.Equal(0, Assert.Single(result.Interceptors).Rounds);
        Assert.Contains(result.Events, e => e.Kind == TimelineEventKind.Impact && e.Detail.Contains("Town", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_MissedDrone_IsEngagedAgainAfterTheLook()
    {
        // Pk 0.001: every shot misses with this seed, so the gun shoots, looks, and shoots again until the drone lands.
        // The greedy assigner fires whatever a shot is worth (the default one would not: see the next test).
        var result = new SimulationRunner(l => DefaultPipeline.Create(l, AssignerKind.Greedy)).Run(TestScenarios.OneDroneOneGun(pk: 0.001), 1);
        var drones = Assert.Single(result.Threats);
        Assert.Equal((1, 0, 1), (drones.Engaged, drones.Destroyed, drones.Leaked));
        var gun = Assert.Single(result.Interceptors);
        Assert.True(gun.Engagements > 1, $"{gun.Engagements} engagements");
        Assert.Contains(result.Events, e => e.Kind == TimelineEventKind.Look && e.Detail == "track survived");
    }

    [Fact]
    public void Run_ShotWorthLessThanItsPrice_IsNotFired()
    {
        // The drone would do 100 x 0.02 = 2 value units = 400 k$ of damage; at Pk 0.001 a 5 k$ round prevents 400 $.
        var result = Runner.Run(TestScenarios.OneDroneOneGun(pk: 0.001), 1);
        Assert.Equal((0, 1), (Assert.Single(result.Threats).Engaged, Assert.Single(result.Threats).Leaked));
        Assert.Equal(0, Assert.Single(result.Interceptors).Rounds);
    }

    [Fact]
    public void Run_PkOne_ExpectedDamageIsTheAssessedDamageAndNoneAfterTheShot()
    {
        // One drone straight at the town: expected damage 100 x 1 x 0.02; a Pk 1 shot leaves none.
        var result = Runner.Run(TestScenarios.OneDroneOneGun(pk: 1), 1);
        Assert.Equal(2, result.ExpectedDamage, 1e-9);
        Assert.Equal(0, result.ExpectedDamageAfterDefence, 1e-12);
    }

    [Fact]
    public void Run_SameScenarioAndSeed_GivesByteIdenticalJson()
    {
        var scenario = TestScenarios.OneDroneOneGun(pk: 0.5);
        var a = ResultJson.ToJson(Runner.Run(scenario, 42));
        var b = ResultJson.ToJson(Runner.Run(scenario, 42));
        Assert.Equal(a, b);
    }

    [Fact]
    public void Run_TimeLine_IsInCausalOrder()
    {
        var result = Runner.Run(TestScenarios.OneDroneOneGun(pk: 1), 1);
        var kinds = result.Events.Select(e => e.Kind).Where(k => k != TimelineEventKind.Look).ToList();
        Assert.Equal([TimelineEventKind.Launch, TimelineEventKind.FirstDetection, TimelineEventKind.TrackConfirmed, TimelineEventKind.Engagement, TimelineEventKind.Kill], kinds);
        Assert.True(result.Events.Zip(result.Events.Skip(1)).All(p => p.First.Time <= p.Second.Time));
    }
}
