using Canopy.Core.Defence;
using Canopy.Core.Geometry;
using Canopy.Tracking;
using static Canopy.ThreatEvaluation.Tests.TestData;

namespace Canopy.ThreatEvaluation.Tests;

public class KinematicThreatEvaluatorTests
{
    private const double G = BallisticImpactPredictor.Gravity;

    [Fact]
    public void Evaluate_DroneHeadingToAsset_TargetsItWithDistanceOverSpeedToGo()
    {
        var city = Asset("city", 0, 0, 1000, 1e6);
        var port = Asset("port", 30_000, 0, 1000, 5e6);
        var evaluator = new KinematicThreatEvaluator(Layout(city, port));
        var drone = Track(1, new Vec3(0, 20_000, 500), new Vec3(0, -50, 0));

        var a = Assert.Single(evaluator.Evaluate(0, [drone]));

        Assert.Equal(ThreatClass.Drone, a.Class);
        Assert.Same(city, a.TargetAsset);
        Assert.True(a.ThreatensDefendedArea);
        Assert.Equal(400, a.TimeToGo, 6);
        Assert.Equal(0, a.PredictedImpact.HorizontalLength, 3);
        Assert.Equal(1e6 * 0.02, a.ExpectedDamage, 6);
        Assert.Equal(1e6 * 0.02 / 400, a.Score, 9);
    }

    [Fact]
    public void Evaluate_DroneHeadingAway_ThreatensNothing()
    {
        var evaluator = new KinematicThreatEvaluator(Layout(Asset("city", 0, 0, 1000, 1e6)));
        var drone = Track(1, new Vec3(0, 20_000, 500), new Vec3(0, 50, 0));

        var a = Assert.Single(evaluator.Evaluate(0, [drone]));

        Assert.Null(a.TargetAsset);
        Assert.False(a.ThreatensDefendedArea);
        Assert.Equal(0, a.ExpectedDamage);
        Assert.Equal(0, a.Score);
    }

    [Fact]
    public void Evaluate_CruisePassingInTheCorridor_ScalesDamageByMissDistance()
    {
        // Passes 2 km from a 1 km asset: 1 km into the 3 km margin, so reaches it with probability 2/3.
        var evaluator = new KinematicThreatEvaluator(Layout(Asset("base", 0, 0, 1000, 3e6)));
        var cruise = Track(1, new Vec3(-50_000, 2000, 100), new Vec3(250, 0, 0));

        var a = Assert.Single(evaluator.Evaluate(0, [cruise]));

        Assert.Equal(ThreatClass.Cruise, a.Class);
        Assert.True(a.ThreatensDefendedArea);
        Assert.Equal(200, a.TimeToGo, 6);
        Assert.Equal(3e6 * (2.0 / 3) * 0.1, a.ExpectedDamage, 6);
    }

    [Fact]
    public void Evaluate_BallisticOnKnownParabola_PredictsTheImpactOnTheAsset()
    {
        var evaluator = new KinematicThreatEvaluator(Layout(Asset("city", 0, 0, 2000, 1e6)));
        var velocity = new Vec3(0, -1500, -300);
        var missile = Track(7, new Vec3(0, 90_000, 300 * 60 + 0.5 * G * 60 * 60), velocity);

        var a = Assert.Single(evaluator.Evaluate(0, [missile]));

        Assert.Equal(ThreatClass.Ballistic, a.Class);
        Assert.Equal(60, a.TimeToGo, 3);
        Assert.True(a.PredictedImpact.HorizontalLength < 30, $"impact {a.PredictedImpact}");
        Assert.True(a.ThreatensDefendedArea);
        Assert.Equal(1e6 * 0.2 / 60, a.Score, 3);
    }

