using Canopy.Assignment.Horizon;
using Canopy.Core.Defence;
using Canopy.Core.Geometry;
using Canopy.Core.Quantities;
using Canopy.ThreatEvaluation;
using static Canopy.Assignment.Tests.TestData;

namespace Canopy.Assignment.Tests;

/// <summary>At the default 200 k$ per value unit: damage 30 is worth 6 M$, damage 100 is worth 20 M$.</summary>
public class RollingHorizonWeaponAssignerTests
{
    private static ThreatAssessment Inbound(int id, double east, double north, double speed, ThreatClass cls, double damage,
        double height = 300)
    {
        var at = new Vec3(east, north, height);
        var distance = at.HorizontalLength;
        var velocity = new Vec3(-east / distance * speed, -north / distance * speed, 0);
        return Threat(Track(id, at, velocity), cls, timeToGo: Math.Max(1, (distance - 1000) / speed), score: damage / distance)
            with { ExpectedDamage = damage };
    }

    /// <summary>A gun at the city, a medium-range unit 3 km out with three rounds, and a long-range unit with two.</summary>
    private static EffectorSpec[] Force() =>
    [
        Gun(),
        Effector("mr", maxRange: 20_000, magazine: 3, reload: 5, reaction: 2, pk: 0.85, cost: 5e5, east: 3000),
        Effector("lr", EffectorClass.LongRangeInterceptor, maxRange: 60_000, maxAltitude: 20_000, speed: 1500, magazine: 2,
            reload: 10, reaction: 4, pk: 0.9, cost: 4e6),
    ];

    private static ThreatAssessment[] SmallNight() =>
    [
        Inbound(1, 2500, 0, 50, ThreatClass.Drone, 30),
        Inbound(2, 0, 6000, 50, ThreatClass.Drone, 30),
        Inbound(3, -9000, 2000, 50, ThreatClass.Drone, 30),
        Inbound(4, 30_000, 10_000, 250, ThreatClass.Cruise, 100, height: 100),
    ];

    /// <summary>The best net over every way of giving each slot a threat it can take, or none.</summary>
    private static double BruteForce(HorizonProblem problem)
    {
        var choice = new int[problem.Slots.Count];
        var best = double.NegativeInfinity;
        void Search(int s)
        {
            if (s == choice.Length)
            {
                best = Math.Max(best, problem.Net(choice));
                return;
            }
            choice[s] = -1;
            Search(s + 1);
            for (var j = 0; j < problem.Threats.Count; j++)
            {
                if (problem.Kill(s, j) <= 0) continue;
                choice[s] = j;
                Search(s + 1);
            }
        }
        Search(0);
        return best;
    }

    [Fact]
    public void Plan_SmallNight_EqualsBruteForceOfTheHorizonProblem()
    {
        var force = Force();
        var units = force.Select(e => Unit(e)).ToArray();
        var assigner = new RollingHorizonWeaponAssigner(Layout(true, force));

        var plan = assigner.Plan(0, SmallNight(), units);

        Assert.InRange(plan.Problem.Slots.Count, 4, RollingHorizonOptions.Default.ExactSlots);
        Assert.Equal(4, plan.Problem.Threats.Count);
        var best = BruteForce(plan.Problem);
        Assert.True(best > 0);
        Assert.Equal(best, plan.Net, 6);
        Assert.True(plan.Proven);
    }

    [Fact]
    public void Plan_HeuristicOnALargerNight_NeverBeatsBruteForceAndComesClose()
    {
        // Past ExactSlots the local search solves it; brute force is still affordable here.
        var force = Force();
        var units = force.Select(e => Unit(e)).ToArray();
        var assigner = new RollingHorizonWeaponAssigner(Layout(true, force), RollingHorizonOptions.Default with { ExactSlots = 0 });

        var plan = assigner.Plan(0, SmallNight(), units);

        var best = BruteForce(plan.Problem);
        Assert.True(plan.Net <= best + 1e-6);
        Assert.True(plan.Net >= 0.95 * best, $"heuristic {plan.Net}, optimum {best}");
    }

