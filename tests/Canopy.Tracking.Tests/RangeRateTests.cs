using Canopy.Core.Geodesy;
using Canopy.Core.Randomness;
using Canopy.Core.Sensing;
using Canopy.Tracking.Filtering;

namespace Canopy.Tracking.Tests;

public class RangeRateTests
{
    private static readonly LocalFrame Common = new(Geodetic.FromDegrees(32.0, 35.0));

    [Fact]
    public void Linearise_JacobianMatchesFiniteDifferences()
    {
        // A radar 20 km east and 300 m up of the common origin (its axes turned by the Earth's curvature), a target
        // climbing and turning away: every row of the 4 x 6 Jacobian against central differences of h.
        var radar = TestWorld.Radar(1, Common.ToGeodetic(new Core.Geometry.Vec3(20_000, 0, 0)), antennaHeight: 300);
        var model = MeasurementModel.PolarWithRangeRate(new SensorGeometry(Common, radar), 10, 0.001, 0.001, 1);
        double[] x = [-15_000, 42_000, 6_000, 180, -95, 40];
        var z = new double[4];
        var j = new double[24];
        model.Linearise(x, z, j);
        var expected = new double[4];
        model.Evaluate(x, expected);
        for (var i = 0; i < 4; i++) Assert.Equal(expected[i], z[i], 1e-9);
        var plus = new double[4];
        var minus = new double[4];
        for (var col = 0; col < 6; col++)
        {
            var h = col < 3 ? 0.5 : 0.01;
            var xp = (double[])x.Clone();
            var xm = (double[])x.Clone();
            xp[col] += h;
            xm[col] -= h;
            model.Evaluate(xp, plus);
            model.Evaluate(xm, minus);
            for (var row = 0; row < 4; row++)
            {
                var numeric = model.Residual(row, plus[row], minus[row]) / (2 * h);
                Assert.True(Math.Abs(j[row * 6 + col] - numeric) <= 1e-7 * Math.Max(1, Math.Abs(numeric)),
                    $"d h{row} / d x{col}: analytic {j[row * 6 + col]}, numeric {numeric}");
            }
        }
    }

    [Fact]
    public void Evaluate_RangeRateIsTheVelocityAlongTheLineOfSight()
    {
        var model = MeasurementModel.PolarWithRangeRate(new SensorGeometry(Common, TestWorld.Radar(1, Common.Origin, antennaHeight: 0)), 10, 0.001, 0.001, 1);
        var z = new double[4];
        // 3-4-5: the target at (3, 4, 0) km flying (100, 0, 0) m/s recedes at 100 · 3/5 = 60 m/s.
        model.Evaluate([3_000, 4_000, 0, 100, 0, 0], z);
        Assert.Equal(5_000, z[0], 1e-6);
        Assert.Equal(60, z[3], 1e-9);
    }

    [Theory]
    [InlineData(false, false, 49.50576470781715, 1e-6)]
    [InlineData(true, false, 0.3311039368257053, 1e-6)]
    [InlineData(true, true, 0.3311039368257053, 0.2)]
    public void Update_RangeRateCutsTheLineOfSightVelocityVariance(bool rangeRate, bool unscented, double expected, double tolerance)
    {
        // A target 10 km due north of the radar flying north at 200 m/s, a prior of 100 m and 100 m/s, three updates
        // 1 s apart with 10 m of range noise and, when reported, 1 m/s of range-rate noise. Along the line of sight
        // this is the linear filter of (y, vy): by hand (the 2 x 2 Kalman recursion) the velocity variance ends at
        // 49.51 m²/s² from ranges alone and 0.3311 m²/s² with range rates. The UKF also sees the range rate's
        // second-order term x·vx/r across the line of sight (σx·σvx/r ≈ 100 m · 100 m/s / 10 km = 1 m/s), which the
        // EKF's linearisation at x = vx = 0 drops, so it keeps somewhat more: within 0.2 m²/s².
        var site = new SensorGeometry(Common, TestWorld.Radar(1, Common.Origin, antennaHeight: 0));
        var model = rangeRate
            ? MeasurementModel.PolarWithRangeRate(site, 10, 0.001, 0.001, 1)
            : MeasurementModel.Polar(site, 10, 0.001, 0.001);
        IMeasurementPredictor predictor = unscented ? new UnscentedKalmanPredictor() : new ExtendedKalmanPredictor();
        var filter = new InteractingMultipleModelFilter([new ConstantVelocityModel(0)], [1], 1, predictor);
        var state = new FilterState(1);
        var p = new double[36];
        for (var i = 0; i < 3; i++) (p[i * 7], p[(i + 3) * 7]) = (1e4, 1e4);
        filter.Initialise(state, 0, [0, 10_000, 0, 0, 200, 0], p);
        var next = new FilterState(1);
        for (var t = 0; t < 3; t++)
        {
            filter.Predict(state, t, next);
            var plot = Plot.Polar(new SensorId(1), t, 10_000 + 200 * t, 0, 0) with { RangeRate = 200 };
            filter.Update(next, model, [plot], [1.0], 0, 1, 0);
            state.CopyFrom(next);
        }
        Assert.Equal(expected, state.P[4 * 7], unscented ? tolerance : expected * tolerance);
        Assert.Equal(200, state.X[4], unscented ? 0.5 : 1e-6); // the UKF mean also moves by the second-order term
    }

