using Canopy.Assignment;
using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Quantities;
using Canopy.Engagement;
using Canopy.World.Raids;

namespace Canopy.World.Tests;

public class SimulatedWorldTests
{
    private static readonly LocalFrame Frame = new(WorldFixtures.Origin);

    private static ShotOrder ShotAt(SimulatedWorld world, double time, EffectorSpec gun) =>
        new(1, new WeaponAssignment(gun, 7, 1, time - 5, time, world.Threats[0].Enu, gun.KillProbabilityAgainst(ThreatClass.Drone).Value, gun.CostPerShot));

    [Fact]
    public void AdvanceTo_ThreatReachesItsAimPoint_DamagesTheAssetByValueTimesLethality()
    {
        var drone = WorldFixtures.NorthboundDrone(1, 0, 5000, 100, speed: 50, lethality: 0.25);
        var city = new DefendedAsset("City", AssetKind.City, drone.AimPoint, Length.FromKilometres(2), 400);
        var world = new SimulatedWorld([drone], [city], Frame, new Random(1));
        world.AdvanceTo(0);
        Assert.True(drone.IsFlying);
        var events = world.AdvanceTo(101);
        var impact = Assert.Single(events);
        Assert.Equal(WorldEventKind.Impact, impact.Kind);
        Assert.Equal(100, impact.Time, 0.01);
        Assert.Equal(100, world.AssetDamage["City"], 1e-9);
        Assert.Equal(1, world.AssetHits["City"]);
        Assert.True(world.Finished);
    }

    [Theory]
    [InlineData(1.0, WorldEventKind.Kill, ThreatState.Destroyed)]
    [InlineData(0.0, WorldEventKind.Miss, ThreatState.Flying)]
    public void Fire_AtTheThreat_KillsWithTheEffectorsPk(double pk, WorldEventKind expected, ThreatState state)
    {
        var world = new SimulatedWorld([WorldFixtures.NorthboundDrone(1, 3000, 50_000, 500)], [], Frame, new Random(1));
        world.AdvanceTo(10);
        world.Fire(ShotAt(world, 10, WorldFixtures.Gun(pk)));
        var e = Assert.Single(world.AdvanceTo(10));
        Assert.Equal(expected, e.Kind);
        Assert.Equal(state, world.Threats[0].State);
    }

    [Fact]
    public void Fire_NoThreatInTheBasket_Misses()
    {
        var world = new SimulatedWorld([WorldFixtures.NorthboundDrone(1, 3000, 50_000, 500)], [], Frame, new Random(1));
        world.AdvanceTo(10);
        var gun = WorldFixtures.Gun(1);
        var shot = ShotAt(world, 40, gun);
        world.Fire(shot);
        // By t = 40 s the drone has flown 1.5 km past the point it was at when the shot was aimed (t = 10 s) plus the basket.
        var e = Assert.Single(world.AdvanceTo(50));
        Assert.Equal(WorldEventKind.Miss, e.Kind);
        Assert.Equal(-1, e.ThreatId);
    }

    [Fact]
    public void AdvanceTo_BeforeLaunch_ThreatWaits()
    {
        var world = new SimulatedWorld([WorldFixtures.NorthboundDrone(1, 0, 5000, 100, launchTime: 60)], [], Frame, new Random(1));
        Assert.Empty(world.AdvanceTo(59));
        Assert.Equal(ThreatState.Waiting, world.Threats[0].State);
        Assert.False(world.Finished);
        Assert.Equal(WorldEventKind.Launch, Assert.Single(world.AdvanceTo(60)).Kind);
    }
}