    [Fact]
    public void Evaluate_TrackTimeBeforeEvaluationTime_ProjectsTheTrackToNow()
    {
        var evaluator = new KinematicThreatEvaluator(Layout(Asset("city", 0, 0, 1000, 1e6)));
        var drone = Track(1, new Vec3(0, 20_000, 500), new Vec3(0, -50, 0), time: 0);

        var a = Assert.Single(evaluator.Evaluate(100, [drone]));

        Assert.Equal(300, a.TimeToGo, 6);
    }

    [Fact]
    public void Evaluate_BallisticTrackOlderThanNow_FallsForTheElapsedTime()
    {
        // The same parabola as above, evaluated 20 s after the track's time: 40 s to go.
        var evaluator = new KinematicThreatEvaluator(Layout(Asset("city", 0, 0, 2000, 1e6)));
        var missile = Track(7, new Vec3(0, 90_000, 300 * 60 + 0.5 * G * 60 * 60), new Vec3(0, -1500, -300));

        var a = Assert.Single(evaluator.Evaluate(20, [missile]));

        Assert.Equal(40, a.TimeToGo, 3);
        Assert.True(a.PredictedImpact.HorizontalLength < 30, $"impact {a.PredictedImpact}");
    }

    [Fact]
    public void Evaluate_SeveralTracks_RanksConfirmedOnesByScore()
    {
        var evaluator = new KinematicThreatEvaluator(Layout(Asset("city", 0, 0, 1000, 1e6)));
        var far = Track(1, new Vec3(0, 40_000, 500), new Vec3(0, -50, 0));
        var near = Track(2, new Vec3(0, 10_000, 500), new Vec3(0, -50, 0));
        var tentative = Track(3, new Vec3(0, 5000, 500), new Vec3(0, -50, 0), status: TrackStatus.Tentative);

        var ranked = evaluator.Evaluate(0, [far, near, tentative]);

        Assert.Equal([2, 1], ranked.Select(a => a.Track.Id));
    }

    [Fact]
    public void Evaluate_FriendlyByIff_IsNotAssessedWhileTheSameKinematicsUnidentifiedAre()
    {
        var iff = new IffCorrelator([]);
        var evaluator = new KinematicThreatEvaluator(Layout(Asset("city", 0, 0, 2000, 1e6)), identity: iff);
        var friendly = Track(1, new Vec3(0, 30_000, 6000), new Vec3(0, -250, 0));
        var unknown = Track(2, new Vec3(0, -30_000, 6000), new Vec3(0, 250, 0));
        iff.Report(new IffReply(0, friendly.Position, -1, true));

        var a = Assert.Single(evaluator.Evaluate(0, [friendly, unknown]));

        Assert.Equal(2, a.Track.Id);
        Assert.True(a.ThreatensDefendedArea);
    }

    [Fact]
    public void Evaluate_HostileAircraftNearlyOverTheCity_RanksBelowABallisticMissileOnIt()
    {
        var evaluator = new KinematicThreatEvaluator(Layout(Asset("city", 0, 0, 2000, 1e6)));
        // 20 s from the city at 250 m/s and 6 km: an aircraft; by damage over time to go alone it would score 1e6 x 0.05 / 20 = 2500.
        var aircraft = Track(1, new Vec3(-5000, 0, 6000), new Vec3(250, 0, 0));
        // 120 s from impact on the city: 1e6 x 0.2 / 120 = 1667.
        var missile = Track(2, new Vec3(0, 180_000, 200 * 120 + 0.5 * G * 120 * 120), new Vec3(0, -1500, -200));

        var ranked = evaluator.Evaluate(0, [aircraft, missile]);

        Assert.Equal([2, 1], ranked.Select(a => a.Track.Id));
        Assert.Equal(ThreatClass.Aircraft, ranked[1].Class);
        Assert.True(ranked[1].ThreatensDefendedArea);
        Assert.Equal(1e6 * 0.05, ranked[1].ExpectedDamage, 6);
        Assert.Equal(1e6 * 0.05 / 600, ranked[1].Score, 6);
        Assert.Equal(1e6 * 0.2 / 120, ranked[0].Score, 1);
    }

