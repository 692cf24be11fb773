using Canopy.Assignment;
using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.Core.Quantities;
using Canopy.ThreatEvaluation;
using Canopy.Tracking;

namespace Canopy.Engagement.Tests;

public class ShootLookShootEngagementControllerTests
{
    private static readonly LocalFrame Frame = new(Geodetic.FromDegrees(32.0, 34.8, 0));

    private static readonly EffectorSpec Sam = Effector("sam", east: 0);
    private static readonly EffectorSpec Sam2 = Effector("sam2", east: 5000);

    private static readonly DefenceLayout Layout = new(Frame,
        [new DefendedAsset("city", AssetKind.City, Frame.Origin, Length.FromMetres(1000), 1e6)], [], [Sam, Sam2],
        new DefencePolicy());

    private static EffectorSpec Effector(string id, double east) =>
        new(id, EffectorClass.MediumRangeInterceptor, Frame.ToGeodetic(new Vec3(east, 0, 0)), Length.FromMetres(0),
            Length.FromKilometres(30), Length.FromKilometres(10), Speed.FromMetresPerSecond(900),
            Magazine: 10, Duration.FromSeconds(5), Duration.FromSeconds(0), SalvoSize: 2,
            new Dictionary<ThreatClass, Probability> { [ThreatClass.Drone] = Probability.Of(0.8) },
            Money.FromDollars(1000));

    private static WeaponAssignment Assignment(EffectorSpec spec, int trackId, int rounds = 2, double launch = 0,
        double intercept = 20) =>
        new(spec, trackId, rounds, launch, intercept, Vec3.Zero, 0.96, Money.FromDollars(2000));

    /// <summary>A low drone 20 km north closing at 100 m/s, last updated by a plot at <paramref name="lastUpdate"/>.</summary>
    private static Track Drone(int id, double time, double lastUpdate) =>
        new(id, TrackStatus.Confirmed, time, new Vec3(0, 20_000 - 100 * time, 0), new Vec3(0, -100, 0),
            new double[36], 0, lastUpdate, 10);

    [Fact]
    public void FireUnits_Initially_HaveFullMagazinesAtTheirEnuPositions()
    {
        var controller = new ShootLookShootEngagementController(Layout);

        Assert.Equal(["sam", "sam2"], controller.FireUnits.Select(u => u.Spec.Id));
        var second = controller.FireUnits[1];
        Assert.Equal(10, second.RoundsLeft);
        Assert.Equal(5000, second.Position.X, 3);
        Assert.Equal(0, second.ReadyAt);
        Assert.Empty(second.Engaging);
    }

    [Fact]
    public void Step_Assignments_FireNumberedShotsAndUpdateTheUnits()
    {
        var controller = new ShootLookShootEngagementController(Layout);

        var first = controller.Step(0, [], [Assignment(Sam, 1, launch: 2), Assignment(Sam2, 2)]);
        var second = controller.Step(10, [], [Assignment(Sam, 3, launch: 10)]);

        Assert.Equal([1, 2], first.Shots.Select(s => s.ShotId));
        Assert.Equal(3, Assert.Single(second.Shots).ShotId);
        var sam = controller.FireUnits[0];
        Assert.Equal(6, sam.RoundsLeft);
        Assert.Equal(15, sam.ReadyAt);
        Assert.Equal([1, 3], sam.Engaging.Order());
    }

    [Fact]
    public void Step_InfeasibleAssignments_AreIgnored()
    {
        var controller = new ShootLookShootEngagementController(Layout);
        controller.Step(0, [], [Assignment(Sam, 1, launch: 0)]); // sam ready again at 5

        var step = controller.Step(1, [],
        [
            Assignment(Sam, 2, launch: 4),        // still reloading
            Assignment(Sam2, 1),                  // track already engaged
            Assignment(Sam2, 3, rounds: 11),      // more rounds than left
        ]);

        Assert.Empty(step.Shots);
        Assert.Equal(10, controller.FireUnits[1].RoundsLeft);
    }

    [Fact]
    public void Step_BeforeTheLookDelay_DoesNotLook()
    {
        var controller = new ShootLookShootEngagementController(Layout);
        controller.Step(0, [], [Assignment(Sam, 1, intercept: 20)]);

        var step = controller.Step(22.9, [], []);

        Assert.Empty(step.Looks);
        Assert.Contains(1, controller.FireUnits[0].Engaging);
    }

    [Fact]
    public void Step_TrackGoneAfterIntercept_ReportsTrackGoneAndFreesTheUnit()
    {
        var controller = new ShootLookShootEngagementController(Layout);
        controller.Step(0, [], [Assignment(Sam, 1, intercept: 20)]);

        var step = controller.Step(23, [], []);

        Assert.Equal(new EngagementLook(1, 1, 23, LookResult.TrackGone), Assert.Single(step.Looks));
        Assert.Empty(controller.FireUnits[0].Engaging);
    }

    [Fact]
    public void Step_TrackPresentButNotUpdated_WaitsUntilTheLookTimeout()
    {
        var controller = new ShootLookShootEngagementController(Layout);
        controller.Step(0, [], [Assignment(Sam, 1, intercept: 20)]);

        var waiting = controller.Step(25, [Drone(1, 25, lastUpdate: 19)], []);
        var timedOut = controller.Step(50, [Drone(1, 50, lastUpdate: 19)], []);

        Assert.Empty(waiting.Looks);
        Assert.Equal(LookResult.TrackSurvived, Assert.Single(timedOut.Looks).Result);
    }

    [Fact]
    public void Step_TrackUpdatedAfterIntercept_SurvivesAndIsAssignedAgainNextCall()
    {
        var controller = new ShootLookShootEngagementController(Layout);
        var evaluator = new KinematicThreatEvaluator(Layout);
        var assigner = new GreedyWeaponAssigner(Layout);

        var shots = Fire(0, Drone(1, 0, 0)).Shots;
        var intercept = Assert.Single(shots).Assignment.InterceptTime;
        Assert.Equal(20, intercept, 6);
        Assert.Empty(assigner.Assign(21, evaluator.Evaluate(21, [Drone(1, 21, 21)]), controller.FireUnits));

        var look = controller.Step(23, [Drone(1, 23, lastUpdate: 22)], []);
        var reengaged = Fire(24, Drone(1, 24, 24));

        Assert.Equal(LookResult.TrackSurvived, Assert.Single(look.Looks).Result);
        var shot = Assert.Single(reengaged.Shots);
        Assert.Equal((2, 1), (shot.ShotId, shot.Assignment.TrackId));

        EngagementStep Fire(double time, Track track) =>
            controller.Step(time, [track], assigner.Assign(time, evaluator.Evaluate(time, [track]), controller.FireUnits));
    }
}
