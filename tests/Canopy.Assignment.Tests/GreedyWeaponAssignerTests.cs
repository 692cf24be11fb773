using Canopy.Core.Defence;
using Canopy.Core.Geometry;
using Canopy.ThreatEvaluation;
using static Canopy.Assignment.Tests.TestData;

namespace Canopy.Assignment.Tests;

public class GreedyWeaponAssignerTests
{
    private static readonly Vec3 Inbound = new(0, -100, 0);

    private static IReadOnlyList<WeaponAssignment> Assign(ThreatAssessment threat, params FireUnitState[] units) =>
        new GreedyWeaponAssigner(Layout(true, units.Select(u => u.Spec).ToArray())).Assign(0, [threat], units);

    [Fact]
    public void Assign_HeadOnDrone_InterceptsAtTheHandComputedTime()
    {
        // 20 km out closing at 100 m/s, interceptor 900 m/s, no reaction time: meets at 20 s, 18 km out.
        var sam = Effector("sam", maxRange: 30_000, speed: 900);
        var threat = Threat(Track(1, new Vec3(0, 20_000, 0), Inbound));

        var a = Assert.Single(Assign(threat, Unit(sam)));

        Assert.Equal(0, a.LaunchTime);
        Assert.Equal(20, a.InterceptTime, 6);
        Assert.Equal(18_000, a.InterceptPoint.Y, 3);
        Assert.Equal(1, a.TrackId);
        Assert.Equal(0.9, a.KillProbability, 12);
        Assert.Equal(1000, a.Cost.Dollars);
    }

    [Fact]
    public void Assign_DroneInReachOfGunAndMissile_PicksTheCheaperGunPerKill()
    {
        // Gun: 10 rounds at p = 0.1 for $1000, Pk 1 - 0.9^10 = 0.651, $1536 per kill; missile: $4.4M per kill.
        var threat = Threat(Track(1, new Vec3(0, 3000, 300), new Vec3(0, -50, 0)));

        var a = Assert.Single(Assign(threat, Unit(Missile()), Unit(Gun())));

        Assert.Equal("gun", a.Effector.Id);
        Assert.Equal(10, a.Rounds);
        Assert.Equal(1 - Math.Pow(0.9, 10), a.KillProbability, 12);
        Assert.Equal(1000, a.Cost.Dollars);
    }

    [Fact]
    public void Assign_BallisticThreat_GoesToTheMissileTheGunCannotKill()
    {
        var threat = Threat(Track(1, new Vec3(0, 3000, 3000), new Vec3(0, -1000, -1000)), ThreatClass.Ballistic, 30);

        var a = Assert.Single(Assign(threat, Unit(Gun()), Unit(Missile())));

        Assert.Equal("sam", a.Effector.Id);
    }

    [Fact]
    public void Assign_FewerRoundsThanSalvo_FiresWhatIsLeft()
    {
        var threat = Threat(Track(1, new Vec3(0, 3000, 300), new Vec3(0, -50, 0)));

        var a = Assert.Single(Assign(threat, Unit(Gun(), rounds: 3)));

        Assert.Equal(3, a.Rounds);
        Assert.Equal(1 - Math.Pow(0.9, 3), a.KillProbability, 12);
        Assert.Equal(300, a.Cost.Dollars);
    }

    [Fact]
    public void Assign_ReactionTime_DelaysTheLaunch()
    {
        var sam = Effector("sam", maxRange: 30_000, speed: 900, reaction: 5);
        var threat = Threat(Track(1, new Vec3(0, 20_500, 0), Inbound));

        var a = Assert.Single(Assign(threat, Unit(sam)));

        Assert.Equal(5, a.LaunchTime);
        Assert.Equal(25, a.InterceptTime, 6);
    }

    [Fact]
    public void Assign_UnitReloadingBriefly_LaunchesWhenReady()
    {
        var threat = Threat(Track(1, new Vec3(0, 20_500, 0), Inbound));

        var a = Assert.Single(Assign(threat, Unit(Effector("sam", maxRange: 30_000, speed: 900), readyAt: 5)));

        Assert.Equal(5, a.LaunchTime);
    }

    [Fact]
    public void Assign_UnitReloadingPastTheTimeToGo_IsNotAssigned()
    {
        var threat = Threat(Track(1, new Vec3(0, 5000, 300), Inbound), timeToGo: 50);
        Assert.Empty(Assign(threat, Unit(Effector("sam"), readyAt: 60)));
    }

    [Fact]
    public void Assign_ThreatBeyondMaxRange_IsNotAssigned()
    {
        var threat = Threat(Track(1, new Vec3(0, 50_000, 300), Inbound));
        Assert.Empty(Assign(threat, Unit(Effector("sam", maxRange: 10_000))));
    }

    [Fact]
    public void Assign_ThreatInsideMinRange_IsNotAssigned()
    {
        var threat = Threat(Track(1, new Vec3(0, 300, 100), Inbound));
        Assert.Empty(Assign(threat, Unit(Effector("sam", minRange: 1000))));
    }

    [Fact]
    public void Assign_ThreatAboveMaxAltitude_IsNotAssigned()
    {
        var threat = Threat(Track(1, new Vec3(0, 5000, 15_000), Inbound));
        Assert.Empty(Assign(threat, Unit(Effector("sam", maxAltitude: 10_000, maxRange: 30_000))));
    }

    [Fact]
    public void Assign_UnitWithoutRounds_IsNotAssigned()
    {
        var threat = Threat(Track(1, new Vec3(0, 5000, 300), Inbound));
        Assert.Empty(Assign(threat, Unit(Effector("sam"), rounds: 0)));
    }

    [Fact]
    public void Assign_TrackAlreadyEngaged_IsNotAssignedAgain()
    {
        var threat = Threat(Track(1, new Vec3(0, 5000, 300), Inbound));
        Assert.Empty(Assign(threat, Unit(Effector("sam")), Unit(Effector("gun"), engaging: 1)));
    }

    [Fact]
    public void Assign_OneUnitTwoThreats_TakesTheHigherScoreOnly()
    {
        var sam = Effector("sam");
        var low = Threat(Track(1, new Vec3(0, 5000, 300), Inbound), score: 1);
        var high = Threat(Track(2, new Vec3(0, 6000, 300), Inbound), score: 5);

        var assignments = new GreedyWeaponAssigner(Layout(true, sam)).Assign(0, [low, high], [Unit(sam)]);

        Assert.Equal(2, Assert.Single(assignments).TrackId);
    }

    [Fact]
    public void Assign_DroneHeadingAway_IsEngagedOnlyWhenPolicyAllows()
    {
        var sam = Effector("sam");
        var leaving = Track(1, new Vec3(0, 5000, 300), new Vec3(0, 50, 0));

        foreach (var (policy, expected) in new[] { (true, 0), (false, 1) })
        {
            var layout = Layout(policy, sam);
            var threats = new KinematicThreatEvaluator(layout).Evaluate(0, [leaving]);
            Assert.False(Assert.Single(threats).ThreatensDefendedArea);

            var assignments = new GreedyWeaponAssigner(layout).Assign(0, threats, [Unit(sam)]);

            Assert.Equal(expected, assignments.Count);
        }
    }
}
