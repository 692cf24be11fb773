using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.Core.Quantities;
using Canopy.Core.Randomness;
using Canopy.Core.Sensing;
using Canopy.Tracking.Filtering;

namespace Canopy.Tracking.Tests;

public class RangeRateGatingTests
{
    private static readonly LocalFrame Common = new(Geodetic.FromDegrees(32.0, 35.0));

    [Fact]
    public void PredictRangeRate_HandComputedInnovation()
    {
        // A radar at the origin, a track at (3, 4, 0) km flying (100, 0, 0) m/s: r = 5,000 m, u = (0.6, 0.8, 0),
        // ṙ̂ = u·v = 60 m/s. J = [(v − ṙ̂u)/r, u] = [(64, −48, 0)/5,000, 0.6, 0.8, 0] = [0.0128, −0.0096, 0, 0.6, 0.8, 0].
        // P diagonal, 100² m² per position axis and 10² m²/s² per velocity axis:
        // J·P·Jᵀ = 10⁴·(0.0128² + 0.0096²) + 100·(0.36 + 0.64) = 2.56 + 100; with σṙ = 2 m/s, s = 106.56 m²/s².
        // A plot's ṙ = 80 m/s: ν = 20 m/s, ν²/s = 400/106.56 = 1250/333 = 3.7538.
        var model = MeasurementModel.PolarWithRangeRate(new SensorGeometry(Common, TestWorld.Radar(1, Common.Origin, antennaHeight: 0)), 10, 0.001, 0.001, 2);
        var p = new double[36];
        for (var i = 0; i < 3; i++) (p[i * 7], p[(i + 3) * 7]) = (1e4, 100);
        var (rangeRate, variance) = model.PredictRangeRate([3_000, 4_000, 0, 100, 0, 0], p);
        Assert.Equal(60, rangeRate, 1e-9);
        Assert.Equal(106.56, variance, 1e-9);
        Assert.Equal(1250.0 / 333, (80 - rangeRate) * (80 - rangeRate) / variance, 1e-9);
    }

    [Fact]
    public void PredictRangeRate_VarianceMatchesTheEkfInnovationCovariance()
    {
        // The same s as the EKF's 4-D innovation covariance S[3, 3] for a general state and a full covariance.
        var radar = TestWorld.Radar(1, Common.ToGeodetic(new Vec3(20_000, 0, 0)), antennaHeight: 300);
        var model = MeasurementModel.PolarWithRangeRate(new SensorGeometry(Common, radar), 10, 0.001, 0.001, 1.5);
        double[] x = [-15_000, 42_000, 6_000, 180, -95, 40];
        var p = new double[36];
        for (var a = 0; a < 6; a++)
            for (var b = 0; b < 6; b++) p[a * 6 + b] = (a == b ? 400 : 0) + 30.0 / (1 + a + b);
        var zHat = new double[4];
        var s = new double[16];
        new ExtendedKalmanPredictor().Predict(x, p, model, zHat, s, new double[24]);
        var (rangeRate, variance) = model.PredictRangeRate(x, p);
        Assert.Equal(zHat[3], rangeRate, 1e-9);
        Assert.Equal(s[15], variance, 1e-9 * s[15]);
    }

    [Fact]
    public void Update_PlotWithRangeRateFiftySigmaOff_StartsANewTrack()
    {
        // A track of a Doppler radar (σṙ 1 m/s) for 5 scans, then a plot at the target's position whose range rate is
        // right (control: it updates the track) or 50 σ off (it fails the gate; a tentative track starts on it).
        foreach (var offset in (double[])[0, 50])
        {
            var radar = TestWorld.Radar(1, Geodetic.FromDegrees(32.1, 35.1, 50)) with { RangeRateSigma = Speed.FromMetresPerSecond(1) };
            var tracker = new KalmanTracker(TestWorld.Layout(radar));
            var rng = new Random(5);
            var velocity = new Vec3(-150, -250, 0);
            IReadOnlyList<Track> tracks = [];
            for (var t = 1; t <= 6; t++)
            {
                var position = new Vec3(60_000, 80_000, 3_000) + velocity * t;
                var line = position - TestWorld.Frame.ToEnu(radar.Antenna);
                var rangeRate = Vec3.Dot(line, velocity) / line.Length + rng.NextGaussian(0, 1) + (t == 6 ? offset : 0);
                tracks = tracker.Update(t, [TestWorld.Observe(radar, t, position, rng) with { RangeRate = rangeRate }]);
            }
            var first = tracks.Single(track => track.Id == 1);
            if (offset == 0)
            {
                Assert.Equal(6, first.Updates);
                Assert.Single(tracks);
            }
            else
            {
                Assert.Equal(5, first.Updates);
                Assert.Equal(2, tracks.Count);
                Assert.Equal(TrackStatus.Tentative, tracks.Single(track => track.Id == 2).Status);
            }
        }
    }

