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
        var shot = ShotAt(world, 100, gun);
        world.Fire(shot);
        // By t = 100 s the drone is 4.5 km past the point the shot was sent to (where it was at t = 10 s): outside the
        // 1.5 km basket plus 10 % of the 3.5 km flown.
        var e = Assert.Single(world.AdvanceTo(100));
        Assert.Equal(WorldEventKind.Miss, e.Kind);
        Assert.Equal(-1, e.ThreatId);
    }

    [Fact]
    public void AdvanceTo_TwoHits_CompoundOnWhatIsLeft()
    {
        var first = WorldFixtures.NorthboundDrone(1, 0, 5000, 100, lethality: 0.5);
        var second = WorldFixtures.NorthboundDrone(2, 0, 5000, 100, lethality: 0.5, launchTime: 10);
        var city = new DefendedAsset("City", AssetKind.City, first.AimPoint, Length.FromKilometres(2), 400);
        var world = new SimulatedWorld([first, second], [city], Frame, new Random(1));
        world.AdvanceTo(200);
        Assert.Equal(2, world.AssetHits["City"]);
        Assert.Equal(300, world.AssetDamage["City"], 1e-9);
    }

    [Fact]
    public void Fire_ThreatDestroyedBeforeTheIntercept_Misses()
    {
        var world = new SimulatedWorld([WorldFixtures.NorthboundDrone(1, 3000, 50_000, 500)], [], Frame, new Random(1));
        world.AdvanceTo(10);
        var gun = WorldFixtures.Gun(1);
        world.Fire(ShotAt(world, 10, gun));
        world.Fire(ShotAt(world, 10, gun) with { ShotId = 2 });
        var events = world.AdvanceTo(10);
        Assert.Equal([WorldEventKind.Kill, WorldEventKind.Miss], events.Select(e => e.Kind));
        Assert.Equal("target already gone", events[1].Detail);
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