    [Fact]
    public void Evaluate_AircraftLethalityFromThePolicy_SetsItsExpectedDamage()
    {
        var layout = new DefenceLayout(Frame, [Asset("city", 0, 0, 2000, 1e6)], [], [], new DefencePolicy { AircraftLethality = 0.3 });
        var a = Assert.Single(new KinematicThreatEvaluator(layout).Evaluate(0, [Track(1, new Vec3(-5000, 0, 6000), new Vec3(250, 0, 0))]));
        Assert.Equal(1e6 * 0.3, a.ExpectedDamage, 6);
    }

    [Fact]
    public void Evaluate_CruiseOverAPlantOnTheWayToTheCity_ArrivesFirstAtThePlantsEdge()
    {
        // The line runs over the plant (2 km radius, 40 km out) and on to the city: the city is worth more, but the
        // missile may dive at the plant, so the deadline is its entry into the plant's footprint at 38 km / 250 m/s.
        var city = Asset("city", 0, 0, 15_000, 1e6);
        var plant = Asset("plant", 40_000, 0, 2000, 3e5);
        var evaluator = new KinematicThreatEvaluator(Layout(city, plant));
        var cruise = Track(1, new Vec3(80_000, 0, 75), new Vec3(-250, 0, 0));

        var a = Assert.Single(evaluator.Evaluate(0, [cruise]));

        Assert.Same(city, a.TargetAsset);
        Assert.Equal(320, a.TimeToGo, 6);
        Assert.Equal(38_000 / 250.0, a.FirstArrival, 6);
        Assert.Same(plant, a.FirstAsset);
    }

    [Fact]
    public void Evaluate_CruiseDivingShortOfTheCity_TargetsTheAssetUnderTheDive()
    {
        // Sinking 10 m/s from about 511 m (500 m over the tangent plane, 11 m of Earth's drop at 12 km): it reaches the
        // ground in 51 s, 12.8 km on, just past the plant, and never gets to the city 30 km beyond.
        var city = Asset("city", -30_000, 0, 5000, 1e6);
        var plant = Asset("plant", 0, 0, 2000, 3e5);
        var evaluator = new KinematicThreatEvaluator(Layout(city, plant));
        var level = Track(1, new Vec3(12_000, 0, 500), new Vec3(-250, 0, 0));
        var diving = Track(2, new Vec3(12_000, 0, 500), new Vec3(-250, 0, -10));

        var byId = evaluator.Evaluate(0, [level, diving]).ToDictionary(a => a.Track.Id);

        Assert.Same(city, byId[1].TargetAsset);
        Assert.Same(plant, byId[2].TargetAsset);
        Assert.Equal(48, byId[2].TimeToGo, 6);
        Assert.Equal(40, byId[2].FirstArrival, 6);
        Assert.Same(plant, byId[2].FirstAsset);
        Assert.Same(plant, byId[1].FirstAsset); // level, it still flies over the plant first
    }

    [Fact]
    public void Evaluate_UncertainAlongTrackState_SpreadsTheArrival()
    {
        // σ 100 m along track and σ 2 m/s: at 200 s to go, sqrt(100² + (200 x 2)²) / 250 = 1.649 s.
        var evaluator = new KinematicThreatEvaluator(Layout(Asset("base", 0, 0, 1, 3e6)));
        var covariance = new double[36];
        covariance[0] = 100 * 100;
        covariance[21] = 2 * 2;
        var cruise = Track(1, new Vec3(-50_000, 0, 100), new Vec3(250, 0, 0)) with { Covariance = covariance };

        var a = Assert.Single(evaluator.Evaluate(0, [cruise]));

        Assert.Equal(200, a.FirstArrival, 2);
        Assert.Equal(Math.Sqrt(100 * 100 + 400 * 400) / 250, a.ArrivalSigma, 2);
    }
}
