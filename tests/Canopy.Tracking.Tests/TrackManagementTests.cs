using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.Core.Quantities;
using Canopy.Core.Sensing;

namespace Canopy.Tracking.Tests;

public class TrackManagementTests
{
    private static readonly RadarSpec Radar = TestWorld.Radar(1, Geodetic.FromDegrees(32.1, 35.1, 50));

    [Fact]
    public void Update_OutOfSequencePlotWithinLagIsAppliedWithoutCorruptingTheTrack()
    {
        var tracker = new KalmanTracker(TestWorld.Layout(Radar));
        var rng = new Random(21);
        Vec3 Truth(double t) => new(20_000 + 60 * t, 10_000 - 20 * t, 1_500);
        for (var t = 1; t <= 10; t++) tracker.Update(t, [TestWorld.Observe(Radar, t, Truth(t), rng)]);
        // At t = 11 the scan of t = 11 arrives with a plot of t = 9.5 delayed by a slow link, and one of t = 3.
        var tracks = tracker.Update(11, [TestWorld.Observe(Radar, 11, Truth(11), rng), TestWorld.Observe(Radar, 9.5, Truth(9.5), rng),
            TestWorld.Observe(Radar, 3, Truth(3), rng)]);
        var track = Assert.Single(tracks);
        Assert.Equal(1, tracker.OutOfSequencePlotsApplied);
        Assert.Equal(1, tracker.OutOfSequencePlotsDropped);
        Assert.Equal(11, track.LastUpdateTime);
        Assert.Equal(12, track.Updates);
        Assert.True(Vec3.Distance(track.Position, Truth(11)) < 30, $"position {track.Position} truth {Truth(11)}");
        Assert.True((track.Velocity - new Vec3(60, -20, 0)).Length < 10, $"velocity {track.Velocity}");
    }

    [Fact]
    public void Update_OutOfSequencePlotOfAnotherPlaceStartsNoTrack()
    {
        var tracker = new KalmanTracker(TestWorld.Layout(Radar));
        var rng = new Random(22);
        for (var t = 1; t <= 5; t++) tracker.Update(t, [TestWorld.Observe(Radar, t, new Vec3(5_000, 5_000, 500), rng)]);
        var tracks = tracker.Update(6, [TestWorld.Observe(Radar, 4.5, new Vec3(-30_000, 5_000, 500), rng)]);
        Assert.Equal(1, Assert.Single(tracks).Id);
        Assert.Equal(1, tracker.OutOfSequencePlotsDropped);
    }

    [Fact]
    public void Update_LowTrackBelowOneRadarsHorizonSurvivesWhileAnotherSeesIt()
    {
        // Radar A (2 s revisit) sees a drone 100 m up. Radar B, about 64 km away, scans every 0.25 s and sees a high
        // aircraft; the drone is within B's range but below B's horizon (4.12·(√10 + √100) ≈ 54 km), so B's scans are
        // no opportunities for it: without the horizon they would be 7 misses between A's hits and delete it.
        var a = TestWorld.Radar(1, Geodetic.FromDegrees(32.0, 35.0, 0)) with { RevisitPeriod = Duration.FromSeconds(2) };
        var b = TestWorld.Radar(2, Geodetic.FromDegrees(32.6, 35.0, 0)) with { RevisitPeriod = Duration.FromSeconds(0.25) };
        var tracker = new KalmanTracker(TestWorld.Layout(a, b));
        var rng = new Random(23);
        var droneId = 0;
        for (var step = 1; step <= 160; step++)
        {
            var t = step * 0.25;
            var drone = new Vec3(2_000 + 30 * t, 3_000, 100);
            var aircraft = new Vec3(0, 60_000 + 200 * t, 9_000);
            var plots = new List<Plot> { TestWorld.Observe(b, t, aircraft, rng) };
            if (step % 8 == 0) plots.Add(TestWorld.Observe(a, t, drone, rng));
            var tracks = tracker.Update(t, plots.ToArray());
            var low = tracks.Where(x => x.Position.Z < 1_000).ToList();
            if (step < 32) continue; // confirmed after three of A's scans
            var track = Assert.Single(low);
            Assert.Equal(TrackStatus.Confirmed, track.Status);
            if (droneId == 0) droneId = track.Id;
            Assert.Equal(droneId, track.Id);
        }
    }

