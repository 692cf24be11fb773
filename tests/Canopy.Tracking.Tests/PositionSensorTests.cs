using Canopy.Core.Defence;
using Canopy.Core.Geometry;
using Canopy.Core.Quantities;
using Canopy.Core.Sensing;
using Canopy.Tracking.Benchmarking;
using Canopy.Tracking.Files;
using Canopy.Tracking.Metrics;

namespace Canopy.Tracking.Tests;

public class PositionSensorTests
{
    private static readonly SensorId Feed = new(7);

    private static PositionSensorSpec Sensor(Duration? period) => new(Feed, "feed", TestWorld.Frame.Origin, Length.FromMetres(50),
        Length.FromMetres(50), Length.FromMetres(100), Probability.Of(0.9), 35, period);

    private static Plot At(double t, double x, double y = 0, double z = 5_000) => Plot.Position(Feed, t, new Vec3(x, y, z));

    [Fact]
    public void Update_PositionSensorsMissedScans_DeleteAClutterTrack()
    {
        // Three plots at one place confirm a track (3 of 5); then the sensor goes on reporting only a far target, and
        // after confirmed-max-misses (4) of its scans without the track, the track is gone.
        var tracker = new KalmanTracker(TestWorld.Layout(Sensor(Duration.FromSeconds(1))));
        for (var t = 0; t < 3; t++) tracker.Update(t, [At(t, 10_000), At(t, -80_000 + 100 * t)]);
        var clutter = Assert.Single(tracker.Update(3, [At(3, -80_000 + 300)]), k => Vec3.Distance(k.Position, new Vec3(10_000, 0, 5_000)) < 1_000);
        Assert.Equal(TrackStatus.Confirmed, clutter.Status);
        for (var t = 4; t <= 5; t++) Assert.Contains(tracker.Update(t, [At(t, -80_000 + 100 * t)]), k => k.Id == clutter.Id);
        Assert.DoesNotContain(tracker.Update(6, [At(6, -80_000 + 600)]), k => k.Id == clutter.Id);
    }

    [Fact]
    public void Update_PositionSensorsSilentPeriods_AreMissedScansToo()
    {
        // A sensor with a report period that sends nothing has still looked: two silent periods delete a tentative track.
        var tracker = new KalmanTracker(TestWorld.Layout(Sensor(Duration.FromSeconds(1))));
        Assert.Single(tracker.Update(0, [At(0, 10_000)]));
        Assert.Single(tracker.Update(1, []));
        Assert.Empty(tracker.Update(2, []));
    }

    [Fact]
    public void Update_PositionPlotsOfAnUnknownSensor_StillRecordNoMisses()
    {
        // Plots of a sensor the layout does not describe (a CAT062 relay) keep the old rule: only coasting deletes.
        var tracker = new KalmanTracker(TestWorld.Layout());
        for (var t = 0; t < 3; t++) tracker.Update(t, [At(t, 10_000)]);
        for (var t = 3; t <= 10; t++) Assert.Contains(tracker.Update(t, [At(t, -80_000)]), k => k.Id == 1 && k.Status == TrackStatus.Confirmed);
    }

    [Fact]
    public void Update_PositionPlot_StartsATrackWithTheSensorsCovariancePerAxis()
    {
        var tracker = new KalmanTracker(TestWorld.Layout(Sensor(null)));
        var p = Assert.Single(tracker.Update(0, [At(0, 10_000)])).Covariance;
        Assert.Equal(50 * 50, p[0], 6);
        Assert.Equal(50 * 50, p[7], 6);
        Assert.Equal(100 * 100, p[14], 6);
    }

    [Fact]
    public void Update_DetectionAfterAnAgeOfSilence_TakesNoStepPerRevisit()
    {
        // A radar's revisit of 1 s and a plot 1e12 s later: stepping through the silence period by period would never end.
        var radar = TestWorld.Radar(1, TestWorld.Frame.Origin) with { RevisitPeriod = Duration.FromSeconds(1) };
        var tracker = new KalmanTracker(TestWorld.Layout(radar, Sensor(Duration.FromSeconds(1))));
        var rng = new Random(3);
        tracker.Update(0, [TestWorld.Observe(radar, 0, new Vec3(20_000, 0, 3_000), rng), At(0, 10_000)]);
        var tracks = tracker.Update(1e12, [TestWorld.Observe(radar, 1e12, new Vec3(-20_000, 0, 3_000), rng), At(1e12, -10_000)]);
        Assert.Equal(2, tracks.Count);
        Assert.All(tracks, k => Assert.Equal(1e12, k.FirstTime));
    }