    [Fact]
    public void Update_TrackerUsesRangeRatesOfADopplerRadar()
    {
        // The same straight flight seen by one radar with and one without range rates, 85 km out: after 3 plots 1 s
        // apart the Doppler track's velocity along the line of sight is within a few m/s (σ 1 m/s) while ranges alone
        // (σ 50 m) leave tens of m/s. Across the line of sight (0.2° is 300 m there) neither knows much yet.
        var errors = new double[2];
        for (var doppler = 0; doppler < 2; doppler++)
        {
            var radar = TestWorld.Radar(1, Geodetic.FromDegrees(32.1, 35.1, 50), rangeSigma: 50, angleSigmaDeg: 0.2) with
            {
                RangeRateSigma = doppler == 1 ? Core.Quantities.Speed.FromMetresPerSecond(1) : null,
            };
            var tracker = new KalmanTracker(TestWorld.Layout(radar), new TrackerOptions { ConfirmationHits = 3, ConfirmationWindow = 3 });
            var rng = new Random(3);
            var velocity = new Core.Geometry.Vec3(-150, -250, 0);
            IReadOnlyList<Track> tracks = [];
            for (var t = 1; t <= 3; t++)
            {
                var position = new Core.Geometry.Vec3(60_000, 80_000, 3_000) + velocity * t;
                var plot = TestWorld.Observe(radar, t, position, rng);
                if (doppler == 1) plot = plot with { RangeRate = TrueRangeRate(radar, position, velocity) + rng.NextGaussian(0, 1) };
                tracks = tracker.Update(t, [plot]);
            }
            var line = new Core.Geometry.Vec3(60_000, 80_000, 3_000) + velocity * 3 - TestWorld.Frame.ToEnu(radar.Antenna);
            errors[doppler] = Math.Abs(Core.Geometry.Vec3.Dot(Assert.Single(tracks).Velocity - velocity, line) / line.Length);
        }
        Assert.True(errors[1] < 5 && errors[0] > 4 * errors[1], $"line-of-sight velocity error with range rate {errors[1]:F1} m/s, without {errors[0]:F1} m/s");
    }

    [Fact]
    public void Update_NewTrackOfADopplerPlotMovesAlongTheLineOfSightAtTheRangeRate()
    {
        var radar = TestWorld.Radar(1, Geodetic.FromDegrees(32.1, 35.1, 50)) with { RangeRateSigma = Core.Quantities.Speed.FromMetresPerSecond(2) };
        var position = new Core.Geometry.Vec3(60_000, 80_000, 3_000);
        var plot = TestWorld.Observe(radar, 1, position, new Random(4)) with { RangeRate = -288 };
        var track = Assert.Single(new KalmanTracker(TestWorld.Layout(radar)).Update(1, [plot]));
        var line = (track.Position - TestWorld.Frame.ToEnu(radar.Antenna)).Normalized();
        double[] u = [line.X, line.Y, line.Z];
        Assert.Equal(-288, Core.Geometry.Vec3.Dot(track.Velocity, line), 1e-6);
        Assert.Equal(288, track.Velocity.Length, 1e-6); // nothing across the line of sight
        var variance = 0.0; // uᵀ·P_v·u
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++) variance += u[i] * track.Covariance[(3 + i) * 6 + 3 + j] * u[j];
        Assert.Equal(4, variance, 1e-6);
        Assert.Equal(new TrackerOptions().InitialVelocitySigma * new TrackerOptions().InitialVelocitySigma * 2 + 4,
            track.Covariance[21] + track.Covariance[28] + track.Covariance[35], 1e-6);
    }

    private static double TrueRangeRate(Core.Defence.RadarSpec radar, Core.Geometry.Vec3 position, Core.Geometry.Vec3 velocity)
    {
        var line = position - TestWorld.Frame.ToEnu(radar.Antenna);
        return Core.Geometry.Vec3.Dot(line, velocity) / line.Length;
    }
}
