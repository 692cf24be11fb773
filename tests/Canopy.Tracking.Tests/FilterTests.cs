using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.Core.Randomness;
using Canopy.Core.Sensing;
using Canopy.Tracking.Filtering;

namespace Canopy.Tracking.Tests;

public class FilterTests
{
    private const double Tol = 1e-9;
    private static readonly LocalFrame Common = new(Geodetic.FromDegrees(32.0, 35.0));

    private static double[] Diagonal(double position, double velocity)
    {
        var p = new double[36];
        for (var i = 0; i < 3; i++)
        {
            p[i * 7] = position;
            p[(i + 3) * 7] = velocity;
        }
        return p;
    }

    private static InteractingMultipleModelFilter ConstantVelocity(double q, IMeasurementPredictor? predictor = null) =>
        new([new ConstantVelocityModel(q)], [1], 1, predictor ?? new ExtendedKalmanPredictor());

    [Fact]
    public void Update_PositionPlotMatchesHandComputedKalmanUpdate()
    {
        // x = (0,0,0, 10,0,0), P = diag(100.., 25..); predict 2 s with q = 3: Pxx = 208, Pxv = 56, Pvv = 31.
        var filter = ConstantVelocity(3);
        var state = new FilterState(1);
        var predicted = new FilterState(1);
        filter.Initialise(state, 0, [0, 0, 0, 10, 0, 0], Diagonal(100, 25));
        filter.Predict(state, 2, predicted);
        Assert.Equal(208, predicted.P[0], Tol);
        filter.Update(predicted, MeasurementModel.Position(Math.Sqrt(50)), [Plot.Position(new SensorId(1), 2, new Vec3(30, 0, 0))], [1.0], 0, 1, 0);
        // S = 258; K = (208, 56)/258; innovation 10.
        Assert.Equal(20 + 208.0 / 258 * 10, predicted.X[0], Tol);
        Assert.Equal(10 + 56.0 / 258 * 10, predicted.X[3], Tol);
        Assert.Equal(208.0 * 50 / 258, predicted.P[0], Tol);
        Assert.Equal(56.0 * 50 / 258, predicted.P[3], Tol);
        Assert.Equal(31 - 56.0 * 56 / 258, predicted.P[21], Tol);
        Assert.Equal(predicted.P[3], predicted.P[18], Tol);
    }

    [Fact]
    public void Update_EkfPolarPlotMatchesHandComputedCase()
    {
        // A radar at the common origin; the target due north at 10 km, level; P = 100 m² per axis.
        var site = new SensorGeometry(Common, TestWorld.Radar(1, Common.Origin, antennaHeight: 0));
        var filter = ConstantVelocity(1);
        var state = new FilterState(1);
        filter.Initialise(state, 0, [0, 10_000, 0, 0, 0, 0], Diagonal(100, 100));
        // H: range (0, 1, 0); azimuth (1/r, 0, 0); elevation (0, 0, 1/r). S = diag(100 + 100, 1e-6 + 1e-6, 2e-6).
        var model = MeasurementModel.Polar(site, 10, 0.001, 0.001);
        filter.Update(state, model, [Plot.Polar(new SensorId(1), 0, 10_010, 0.001, 0)], [1.0], 0, 1, 0);
        // North: K = 100/200, innovation 10 -> +5. East: K = 100·1e-4/2e-6 = 5000 m/rad, innovation 1e-3 -> +5.
        Assert.Equal(10_005, state.X[1], 1e-3);
        Assert.Equal(5, state.X[0], 1e-3);
        Assert.Equal(0, state.X[2], 1e-6);
        // P: 100 − 100²/200 = 50 along range; 100 − (1e-2)²/2e-6 = 50 across.
        Assert.Equal(50, state.P[7], 1e-6);
        Assert.Equal(50, state.P[0], 1e-6);
        Assert.Equal(50, state.P[14], 1e-6);
    }

    [Fact]
    public void Update_UkfAgreesWithEkfWhereNearlyLinear()
    {
        var site = new SensorGeometry(Common, TestWorld.Radar(1, Common.Origin, antennaHeight: 0));
        var model = MeasurementModel.Polar(site, 10, 0.001, 0.001);
        var plot = Plot.Polar(new SensorId(1), 0, 10_010, 0.001, 0);
        var states = new List<FilterState>();
        foreach (IMeasurementPredictor predictor in new IMeasurementPredictor[] { new ExtendedKalmanPredictor(), new UnscentedKalmanPredictor() })
        {
            var filter = ConstantVelocity(1, predictor);
            var state = new FilterState(1);
            filter.Initialise(state, 0, [0, 10_000, 0, 0, 0, 0], Diagonal(100, 100));
            filter.Update(state, model, [plot], [1.0], 0, 1, 0);
            states.Add(state);
        }
        // 10 m of position spread at 10 km: the curvature of azimuth and range is of order 1e-3 m here.
        for (var i = 0; i < 6; i++) Assert.Equal(states[0].X[i], states[1].X[i], 0.05);
        Assert.Equal(states[0].P[0], states[1].P[0], 0.5);
        Assert.Equal(states[0].P[7], states[1].P[7], 0.5);
    }