    [Fact]
    public void Update_TimesBeyondTheirResolution_StillEnd()
    {
        // At 1e300 one second is below a double's resolution: the tracker must not loop trying to step a period.
        var tracker = new KalmanTracker(TestWorld.Layout(Sensor(Duration.FromSeconds(1))));
        tracker.Update(1e300, [At(1e300, 10_000)]);
        Assert.Single(tracker.Update(1e300 + 1e285, [At(1e300 + 1e285, 10_000)]));
    }

    [Fact]
    public void Run_SilenceBetweenDetections_NeedsNoEmptyUpdatePerInterval()
    {
        var tracker = new KalmanTracker(TestWorld.Layout(Sensor(Duration.FromSeconds(1))), new TrackerOptions { MaxCoastTime = Duration.FromSeconds(10) });
        var result = DetectionReplay.Run(tracker, [At(0, 10_000), At(1e9, 10_000)], 1, TextWriter.Null);
        // Updates at 0, 1, 2 (the tentative track's two misses delete it), then straight to 1e9.
        Assert.Equal(4, result.Updates);
    }

    [Fact]
    public void Generate_SameSeed_SameFeed_AndItsParametersHold()
    {
        var options = new PositionFeedOptions { Targets = 20, Length = Duration.FromSeconds(60) };
        var a = PositionFeed.Generate(options, new Random(5));
        var b = PositionFeed.Generate(options, new Random(5));
        Assert.Equal(a.Plots, b.Plots);
        Assert.Equal(a.Truth, b.Truth);
        var scans = a.Plots.GroupBy(p => p.Time).ToList();
        Assert.Equal(61, scans.Count);
        // Each scan: 20 to 50 false plots plus about 0.9 of the targets in the box.
        var truthPerScan = a.Truth.GroupBy(r => r.Time).ToDictionary(g => g.Key, g => g.Count());
        foreach (var scan in scans)
        {
            var extra = scan.Count() - 20;
            Assert.InRange(extra, 0, 30 + truthPerScan.GetValueOrDefault(scan.Key));
        }
        var detected = a.Plots.Count - scans.Count * 35.0;
        Assert.InRange(detected / a.Truth.Count, 0.8, 1.0);
        Assert.All(a.Truth, r => Assert.True(Math.Abs(r.State.Position.X) <= 150_000 && r.State.Position.Z is >= 0 and <= 12_000));
    }

    [Fact]
    public void Track_SmallGeneratedFeed_DefaultsFromTheSensorCutFalseTracksAndGospa()
    {
        // 20 targets for 60 s, 20 to 50 false plots a scan. Without the sensor's description (the old rule: no misses,
        // coasting for 60 s) clutter tracks pile up; with it they die within a few scans.
        var feed = PositionFeed.Generate(new PositionFeedOptions { Targets = 20, Length = Duration.FromSeconds(60) }, new Random(11));
        var described = Evaluate(feed, new KalmanTracker(feed.Layout, TrackerOptions.For(feed.Layout.Sensors)));
        var blind = Evaluate(feed, new KalmanTracker(new DefenceLayout(feed.Frame, [], [], [], new DefencePolicy()), new TrackerOptions { PositionPlotSigma = 100 }));
        Assert.True(described.MeanFalseTracks < blind.MeanFalseTracks / 3, $"false tracks {described.MeanFalseTracks} against {blind.MeanFalseTracks}");
        Assert.True(described.MeanGospa < 0.5 * blind.MeanGospa, $"GOSPA {described.MeanGospa} against {blind.MeanGospa}");
    }

    private static TrackEvaluationResult Evaluate(PositionFeed feed, KalmanTracker tracker)
    {
        using var tracks = new StringWriter();
        DetectionReplay.Run(tracker, [.. feed.Plots], 1, tracks);
        var rows = StateCsv.Read(new StringReader(tracks.ToString()), "tracks.csv", StateFileKind.Tracks);
        return TrackEvaluator.Evaluate([.. feed.Truth], rows, new TrackEvaluationOptions { Cutoff = 500, Order = 2, AssociationDistance = 500 });
    }
}
