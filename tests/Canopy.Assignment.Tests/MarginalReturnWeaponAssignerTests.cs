using Canopy.Core.Defence;
using Canopy.Core.Geometry;
using Canopy.Core.Quantities;
using Canopy.ThreatEvaluation;
using static Canopy.Assignment.Tests.TestData;

namespace Canopy.Assignment.Tests;

/// <summary>At the default 200 k$ per value unit: damage 100 is worth 20 M$, damage 30 is worth 6 M$.</summary>
public class MarginalReturnWeaponAssignerTests
{
    private static ThreatAssessment Valued(ThreatAssessment t, double damage) => t with { ExpectedDamage = damage };

    private static ThreatAssessment Ballistic() => Valued(Threat(Track(1, new Vec3(30_000, 0, 15_000), new Vec3(-1000, 0, -500)),
        ThreatClass.Ballistic, timeToGo: 60, score: 10), 100);

    private static ThreatAssessment DroneNearby(int id = 2, double damage = 30) =>
        Valued(Threat(Track(id, new Vec3(2500, 0, 300), new Vec3(-50, 0, 0)), timeToGo: 50, score: 1), damage);

    [Fact]
    public void Assign_BallisticAndDroneBothFeasible_MissileForTheMissileGunForTheDrone()
    {
        var sam = Missile();
        var gun = Gun();
        var units = new[] { Unit(sam), Unit(gun) };

        var plan = new MarginalReturnWeaponAssigner(Layout(true, sam, gun)).Assign(0, [Ballistic(), DroneNearby()], units);

        Assert.Equal(2, plan.Count);
        Assert.Equal("sam", plan.Single(a => a.TrackId == 1).Effector.Id);
        Assert.Equal("gun", plan.Single(a => a.TrackId == 2).Effector.Id);
    }

    [Fact]
    public void Assign_LastMissileRoundAndATrackedBallisticMissile_KeepsTheRoundFromTheDrone()
    {
        // Only the missile unit can reach the drone now, but its last round is reserved for the ballistic missile,
        // which it will be able to reach later.
        var sam = Missile();
        var ballisticLater = Valued(Threat(Track(1, new Vec3(150_000, 0, 40_000), new Vec3(-1000, 0, 0)),
            ThreatClass.Ballistic, timeToGo: 150, score: 10), 100);
        var drone = Valued(Threat(Track(2, new Vec3(20_000, 0, 300), new Vec3(-50, 0, 0)), timeToGo: 400, score: 1), 30);

        var plan = new MarginalReturnWeaponAssigner(Layout(true, sam)).Assign(0, [ballisticLater, drone], [Unit(sam, rounds: 1)]);

        Assert.DoesNotContain(plan, a => a.TrackId == 2);
    }

    [Fact]
    public void Assign_DroneAGunWillReachBeforeItArrives_LongRangeUnitHoldsFire()
    {
        // Drone 20 km out at 50 m/s, arriving in 400 s; the gun at the city reaches it from about 320 s on.
        var sam = Missile();
        var gun = Gun();
        var drone = Valued(Threat(Track(2, new Vec3(20_000, 0, 300), new Vec3(-50, 0, 0)), timeToGo: 400), 30);
        var assigner = new MarginalReturnWeaponAssigner(Layout(true, sam, gun));

        var withGun = assigner.Assign(0, [drone], [Unit(sam), Unit(gun)]);
        var gunEmpty = assigner.Assign(0, [drone], [Unit(sam), Unit(gun, rounds: 0)]);

        Assert.Empty(withGun);
        Assert.Equal("sam", Assert.Single(gunEmpty).Effector.Id);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(90, true)]
    public void Assign_CheaperLayerLater_DefersOnlyWhileThisUnitCanStillBackItUp(double reaction, bool firesNow)
    {
        // Drone 20 km out at 50 m/s, arriving in 400 s; the gun at the city intercepts it at about 321 s (Pk 0.651, net
        // 3.9 M$). A 100 k$ missile (net 5.3 M$) whose window closes at the deadline (400 s less the 3 s look) can back
        // the gun up after its look when it reacts at once: deferring is worth 3.9 + 0.349 x 5.3 = 5.75 M$ >= 5.3 M$.
        // Reacting in 90 s it could launch only after 321 + 3 + 90 = 414 s, too late: the gun alone is worth less, so it fires now.
        var sam = Effector("sam", EffectorClass.LongRangeInterceptor, maxRange: 70_000, maxAltitude: 20_000, speed: 1500,
            magazine: 8, reaction: reaction, pk: 0.9, cost: 100_000);
        var gun = Gun();
        var drone = Valued(Threat(Track(2, new Vec3(20_000, 0, 300), new Vec3(-50, 0, 0)), timeToGo: 400), 30);

        var plan = new MarginalReturnWeaponAssigner(Layout(true, sam, gun)).Assign(0, [drone], [Unit(sam), Unit(gun)]);

        Assert.Equal(firesNow, plan.Any(a => a.Effector.Id == "sam"));
    }