    [Fact]
    public void Predict_BallisticFollowsTheAnalyticParabola()
    {
        var model = new BallisticModel(0);
        double[] x = [1_000, 2_000, 30_000, -1_500, 800, 600];
        var p = Diagonal(100, 10);
        model.Predict(x, p, 7);
        const double g = 9.80665;
        Assert.Equal(1_000 - 1_500 * 7.0, x[0], Tol);
        Assert.Equal(2_000 + 800 * 7.0, x[1], Tol);
        Assert.Equal(30_000 + 600 * 7 - 0.5 * g * 49, x[2], 1e-6);
        Assert.Equal(600 - g * 7, x[5], 1e-9);
        // Same covariance as constant velocity with no noise: 100 + 49·10.
        Assert.Equal(590, p[14], 1e-9);
    }

    [Fact]
    public void Predict_CoordinatedTurnQuarterTurnLandsOnTheCircle()
    {
        // 100 m/s east turning left at 0.1 rad/s: radius 1 km; a quarter turn takes 5π s and ends 1 km east, 1 km north.
        var model = new CoordinatedTurnModel(0.1, 0);
        double[] x = [0, 0, 500, 100, 0, 2];
        var p = Diagonal(0, 0);
        p[21] = 4; // σ² of vx only
        var t = 5 * Math.PI;
        model.Predict(x, p, t);
        Assert.Equal(1_000, x[0], 1e-6);
        Assert.Equal(1_000, x[1], 1e-6);
        Assert.Equal(500 + 2 * t, x[2], 1e-9);
        Assert.Equal(0, x[3], 1e-9);
        Assert.Equal(100, x[4], 1e-9);
        // vx uncertainty rotates into vy, and into both positions by sin(ωt)/ω = 10 and (1 − cos ωt)/ω = 10.
        Assert.Equal(4, p[28], 1e-9);
        Assert.Equal(0, p[21], 1e-9);
        Assert.Equal(400, p[0], 1e-9);
        Assert.Equal(400, p[7], 1e-9);
        Assert.Equal(400, p[1], 1e-9);
    }

    [Fact]
    public void Update_ImmModeProbabilityMovesToTheTurnModelOnATurningTarget()
    {
        var options = new TrackerOptions();
        var filter = KalmanTracker.CreateFilter(options, new ExtendedKalmanPredictor());
        var state = new FilterState(filter.Models);
        var predicted = new FilterState(filter.Models);
        var rng = new Random(3);
        var model = MeasurementModel.Position(10);
        var position = new Vec3(0, 0, 1_000);
        var velocity = new Vec3(150, 0, 0);
        filter.Initialise(state, 0, [position.X, position.Y, position.Z, velocity.X, velocity.Y, velocity.Z], Diagonal(100, 100));
        double straightTurnLeft = 0, turningTurnLeft = 0;
        for (var t = 1; t <= 60; t++)
        {
            // Straight for 30 s, then a left (counter-clockwise) turn at the model's rate.
            if (t > 30)
            {
                var (s, c) = Math.SinCos(options.TurnRate);
                velocity = new Vec3(c * velocity.X - s * velocity.Y, s * velocity.X + c * velocity.Y, 0);
            }
            position += velocity;
            var z = new Vec3(rng.NextGaussian(position.X, 10), rng.NextGaussian(position.Y, 10), rng.NextGaussian(position.Z, 10));
            filter.Predict(state, t, predicted);
            filter.Update(predicted, model, [Plot.Position(new SensorId(1), t, z)], [1.0], 0, 1, 0);
            state.CopyFrom(predicted);
            if (t == 30) straightTurnLeft = state.Mu[1];
            if (t == 60) turningTurnLeft = state.Mu[1];
        }
        Assert.True(straightTurnLeft < 0.2, $"left-turn probability in straight flight {straightTurnLeft}");
        Assert.True(turningTurnLeft > 0.8, $"left-turn probability in the turn {turningTurnLeft}");
        Assert.True(state.Mu[0] + state.Mu[2] + state.Mu[3] < 0.2);
    }

