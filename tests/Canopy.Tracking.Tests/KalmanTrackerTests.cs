using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.Core.Quantities;
using Canopy.Core.Sensing;

namespace Canopy.Tracking.Tests;

public class KalmanTrackerTests
{
    private static readonly RadarSpec Radar = TestWorld.Radar(1, Geodetic.FromDegrees(32.1, 35.1, 50));

    /// <summary>Feeds one radar scan a second of the given straight-line targets and returns the tracks after each.</summary>
    private static List<IReadOnlyList<Track>> Run(KalmanTracker tracker, int seconds, Random rng,
        params (Vec3 Start, Vec3 Velocity, double LastSeen)[] targets)
    {
        var history = new List<IReadOnlyList<Track>>();
        var plots = new List<Plot>();
        for (var t = 1; t <= seconds; t++)
        {
            plots.Clear();
            foreach (var (start, velocity, lastSeen) in targets)
                if (t <= lastSeen) plots.Add(TestWorld.Observe(Radar, t, start + velocity * t, rng));
            history.Add([.. tracker.Update(t, plots.ToArray())]);
        }
        return history;
    }

    [Fact]
    public void Update_FirstPolarPlotStartsTentativeTrackAtConvertedPoint()
    {
        var tracker = new KalmanTracker(TestWorld.Layout(Radar));
        var tracks = tracker.Update(5, [Plot.Polar(Radar.Id, 5, 40_000, 2.0, 0.1)]);
        var track = Assert.Single(tracks);
        var expected = TestWorld.Frame.EcefToEnu(new LocalFrame(Radar.Antenna).EnuToEcef(LocalFrame.FromPolar(40_000, 2.0, 0.1)));
        Assert.Equal(1, track.Id);
        Assert.Equal(TrackStatus.Tentative, track.Status);
        Assert.Equal(expected.X, track.Position.X, 1e-6);
        Assert.Equal(expected.Y, track.Position.Y, 1e-6);
        Assert.Equal(expected.Z, track.Position.Z, 1e-6);
        Assert.Equal(Vec3.Zero, track.Velocity);
    }

    [Fact]
    public void Update_PublishedCovarianceOfANewTrackIsThePlotsConvertedCovariance()
    {
        var options = new TrackerOptions();
        var tracker = new KalmanTracker(TestWorld.Layout(Radar), options);
        var track = Assert.Single(tracker.Update(5, [Plot.Polar(Radar.Id, 5, 40_000, 2.0, 0.1)]));
        Assert.Equal(36, track.Covariance.Length);
        Span<double> r = stackalloc double[9];
        new SensorGeometry(TestWorld.Frame, Radar).ConvertPolar(40_000, 2.0, 0.1,
            Radar.RangeSigma.Metres, Radar.AzimuthSigma.Radians, Radar.ElevationSigma.Radians, r);
        for (var a = 0; a < 6; a++)
            for (var b = 0; b < 6; b++)
            {
                var expected = a < 3 && b < 3 ? r[a * 3 + b] : a == b ? options.InitialVelocitySigma * options.InitialVelocitySigma : 0;
                Assert.Equal(expected, track.Covariance[a * 6 + b], 1e-9);
            }
    }

    [Fact]
    public void Update_APublishedTrackKeptByTheCallerDoesNotChangeOnTheNextCall()
    {
        var tracker = new KalmanTracker(TestWorld.Layout(Radar));
        var rng = new Random(2);
        var start = new Vec3(20_000, 15_000, 1_000);
        var velocity = new Vec3(-40, 30, 0);
        tracker.Update(1, [TestWorld.Observe(Radar, 1, start + velocity, rng)]);
        var kept = Assert.Single(tracker.Update(2, [TestWorld.Observe(Radar, 2, start + velocity * 2, rng)]));
        var covariance = kept.Covariance;
        double[] before = [.. (ReadOnlySpan<double>)covariance];
        var position = kept.Position;

        var next = Assert.Single(tracker.Update(3, [TestWorld.Observe(Radar, 3, start + velocity * 3, rng)]));

        Assert.Equal(3, next.Time);
        Assert.NotEqual(position, next.Position);
        Assert.Equal(2, kept.Time);
        Assert.Equal(position, kept.Position);
        covariance = kept.Covariance;
        Assert.Equal(before, ((ReadOnlySpan<double>)covariance).ToArray());
    }