    [Fact]
    public void Assign_DroneWorthLessThanTheMissileSalvo_IsNotEngagedByTheMissile()
    {
        // 0.9 x 1 M$ of damage prevented does not pay for a 4 M$ round.
        var sam = Missile();
        var drone = Valued(Threat(Track(2, new Vec3(20_000, 0, 300), new Vec3(-50, 0, 0)), timeToGo: 400), 5);

        Assert.Empty(new MarginalReturnWeaponAssigner(Layout(true, sam)).Assign(0, [drone], [Unit(sam)]));
    }

    [Fact]
    public void Assign_ThreatToNoDefendedArea_NotEngagedUnderTheRuleEngagedWithout()
    {
        var gun = Gun();
        var stray = Valued(Threat(Track(2, new Vec3(2500, 0, 300), new Vec3(-50, 0, 0)), threatens: false), 0);

        var rule = new MarginalReturnWeaponAssigner(Layout(true, gun)).Assign(0, [stray], [Unit(gun)]);
        var noRule = new MarginalReturnWeaponAssigner(Layout(false, gun)).Assign(0, [stray], [Unit(gun)]);

        Assert.Empty(rule);
        Assert.Single(noRule);
    }

    [Fact]
    public void Assign_AlreadyEngagedThreat_WaitsForTheLook()
    {
        var gun = Gun();

        var plan = new MarginalReturnWeaponAssigner(Layout(true, gun)).Assign(0, [DroneNearby()], [Unit(gun, engaging: 2)]);

        Assert.Empty(plan);
    }

    [Fact]
    public void Assign_ZeroTimeBudget_StillReturnsAValidPlan()
    {
        var (threats, units, layout) = Crowd(40, 12);
        var assigner = new MarginalReturnWeaponAssigner(layout, new MarginalReturnOptions(TimeBudget: Duration.Zero));

        var plan = assigner.Assign(0, threats, units);

        Assert.NotEmpty(plan);
        AssertValid(plan, units);
    }

    [Fact]
    public void Assign_UnboundedBudgetOnACrowd_IsValidAndAtLeastAsGoodAsTheZeroBudgetPlan()
    {
        var (threats, units, layout) = Crowd(40, 12);

        var full = new MarginalReturnWeaponAssigner(layout).Assign(0, threats, units);
        var rushed = new MarginalReturnWeaponAssigner(layout, new MarginalReturnOptions(TimeBudget: Duration.Zero)).Assign(0, threats, units);

        AssertValid(full, units);
        Assert.True(full.Count >= rushed.Count, $"{full.Count} < {rushed.Count}");
    }

    private static void AssertValid(IReadOnlyList<WeaponAssignment> plan, FireUnitState[] units)
    {
        Assert.Equal(plan.Count, plan.Select(a => a.TrackId).Distinct().Count());
        Assert.Equal(plan.Count, plan.Select(a => a.Effector.Id).Distinct().Count());
        foreach (var a in plan)
        {
            var unit = units.Single(u => u.Spec.Id == a.Effector.Id);
            Assert.InRange(a.Rounds, 1, unit.RoundsLeft);
            Assert.True(a.LaunchTime >= unit.ReadyAt);
        }
    }

    /// <summary>Drones on a ring closing on the city, guns on a smaller ring: a deterministic crowd.</summary>
    private static (ThreatAssessment[], FireUnitState[], DefenceLayout) Crowd(int threats, int guns)
    {
        var specs = Enumerable.Range(0, guns).Select(k => Effector($"gun{k}", EffectorClass.Gun,
            east: 3000 * Math.Cos(2 * Math.PI * k / guns), north: 3000 * Math.Sin(2 * Math.PI * k / guns),
            maxRange: 4000, maxAltitude: 3000, cost: 5000, pk: 0.6)).ToArray();
        var drones = Enumerable.Range(0, threats).Select(i =>
        {
            var angle = 2 * Math.PI * i / threats;
            var at = new Vec3(5000 * Math.Cos(angle), 5000 * Math.Sin(angle), 300);
            return Valued(Threat(Track(i + 1, at, (at * (-50 / 5000.0)) with { Z = 0 }), timeToGo: 100, score: threats - i), 20);
        }).ToArray();
        return (drones, specs.Select(s => Unit(s)).ToArray(), Layout(true, specs));
    }
}