    [Fact]
    public void Predict_ImmMixingEqualsTheTextbookWeightedSumOverModels()
    {
        const double tau = 20, dt = 3;
        IMotionModel[] models = [new ConstantVelocityModel(2), new CoordinatedTurnModel(0.05, 1), new BallisticModel(4)];
        var filter = new InteractingMultipleModelFilter(models, [0.6, 0.3, 0.1], tau, new ExtendedKalmanPredictor());
        var state = new FilterState(3);
        double[] mu = [0.5, 0.3, 0.2];
        for (var i = 0; i < 3; i++)
        {
            state.Mu[i] = mu[i];
            double[] x = [1_000 + 40 * i, -2_000 + 15 * i * i, 3_000 - 25 * i, 200 - 10 * i, 50 + 7 * i, -5 * i];
            x.CopyTo(state.ModelX[(i * 6)..]);
            for (var a = 0; a < 6; a++)
                for (var b = 0; b < 6; b++)
                    state.ModelP[i * 36 + a * 6 + b] = a == b ? (a < 3 ? 400 + 100 * i : 25 + 5 * i) : (Math.Abs(a - b) == 3 ? 10 + i : 0);
        }
        state.Combine();
        var predicted = new FilterState(3);
        filter.Predict(state, dt, predicted);

        // Blom and Bar-Shalom's mixing with the transition matrix written out.
        var stay = Math.Exp(-dt / tau);
        var move = (1 - stay) / 2;
        for (var j = 0; j < 3; j++)
        {
            var c = 0.0;
            for (var i = 0; i < 3; i++) c += (i == j ? stay : move) * mu[i];
            var x0 = new double[6];
            var p0 = new double[36];
            for (var i = 0; i < 3; i++)
                for (var a = 0; a < 6; a++) x0[a] += (i == j ? stay : move) * mu[i] / c * state.ModelX[i * 6 + a];
            for (var i = 0; i < 3; i++)
            {
                var w = (i == j ? stay : move) * mu[i] / c;
                for (var a = 0; a < 6; a++)
                    for (var b = 0; b < 6; b++)
                        p0[a * 6 + b] += w * (state.ModelP[i * 36 + a * 6 + b]
                            + (state.ModelX[i * 6 + a] - x0[a]) * (state.ModelX[i * 6 + b] - x0[b]));
            }
            models[j].Predict(x0, p0, dt);
            Assert.Equal(c, predicted.Mu[j], 1e-12);
            for (var a = 0; a < 6; a++) Assert.Equal(x0[a], predicted.ModelX[j * 6 + a], 1e-8);
            for (var a = 0; a < 36; a++) Assert.Equal(p0[a], predicted.ModelP[j * 36 + a], 1e-8);
        }
    }

    [Fact]
    public void FilterState_ViewsAreSeparateAndCopyFromCopiesEveryValue()
    {
        var state = new FilterState(4);
        Assert.Equal([6, 36, 4, 24, 144], new[] { state.X.Length, state.P.Length, state.Mu.Length, state.ModelX.Length, state.ModelP.Length });
        state.Time = 7;
        state.X.Fill(1);
        state.P.Fill(2);
        state.Mu.Fill(3);
        state.ModelX.Fill(4);
        state.ModelP.Fill(5);
        var copy = new FilterState(4);
        copy.CopyFrom(state);
        foreach (var s in new[] { state, copy })
        {
            Assert.Equal(7, s.Time);
            Assert.All(s.X.ToArray(), v => Assert.Equal(1, v));
            Assert.All(s.P.ToArray(), v => Assert.Equal(2, v));
            Assert.All(s.Mu.ToArray(), v => Assert.Equal(3, v));
            Assert.All(s.ModelX.ToArray(), v => Assert.Equal(4, v));
            Assert.All(s.ModelP.ToArray(), v => Assert.Equal(5, v));
        }
    }

    [Fact]
    public void Combine_MatchesHandComputedMomentMatching()
    {
        // μ = (¼, ¾), x₁ = (0, 2), x₂ = (4, −2) in (x, y), P₁ = I, P₂ = 3·I: combined mean (3, −1), deviations (−3, 3) and
        // (1, −1), so Pxx = Pyy = ¼·(1 + 9) + ¾·(3 + 1) = 5.5 and Pxy = ¼·(−9) + ¾·(−1) = −3; the other axes keep ¼·1 + ¾·3 = 2.5.
        var state = new FilterState(2);
        state.Mu[0] = 0.25;
        state.Mu[1] = 0.75;
        state.ModelX[1] = 2;
        state.ModelX[6] = 4;
        state.ModelX[7] = -2;
        for (var a = 0; a < 6; a++)
        {
            state.ModelP[a * 7] = 1;
            state.ModelP[36 + a * 7] = 3;
        }
        state.Combine();
        Assert.Equal([3, -1, 0, 0, 0, 0], state.X.ToArray());
        Assert.Equal(5.5, state.P[0]);
        Assert.Equal(5.5, state.P[7]);
        Assert.Equal(-3, state.P[1]);
        Assert.Equal(-3, state.P[6]);
        for (var a = 2; a < 6; a++) Assert.Equal(2.5, state.P[a * 7]);
        Assert.Equal(0, state.P[2]);
        Assert.Equal(0, state.P[3 * 6 + 1]);
    }
}