    [Fact]
    public void Assign_SmallNight_CheapGunTakesTheNearDroneAndTheMissileGoesToAnInterceptor()
    {
        var force = Force();
        var assignments = new RollingHorizonWeaponAssigner(Layout(true, force)).Assign(0, SmallNight(), force.Select(e => Unit(e)).ToArray());

        Assert.Equal("gun", assignments.Single(a => a.TrackId == 1).Effector.Id);
        Assert.All(assignments.Where(a => a.TrackId == 4), a => Assert.NotEqual("gun", a.Effector.Id));
        Assert.Equal(assignments.Count, assignments.Select(a => a.Effector.Id).Distinct().Count());
        Assert.Equal(assignments.Count, assignments.Select(a => a.TrackId).Distinct().Count());
    }

    /// <summary>Random raids: drones and cruise missiles at 2-40 km, some already close to their arrival.</summary>
    private static ThreatAssessment[] RandomRaid(Random random, int count) =>
        Enumerable.Range(1, count).Select(id =>
        {
            var bearing = random.NextDouble() * 2 * Math.PI;
            var cruise = random.NextDouble() < 0.3;
            var distance = 2000 + random.NextDouble() * (cruise ? 40_000 : 12_000);
            var t = Inbound(id, distance * Math.Cos(bearing), distance * Math.Sin(bearing), cruise ? 250 : 50,
                cruise ? ThreatClass.Cruise : ThreatClass.Drone, cruise ? 100 : 30);
            // Some threats arrive (or dive) sooner than their straight path says.
            return random.NextDouble() < 0.3 ? t with { FirstArrival = t.TimeToGo * random.NextDouble(), ArrivalSigma = 2 } : t;
        }).ToArray();

    [Fact]
    public void Assign_RandomRaids_NeverOrdersAnInterceptAfterThePredictedArrivalLessTheMargin()
    {
        var force = Force();
        var assigner = new RollingHorizonWeaponAssigner(Layout(true, force));
        var timing = EngagementTiming.Default;
        var random = new Random(7);
        var ordered = 0;
        for (var night = 0; night < 20; night++)
        {
            var threats = RandomRaid(random, 8);
            foreach (var a in assigner.Assign(0, threats, force.Select(e => Unit(e)).ToArray()))
            {
                var t = threats.Single(x => x.Track.Id == a.TrackId);
                Assert.True(a.InterceptTime <= t.FirstArrival - timing.ArrivalMargin(t) + 1e-9,
                    $"night {night}: intercept at {a.InterceptTime:F1} s, arrival {t.FirstArrival:F1} s");
                ordered++;
            }
        }
        Assert.True(ordered > 20);
    }

    [Fact]
    public void Assign_MagazinesAndReloads_AreRespected()
    {
        var force = Force();
        var assigner = new RollingHorizonWeaponAssigner(Layout(true, force));
        var random = new Random(3);
        for (var night = 0; night < 20; night++)
        {
            // The gun is empty, the medium-range unit has one round and reloads until 7 s, the long-range unit is ready.
            var units = new[] { Unit(force[0], rounds: 0), Unit(force[1], rounds: 1, readyAt: 7), Unit(force[2]) };
            var threats = RandomRaid(random, 8);
            var plan = assigner.Plan(0, threats, units);
            foreach (var group in plan.Problem.Slots.GroupBy(s => s.Unit))
            {
                var unit = units[group.Key];
                var slots = group.OrderBy(s => s.Index).ToList();
                Assert.True(slots.Count * unit.Spec.SalvoSize <= unit.RoundsLeft + unit.Spec.SalvoSize - 1);
                Assert.True(slots[0].EarliestLaunch >= unit.ReadyAt);
                for (var k = 1; k < slots.Count; k++)
                    Assert.Equal(slots[k - 1].EarliestLaunch + unit.Spec.ReloadTime.Seconds, slots[k].EarliestLaunch, 9);
            }
            Assert.DoesNotContain(plan.Problem.Slots, s => s.Unit == 0);
            Assert.True(plan.Problem.Slots.Count(s => s.Unit == 1) <= 1);
            var assignments = assigner.Assign(0, threats, units);
            Assert.DoesNotContain(assignments, a => a.Effector.Id == "gun");
            Assert.All(assignments, a =>
            {
                var unit = units.Single(u => u.Spec.Id == a.Effector.Id);
                Assert.True(a.LaunchTime >= unit.ReadyAt && a.LaunchTime >= unit.Spec.ReactionTime.Seconds);
                Assert.InRange(a.Rounds, 1, unit.RoundsLeft);
            });
            Assert.Equal(assignments.Count, assignments.Select(a => a.Effector.Id).Distinct().Count());
        }
    }