    [Fact]
    public void Distance_RadarHorizonFormula()
    {
        // 4.12 km·(√25 + √100) = 61.8 km.
        Assert.Equal(61_800, RadarHorizon.Distance(25, 100), 1e-6);
        Assert.Equal(4_120 * 5, RadarHorizon.Distance(25, -3), 1e-6);
    }

    [Fact]
    public void Update_RegistrationBiasIsRemovedFromPlots()
    {
        var truth = new Vec3(20_000, 10_000, 1_000);
        double ErrorWith(TrackerOptions options)
        {
            var tracker = new KalmanTracker(TestWorld.Layout(Radar), options);
            var rng = new Random(24);
            IReadOnlyList<Track> tracks = [];
            for (var t = 1; t <= 20; t++)
            {
                var plot = TestWorld.Observe(Radar, t, truth, rng);
                tracks = tracker.Update(t, [Plot.Polar(plot.Sensor, t, plot.Range + 300, plot.Azimuth + 0.002, plot.Elevation)]);
            }
            return Vec3.Distance(Assert.Single(tracks).Position, truth);
        }
        Assert.True(ErrorWith(new TrackerOptions()) > 200);
        Assert.True(ErrorWith(new TrackerOptions { SensorBiases = [new SensorBias(1, 300, 0.002)] }) < 30);
    }

    [Fact]
    public void Update_TrackWhoseCovarianceGrowsTooLargeIsDeleted()
    {
        // A feed outside the layout gives no missed opportunities; coasting grows the position sigma past 500 m.
        var tracker = new KalmanTracker(TestWorld.Layout(Radar), new TrackerOptions { MaxPositionSigma = 500 });
        var feed = new SensorId(50);
        for (var t = 1; t <= 5; t++) tracker.Update(t, [Plot.Position(feed, t, new Vec3(100.0 * t, 0, 1_000))]);
        Assert.Single(tracker.Update(6, []));
        Assert.Empty(tracker.Update(40, []));
    }

    [Fact]
    public void Update_TentativeTrackOfASlowRadarSurvivesUpdatesBetweenItsScans()
    {
        // A 10 s revisit and updates every second: after 9 s a one-plot track's position sigma is about
        // 9 s x 620 m/s = 5.6 km, over the 5 km limit; it must live on to its next plots and be confirmed.
        var slow = TestWorld.Radar(1, Geodetic.FromDegrees(32.1, 35.1, 50)) with { RevisitPeriod = Duration.FromSeconds(10) };
        var tracker = new KalmanTracker(TestWorld.Layout(slow));
        var rng = new Random(26);
        IReadOnlyList<Track> tracks = [];
        for (var t = 1; t <= 41; t++)
        {
            var truth = new Vec3(20_000 - 50 * t, 15_000, 1_000);
            tracks = tracker.Update(t, t % 10 == 1 ? [TestWorld.Observe(slow, t, truth, rng)] : []);
        }
        Assert.Equal(TrackStatus.Confirmed, Assert.Single(tracks).Status);
    }

    [Theory]
    [InlineData(MotionFilter.Imm, MeasurementUpdate.Ukf, AssociationMethod.Gnn)]
    [InlineData(MotionFilter.Imm, MeasurementUpdate.Ekf, AssociationMethod.Jpda)]
    [InlineData(MotionFilter.ConstantVelocity, MeasurementUpdate.Ekf, AssociationMethod.Gnn)]
    public void Update_EveryConfigurationFollowsADroneThroughClutter(MotionFilter filter, MeasurementUpdate update, AssociationMethod association)
    {
        var options = new TrackerOptions { Filter = filter, Update = update, Association = association, ClutterDensity = 1e-13 };
        var tracker = new KalmanTracker(TestWorld.Layout(Radar), options);
        var rng = new Random(25);
        var velocity = new Vec3(-40, 30, 0);
        IReadOnlyList<Track> tracks = [];
        var plots = new Plot[6];
        for (var t = 1; t <= 40; t++)
        {
            plots[0] = TestWorld.Observe(Radar, t, new Vec3(20_000, 15_000, 1_000) + velocity * t, rng);
            for (var i = 1; i < plots.Length; i++) plots[i] = TestWorld.Clutter(Radar, t, rng);
            tracks = tracker.Update(t, plots);
        }
        var confirmed = Assert.Single(tracks, x => x.Status == TrackStatus.Confirmed);
        Assert.Equal(1, confirmed.Id);
        Assert.True((confirmed.Velocity - velocity).Length < 5, $"velocity {confirmed.Velocity}");
    }
}