    [Fact]
    public void Update_TargetsCrossingWithOppositeRangeRates_KeepTheirTracksWithRangeRateAndSwapWithout()
    {
        // Two targets meet 30 km from the radar, 2 km up, at the same time, one inbound and one outbound at 200 m/s
        // (both also 150 m/s east), first seen 2 s before the crossing by a radar of 300 m range noise: near the
        // crossing their plots overlap, and the young tracks know their radial velocities poorly from ranges alone.
        // Over 40 seeds, 10 s after the crossing: with 1 m/s range rates the track started on each target is nearest
        // it in 39 runs and never the other's (found 39 kept, 0 swapped); from positions alone 27 kept, 11 swapped.
        int keptWith = 0, swappedWith = 0, swappedWithout = 0;
        for (var seed = 1; seed <= 40; seed++)
        {
            var with = CrossingOutcome(true, seed);
            keptWith += with == Crossing.Kept ? 1 : 0;
            swappedWith += with == Crossing.Swapped ? 1 : 0;
            swappedWithout += CrossingOutcome(false, seed) == Crossing.Swapped ? 1 : 0;
        }
        Assert.True(keptWith >= 36 && swappedWith == 0, $"with range rate: {keptWith}/40 kept, {swappedWith} swapped");
        Assert.True(swappedWithout >= 8, $"without range rate: {swappedWithout}/40 swapped");
    }

    private enum Crossing { Kept, Swapped, Other }

    /// <summary>Whether the tracks started on the two targets' first plots (ids 1 and 2) are each nearest its own target 10 s after the crossing.</summary>
    private static Crossing CrossingOutcome(bool doppler, int seed)
    {
        var radar = TestWorld.Radar(1, Geodetic.FromDegrees(32.0, 35.0), rangeSigma: 300) with
        {
            RangeRateSigma = doppler ? Speed.FromMetresPerSecond(1) : null,
        };
        var site = TestWorld.Frame.ToEnu(radar.Antenna);
        var crossing = new Vec3(0, 30_000, 2_000);
        var u = (crossing - site).Normalized();
        Vec3[] velocity = [new Vec3(150, 0, 0) - u * 200, new Vec3(150, 0, 0) + u * 200];
        var tracker = new KalmanTracker(TestWorld.Layout(radar));
        var rng = new Random(seed);
        var plots = new Plot[2];
        IReadOnlyList<Track> tracks = [];
        for (var t = -2; t <= 10; t++)
        {
            for (var i = 0; i < 2; i++)
            {
                var p = crossing + velocity[i] * t;
                plots[i] = TestWorld.Observe(radar, 100 + t, p, rng);
                if (doppler) plots[i] = plots[i] with { RangeRate = Vec3.Dot(p - site, velocity[i]) / (p - site).Length + rng.NextGaussian(0, 1) };
            }
            tracks = tracker.Update(100 + t, plots);
        }
        var nearest = new int[2];
        for (var i = 0; i < 2; i++)
        {
            var p = crossing + velocity[i] * 10;
            nearest[i] = tracks.Count == 0 ? -1 : tracks.MinBy(track => (track.Position - p).Length).Id;
        }
        return (nearest[0], nearest[1]) switch { (1, 2) => Crossing.Kept, (2, 1) => Crossing.Swapped, _ => Crossing.Other };
    }
}