    [Fact]
    public void Update_SingleDroneConfirmedAfterThreeScansAndVelocityConverges()
    {
        var tracker = new KalmanTracker(TestWorld.Layout(Radar));
        var velocity = new Vec3(-40, 30, 0);
        var history = Run(tracker, 60, new Random(1), (new Vec3(20_000, 15_000, 1_000), velocity, double.MaxValue));

        Assert.Equal(TrackStatus.Tentative, Assert.Single(history[1]).Status);
        Assert.Equal(TrackStatus.Confirmed, Assert.Single(history[2]).Status);
        var last = Assert.Single(history[^1]);
        Assert.Equal(1, last.Id);
        Assert.Equal(60, last.Updates);
        // Plot noise here is about 10 m; the worst of 50 seeds lands 4.6 m/s off.
        Assert.True((last.Velocity - velocity).Length < 5, $"velocity {last.Velocity}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Update_DefaultImmFollowsADroneMoreCloselyThanTheLoneConstantVelocityFilter(bool turning)
    {
        // A drone at 50 m/s 80 km out, seen every 10 s with 0.2 deg noise (280 m across); straight, or turning at
        // 0.03 rad/s for the second half. RMS position error over the last 300 s of 600, same plots for both
        // (seed 27: straight IMM 120 m, CV 157 m; turning IMM 372 m, CV 545 m).
        var radar = TestWorld.Radar(1, Geodetic.FromDegrees(32.1, 35.1, 50), angleSigmaDeg: 0.2, rangeSigma: 50)
            with { RevisitPeriod = Duration.FromSeconds(10) };
        double Rms(MotionFilter filter)
        {
            var tracker = new KalmanTracker(TestWorld.Layout(radar), new TrackerOptions { Filter = filter });
            var rng = new Random(27);
            var position = new Vec3(60_000, 50_000, 1_000);
            var velocity = new Vec3(-50, 0, 0);
            double sum = 0;
            var count = 0;
            for (var t = 10; t <= 600; t += 10)
            {
                if (turning && t > 300)
                {
                    var (s, c) = Math.SinCos(0.03 * 10);
                    velocity = new Vec3(c * velocity.X - s * velocity.Y, s * velocity.X + c * velocity.Y, 0);
                }
                position += velocity * 10;
                var tracks = tracker.Update(t, [TestWorld.Observe(radar, t, position, rng)]);
                if (t <= 300) continue;
                var e = tracks.Where(k => k.Status == TrackStatus.Confirmed).Min(k => Vec3.Distance(k.Position, position));
                sum += e * e;
                count++;
            }
            return Math.Sqrt(sum / count);
        }
        var imm = Rms(MotionFilter.Imm);
        var cv = Rms(MotionFilter.ConstantVelocity);
        Assert.True(imm < cv, $"IMM {imm:0} m, CV {cv:0} m");
    }

    [Fact]
    public void Update_TwoSeparatedTargetsKeepTwoStableIds()
    {
        var tracker = new KalmanTracker(TestWorld.Layout(Radar));
        var a = (new Vec3(10_000, 10_000, 500), new Vec3(50, 0, 0), double.MaxValue);
        var b = (new Vec3(-30_000, 5_000, 2_000), new Vec3(0, -200, 0), double.MaxValue);
        var history = Run(tracker, 40, new Random(2), a, b);

        foreach (var tracks in history.Skip(2))
        {
            Assert.Equal(2, tracks.Count);
            Assert.Equal(1, tracks[0].Id);
            Assert.Equal(2, tracks[1].Id);
            Assert.All(tracks, t => Assert.Equal(TrackStatus.Confirmed, t.Status));
        }
        Assert.True(history[^1][0].Position.X > 0 && history[^1][1].Position.X < 0);
        Assert.True((history[^1][1].Velocity - new Vec3(0, -200, 0)).Length < 5, $"velocity {history[^1][1].Velocity} {history[^1][0].Velocity}");
    }

    [Fact]
    public void Update_ConfirmedTargetNoLongerSeenIsDeletedAfterFourMisses()
    {
        var tracker = new KalmanTracker(TestWorld.Layout(Radar));
        var history = Run(tracker, 20, new Random(3), (new Vec3(5_000, 5_000, 300), new Vec3(30, 0, 0), 10));

        // Last seen at t = 10 (index 9); misses at t = 11..14 delete it on the fourth miss.
        Assert.Equal(TrackStatus.Confirmed, Assert.Single(history[9]).Status);
        Assert.Single(history[12]);
        Assert.Empty(history[13]);
    }

    [Fact]
    public void Update_TentativeTrackIsDeletedAfterTwoMisses()
    {
        var tracker = new KalmanTracker(TestWorld.Layout(Radar));
        var history = Run(tracker, 5, new Random(4), (new Vec3(5_000, 5_000, 300), new Vec3(30, 0, 0), 1));
        Assert.Single(history[1]);
        Assert.Empty(history[2]);
    }

    [Fact]
    public void Update_TrackWithoutOpportunitiesIsDeletedAfterSixtySecondsUnupdated()
    {
        // Position plots from a feed outside the layout: hits count, but no scan is ever a missed opportunity.
        // Constant velocity: the IMM's turn models spread a 60 s coast over kilometres (see the covariance test).
        var tracker = new KalmanTracker(TestWorld.Layout(Radar), new TrackerOptions { Filter = MotionFilter.ConstantVelocity });
        var feed = new SensorId(50);
        for (var t = 1; t <= 5; t++) tracker.Update(t, [Plot.Position(feed, t, new Vec3(100.0 * t, 0, 1_000))]);
        var alive = Assert.Single(tracker.Update(65, []));
        Assert.Equal(TrackStatus.Confirmed, alive.Status);
        Assert.Equal(100.0 * 65, alive.Position.X, 10.0); // predicted 60 s past its last plot
        Assert.Empty(tracker.Update(66, []));
    }

    [Fact]
    public void Update_TrackIdsAreNeverReused()
    {
        var tracker = new KalmanTracker(TestWorld.Layout(Radar));
        Run(tracker, 5, new Random(5), (new Vec3(5_000, 5_000, 300), new Vec3(30, 0, 0), 1));
        var tracks = tracker.Update(6, [TestWorld.Observe(Radar, 6, new Vec3(5_000, 5_000, 300), new Random(6))]);
        Assert.Equal(2, Assert.Single(tracks).Id);
    }

    [Fact]
    public void Update_FastBallisticTargetIsConfirmedAndFollowed()
    {
        var tracker = new KalmanTracker(TestWorld.Layout(Radar));
        var velocity = new Vec3(-1500, -900, -400); // about 1800 m/s, diving
        var history = Run(tracker, 30, new Random(7), (new Vec3(60_000, 40_000, 30_000), velocity, double.MaxValue));

        Assert.Equal(TrackStatus.Confirmed, Assert.Single(history[2]).Status);
        var last = Assert.Single(history[^1]);
        Assert.Equal(1, last.Id);
        Assert.True((last.Velocity - velocity).Length < 20, $"velocity {last.Velocity}");
    }

    [Fact]
    public void Update_BallisticArcUnderGravityKeepsOneTrack()
    {
        var tracker = new KalmanTracker(TestWorld.Layout(Radar));
        var rng = new Random(9);
        var start = new Vec3(60_000, 40_000, 30_000);
        var velocity = new Vec3(-1500, -900, 400);
        var gravity = new Vec3(0, 0, -9.8);
        var truth = start;
        for (var t = 1; t <= 60; t++)
        {
            truth = start + velocity * t + gravity * (0.5 * t * t);
            var track = Assert.Single(tracker.Update(t, [TestWorld.Observe(Radar, t, truth, rng)]));
            Assert.Equal(1, track.Id);
        }
        var last = Assert.Single(tracker.Update(60, []));
        Assert.Equal(TrackStatus.Confirmed, last.Status);
        Assert.True(Vec3.Distance(last.Position, truth) < 100, $"position {last.Position} truth {truth}");
    }

    [Fact]
    public void Update_SlowRadarMissesAreCountedBetweenTicks()
    {
        var slow = Radar with { RevisitPeriod = Duration.FromSeconds(3) };
        var tracker = new KalmanTracker(TestWorld.Layout(slow));
        var rng = new Random(10);
        var counts = new List<int>();
        for (var t = 1; t <= 25; t++)
        {
            var scans = t % 3 == 0 && t <= 9;
            var truth = new Vec3(8_000 + 20.0 * t, 3_000, 500);
            counts.Add(tracker.Update(t, scans ? [TestWorld.Observe(slow, t, truth, rng)] : []).Count);
        }
        // Seen at t = 3, 6, 9 (confirmed); empty scans at 12, 15, 18, 21 are its four misses.
        Assert.Equal(1, counts[19]);
        Assert.Equal(0, counts[20]);
    }

    [Fact]
    public void Update_ClutterAloneConfirmsNoTrack()
    {
        Assert.Equal(0, ConfirmedFromClutter(new TrackerOptions(), seed: 11));
    }

    [Fact]
    public void Update_ClutterConfirmsTracksWhenOneHitConfirms()
    {
        // The same clutter with 1-of-1 confirmation: shows the clutter test above measures something.
        Assert.True(ConfirmedFromClutter(new TrackerOptions { ConfirmationHits = 1, ConfirmationWindow = 1 }, seed: 11) > 0);
    }

    /// <summary>Distinct confirmed track ids over 120 scans of 5 false plots each.</summary>
    private static int ConfirmedFromClutter(TrackerOptions options, int seed)
    {
        var tracker = new KalmanTracker(TestWorld.Layout(Radar), options);
        var rng = new Random(seed);
        var confirmed = new HashSet<int>();
        var plots = new Plot[5];
        for (var t = 1; t <= 120; t++)
        {
            for (var i = 0; i < plots.Length; i++) plots[i] = TestWorld.Clutter(Radar, t, rng);
            foreach (var track in tracker.Update(t, plots))
                if (track.Status == TrackStatus.Confirmed) confirmed.Add(track.Id);
        }
        return confirmed.Count;
    }

    [Fact]
    public void Update_BearingRefinesConfirmedTrack()
    {
        var post = new AcousticSpec(new SensorId(9), "post", Geodetic.FromDegrees(32.0, 35.0), Length.FromMetres(2),
            Length.FromMetres(5_000), Angle.FromDegrees(1), Duration.FromSeconds(1), Probability.Of(1));
        var tracker = new KalmanTracker(TestWorld.Layout(Radar, post));
        var target = new Vec3(2_000, 1_000, 100);
        Run(tracker, 5, new Random(8), (target - new Vec3(10, 0, 0) * 5, new Vec3(10, 0, 0), double.MaxValue));

        var trueBearing = Math.Atan2(2_060.0, 1_000);
        var hit = Assert.Single(tracker.Update(6, [Plot.Bearing(post.Id, 6, trueBearing)]));
        Assert.Equal(6, hit.Updates);
        Assert.Equal(6, hit.LastUpdateTime);
        var miss = Assert.Single(tracker.Update(7, [Plot.Bearing(post.Id, 7, trueBearing + Math.PI / 2)]));
        Assert.Equal(6, miss.Updates);
    }
}