    [Fact]
    public void Assign_SameInputsAndSeed_SamePlan()
    {
        var force = Force();
        var threats = RandomRaid(new Random(11), 30);
        var options = RollingHorizonOptions.Default with { ExactSlots = 0, Seed = 5 };
        var first = new RollingHorizonWeaponAssigner(Layout(true, force), options).Assign(0, threats, force.Select(e => Unit(e)).ToArray());
        var second = new RollingHorizonWeaponAssigner(Layout(true, force), options).Assign(0, threats, force.Select(e => Unit(e)).ToArray());

        Assert.NotEmpty(first);
        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    public void Assign_NoTimeLeft_ReturnsAValidPlanFromTheFallback(int exactSlots)
    {
        // A zero budget cuts the exact solver (and the local search) short: what comes back is still a plan the units can fly.
        var force = Force();
        var units = force.Select(e => Unit(e)).ToArray();
        var threats = RandomRaid(new Random(5), 40);
        var rushed = new RollingHorizonWeaponAssigner(Layout(true, force),
            RollingHorizonOptions.Default with { ExactSlots = exactSlots, TimeBudget = Duration.Zero });

        var plan = rushed.Plan(0, threats, units);
        var assignments = rushed.Assign(0, threats, units);

        Assert.Equal(plan.Problem.Slots.Count, plan.ThreatOfSlot.Count);
        for (var s = 0; s < plan.ThreatOfSlot.Count; s++)
            if (plan.ThreatOfSlot[s] is var j && j >= 0) Assert.True(plan.Problem.Kill(s, j) > 0);
        Assert.Equal(plan.Net, plan.Problem.Net(plan.ThreatOfSlot), 6);
        // The most urgent threat was planned before the clock was read, and the fallback fires at it.
        Assert.NotEmpty(plan.Problem.Threats);
        Assert.True(plan.Net > 0);
        Assert.Equal(assignments.Count, assignments.Select(a => a.Effector.Id).Distinct().Count());
        Assert.Equal(assignments.Count, assignments.Select(a => a.TrackId).Distinct().Count());
        var timing = EngagementTiming.Default;
        Assert.All(assignments, a =>
        {
            var t = threats.Single(x => x.Track.Id == a.TrackId);
            Assert.True(a.InterceptTime <= t.FirstArrival - timing.ArrivalMargin(t) + 1e-9);
        });
    }

    [Fact]
    public void MarginalReturn_SmallNight_NeverBeatsBruteForce()
    {
        var force = Force();
        var problem = new RollingHorizonWeaponAssigner(Layout(true, force)).Plan(0, SmallNight(), force.Select(e => Unit(e)).ToArray()).Problem;

        var greedy = problem.Net(problem.MarginalReturn());
        var best = BruteForce(problem);

        Assert.InRange(greedy, 0.5 * best, best + 1e-6);
    }

    [Fact]
    public void Options_OutOfRange_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => (RollingHorizonOptions.Default with { SlotsPerUnit = 0 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => (RollingHorizonOptions.Default with { DebrisPenalty = 2 }).Validate());
    }
}
