using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.Core.Quantities;
using Canopy.Core.Sensing;
using Canopy.Tracking;

namespace Canopy.Pipeline.Tests;

public class DefaultPipelineTests
{
    private static readonly Geodetic Centre = Geodetic.FromDegrees(50, 30);

    private static DefenceLayout TownWithOneGun()
    {
        var town = new DefendedAsset("Town", AssetKind.City, Centre, Length.FromKilometres(3), 100);
        var gun = new EffectorSpec("GUN-1", EffectorClass.Gun, Centre, Length.FromMetres(200), Length.FromKilometres(5), Length.FromKilometres(3),
            Speed.FromMetresPerSecond(1000), 10, Duration.FromSeconds(3), Duration.Zero, 1,
            new Dictionary<ThreatClass, Probability> { [ThreatClass.Drone] = Probability.Of(0.6) }, Money.FromDollars(5000));
        return new DefenceLayout(new LocalFrame(Centre), [town], [], [gun], new DefencePolicy());
    }

    [Fact]
    public void Step_DroneFlyingAtTheTown_IsTrackedRankedAndEngagedOnceInRange()
    {
        var pipeline = DefaultPipeline.Create(TownWithOneGun());
        var feed = new SensorId(99);
        PipelineStep? firstThreat = null, firstShot = null;
        for (var t = 0.0; t <= 150 && firstShot is null; t += 2)
        {
            // 1 km up, 10 km east of the town at t = 0, flying west at 50 m/s; an exact position feed every 2 s.
            var step = pipeline.Step(t, [Plot.Position(feed, t, new Vec3(10_000 - 50 * t, 0, 1000))]);
            if (firstThreat is null && step.Threats.Count > 0) firstThreat = step;
            if (step.Engagements.Shots.Count > 0) firstShot = step;
        }

        Assert.NotNull(firstThreat);
        var threat = Assert.Single(firstThreat.Threats);
        Assert.Equal(TrackStatus.Confirmed, threat.Track.Status);
        Assert.Equal("Town", threat.TargetAsset?.Name);
        Assert.True(threat.ThreatensDefendedArea);
        // Closest approach is over the town centre: (10 km - 50 t) / 50 m/s to go.
        Assert.Equal((10_000 - 50 * firstThreat.Time) / 50, threat.TimeToGo, 3.0);

        Assert.NotNull(firstShot);
        var shot = Assert.Single(firstShot.Engagements.Shots);
        Assert.Equal(("GUN-1", 1), (shot.Assignment.Effector.Id, shot.ShotId));
        // The gun reaches 5 km: the drone (1 km up) is engaged once its intercept point comes inside that slant range.
        var interceptRange = shot.Assignment.InterceptPoint.Length;
        Assert.InRange(interceptRange, 4000, 5000);
        Assert.InRange(firstShot.Time, 80, 110);
    }

    [Fact]
    public void Step_DroneFlyingAway_IsNotEngaged()
    {
        var pipeline = DefaultPipeline.Create(TownWithOneGun());
        var shots = 0;
        for (var t = 0.0; t <= 100; t += 2)
            shots += pipeline.Step(t, [Plot.Position(new SensorId(99), t, new Vec3(3000 + 50 * t, 0, 1000))]).Engagements.Shots.Count;
        Assert.Equal(0, shots);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void Step_AirlinerOnApproach_IsAssignedOnlyWithoutItsAdsbReports(bool adsb, bool assigned)
    {
        // An airliner on final approach to the town's airfield: 1 km up, 75 m/s, straight at the town, kinematically a threat.
        var civil = new Canopy.ThreatEvaluation.AdsbCorrelator();
        var pipeline = DefaultPipeline.Create(TownWithOneGun(), AssignerKind.MarginalReturn, static a => a, civil);
        var assignments = 0;
        for (var t = 0.0; t <= 120; t += 2)
        {
            var at = new Vec3(10_000 - 75 * t, 0, 1000);
            // Its ADS-B position (every 2 s, 0.5 s before the radar's) is 400 m off horizontally and 150 m vertically: within the gate.
            if (adsb) civil.Report(new Canopy.ThreatEvaluation.AdsbReport(0x4CA123, t - 0.5, new Vec3(10_000 - 75 * (t - 0.5), 400, 1150)));
            assignments += pipeline.Step(t, [Plot.Position(new SensorId(99), t, at)]).Assignments.Count;
        }
        Assert.Equal(assigned, assignments > 0);
    }

    [Theory]
    [InlineData(AssignerKind.MarginalReturn, typeof(Canopy.Assignment.MarginalReturnWeaponAssigner))]
    [InlineData(AssignerKind.Greedy, typeof(Canopy.Assignment.GreedyWeaponAssigner))]
    [InlineData(AssignerKind.RollingHorizon, typeof(Canopy.Assignment.Horizon.RollingHorizonWeaponAssigner))]
    public void CreateAssigner_EachKind_BuildsItsAssigner(AssignerKind kind, Type expected) =>
        Assert.IsType(expected, DefaultPipeline.CreateAssigner(TownWithOneGun(), kind));
}
