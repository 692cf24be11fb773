using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.Core.Randomness;
using Canopy.Core.Sensing;
using Canopy.Tracking.Filtering;

namespace Canopy.Tracking.Tests;

public class ConstantAccelerationTests
{
    private const int N = 9;

    /// <summary>A symmetric positive definite 9x9 with correlations between every pair of components.</summary>
    private static double[] Covariance9()
    {
        var p = new double[N * N];
        for (var a = 0; a < N; a++)
            for (var b = 0; b < N; b++)
                p[a * N + b] = a == b ? 100.0 / (1 + a) + 5 : 0.5 * Math.Cos(a + 2 * b) * Math.Cos(b + 2 * a);
        for (var a = 0; a < N; a++)
            for (var b = 0; b < a; b++) p[a * N + b] = p[b * N + a];
        return p;
    }

    private static double[] Multiply(double[] a, double[] b, int n, int m, int k)
    {
        var c = new double[n * k];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < k; j++)
                for (var u = 0; u < m; u++) c[i * k + j] += a[i * m + u] * b[u * k + j];
        return c;
    }

    private static double[] Transpose(double[] a, int n, int m)
    {
        var t = new double[m * n];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < m; j++) t[j * n + i] = a[i * m + j];
        return t;
    }

    [Fact]
    public void Predict_MeanAndCovarianceEqualTheClosedFormFAndQ()
    {
        const double q = 2, dt = 3;
        double[] x = [100, -200, 3_000, 10, 20, -5, 2, -1, 0.5];
        var p = Covariance9();
        var expectedP = (double[])p.Clone();
        new ConstantAccelerationModel(q).Predict(x, p, dt);

        // Bar-Shalom §6.3.3: F per axis [1, T, T²/2; 0, 1, T; 0, 0, 1]; Q = q·[T⁵/20, T⁴/8, T³/6; T⁴/8, T³/3, T²/2; T³/6, T²/2, T].
        var f = Transition(dt);
        var qm = new double[N * N];
        double[,] q3 = { { 243.0 / 20, 81.0 / 8, 27.0 / 6 }, { 81.0 / 8, 9, 4.5 }, { 27.0 / 6, 4.5, 3 } };
        for (var axis = 0; axis < 3; axis++)
            for (var r = 0; r < 3; r++)
                for (var c = 0; c < 3; c++) qm[(axis + 3 * r) * N + axis + 3 * c] = q * q3[r, c];
        expectedP = Multiply(Multiply(f, expectedP, N, N, N), Transpose(f, N, N), N, N, N);
        for (var i = 0; i < N * N; i++) Assert.Equal(expectedP[i] + qm[i], p[i], 1e-9);
        // Mean by hand: x + v·3 + a·4.5; v + a·3.
        Assert.Equal(100 + 30 + 9, x[0], 1e-12);
        Assert.Equal(-200 + 60 - 4.5, x[1], 1e-12);
        Assert.Equal(3_000 - 15 + 2.25, x[2], 1e-12);
        Assert.Equal(16, x[3], 1e-12);
        Assert.Equal(17, x[4], 1e-12);
        Assert.Equal(-3.5, x[5], 1e-12);
        Assert.Equal(2, x[6]);
    }

    /// <summary>The 9x9 transition matrix of constant acceleration over <paramref name="dt"/>.</summary>
    private static double[] Transition(double dt)
    {
        var f = new double[N * N];
        double[,] f3 = { { 1, dt, dt * dt / 2 }, { 0, 1, dt }, { 0, 0, 1 } };
        for (var axis = 0; axis < 3; axis++)
            for (var r = 0; r < 3; r++)
                for (var c = 0; c < 3; c++) f[(axis + 3 * r) * N + axis + 3 * c] = f3[r, c];
        return f;
    }

    [Fact]
    public void Predict_ImmMixingIntoConstantAccelerationEqualsTheAugmentedWeightedSum()
    {
        const double tau = 15, dt = 2, sigmaA = 3;
        IMotionModel[] models = [new ConstantVelocityModel(0), new ConstantAccelerationModel(0)];
        var filter = new InteractingMultipleModelFilter(models, [0.5, 0.5], tau, new ExtendedKalmanPredictor(), sigmaA);
        var state = new FilterState(2);
        filter.Initialise(state, 0, new double[6], new double[36]);
        double[] mu = [0.35, 0.65];
        // Model 0 (6-state) and model 1 (9-state, its 6-D marginal mirrored into ModelX and ModelP).
        double[] x0 = [1_000, -500, 2_000, 150, 20, -3];
        double[] x1 = [1_030, -480, 1_990, 160, 25, 0, 4, -2, 1];
        var p1 = Covariance9();
        var p0 = new double[36];
        for (var a = 0; a < 6; a++)
            for (var b = 0; b < 6; b++) p0[a * 6 + b] = (a == b ? 50 + 10 * a : 0) + (Math.Abs(a - b) == 3 ? 6 : 0);
        state.Mu[0] = mu[0];
        state.Mu[1] = mu[1];
        x0.CopyTo(state.ModelX);
        p0.CopyTo(state.ModelP);
        x1.CopyTo(state.Augmented, 0);
        p1.CopyTo(state.Augmented, N);
        for (var a = 0; a < 6; a++)
        {
            state.ModelX[6 + a] = x1[a];
            for (var b = 0; b < 6; b++) state.ModelP[36 + a * 6 + b] = p1[a * N + b];
        }
        state.Combine();
        var predicted = new FilterState(2);
        filter.Predict(state, dt, predicted);

        // Textbook mixing into the CA model over the augmented states: model 0 carries acceleration 0 of variance σa².
        var stay = Math.Exp(-dt / tau);
        var move = 1 - stay;
        var c1 = move * mu[0] + stay * mu[1];
        double[] w = [move * mu[0] / c1, stay * mu[1] / c1];
        var xs = new[] { new double[N], x1 };
        var ps = new[] { new double[N * N], p1 };
        x0.CopyTo(xs[0], 0);
        for (var a = 0; a < N; a++)
            for (var b = 0; b < N; b++) ps[0][a * N + b] = a < 6 && b < 6 ? p0[a * 6 + b] : (a == b ? sigmaA * sigmaA : 0);
        var xm = new double[N];
        var pm = new double[N * N];
        for (var i = 0; i < 2; i++)
            for (var a = 0; a < N; a++) xm[a] += w[i] * xs[i][a];
        for (var i = 0; i < 2; i++)
            for (var a = 0; a < N; a++)
                for (var b = 0; b < N; b++) pm[a * N + b] += w[i] * (ps[i][a * N + b] + (xs[i][a] - xm[a]) * (xs[i][b] - xm[b]));
        var f = Transition(dt);
        var expectedX = Multiply(f, xm, N, N, 1);
        var expectedP = Multiply(Multiply(f, pm, N, N, N), Transpose(f, N, N), N, N, N);
        for (var a = 0; a < N; a++) Assert.Equal(expectedX[a], predicted.Augmented[a], 1e-9);
        for (var a = 0; a < N * N; a++) Assert.Equal(expectedP[a], predicted.Augmented[N + a], 1e-8);
        for (var a = 0; a < 6; a++) Assert.Equal(expectedX[a], predicted.ModelX[6 + a], 1e-9);
        // The CV model mixes the 6-D marginals: x0 = Σ wᵢ xᵢ[0..6] with its own weights, then moves at constant velocity.
        var c0 = stay * mu[0] + move * mu[1];
        for (var a = 0; a < 3; a++)
        {
            var mixed = (stay * mu[0] * x0[a] + move * mu[1] * x1[a]) / c0;
            var mixedV = (stay * mu[0] * x0[a + 3] + move * mu[1] * x1[a + 3]) / c0;
            Assert.Equal(mixed + dt * mixedV, predicted.ModelX[a], 1e-9);
        }
    }

    [Fact]
    public void Update_EqualsTheNineStateKalmanUpdate()
    {
        var filter = new InteractingMultipleModelFilter([new ConstantAccelerationModel(0.5)], [1], 1, new ExtendedKalmanPredictor(), accelerationSigma: 4);
        var state = new FilterState(1);
        var predicted = new FilterState(1);
        var p6 = new double[36];
        for (var i = 0; i < 3; i++)
        {
            p6[i * 7] = 400;
            p6[(i + 3) * 7] = 900;
        }
        filter.Initialise(state, 0, [0, 0, 1_000, 100, 50, 0], p6);
        filter.Predict(state, 2, predicted);
        var x9 = predicted.Augmented.AsSpan(0, N).ToArray();
        var p9 = predicted.Augmented.AsSpan(N, N * N).ToArray();
        filter.Update(predicted, MeasurementModel.Position(20), [Plot.Position(new SensorId(1), 2, new Vec3(230, 90, 990))], [1.0], 0, 1, 0);

        // K = P·Hᵀ·(H·P·Hᵀ + R)⁻¹ with H = [I3 0 0]; S is 3x3, inverted by cofactors here.
        var s = new double[9];
        for (var a = 0; a < 3; a++)
            for (var b = 0; b < 3; b++) s[a * 3 + b] = p9[a * N + b] + (a == b ? 400 : 0);
        var det = s[0] * (s[4] * s[8] - s[5] * s[7]) - s[1] * (s[3] * s[8] - s[5] * s[6]) + s[2] * (s[3] * s[7] - s[4] * s[6]);
        double[] sInv =
        [
            (s[4] * s[8] - s[5] * s[7]) / det, (s[2] * s[7] - s[1] * s[8]) / det, (s[1] * s[5] - s[2] * s[4]) / det,
            (s[5] * s[6] - s[3] * s[8]) / det, (s[0] * s[8] - s[2] * s[6]) / det, (s[2] * s[3] - s[0] * s[5]) / det,
            (s[3] * s[7] - s[4] * s[6]) / det, (s[1] * s[6] - s[0] * s[7]) / det, (s[0] * s[4] - s[1] * s[3]) / det,
        ];
        var pht = new double[N * 3];
        for (var i = 0; i < N; i++)
            for (var a = 0; a < 3; a++) pht[i * 3 + a] = p9[i * N + a];
        var k = Multiply(pht, sInv, N, 3, 3);
        double[] nu = [230 - x9[0], 90 - x9[1], 990 - x9[2]];
        var xUpdated = predicted.Augmented.AsSpan(0, N);
        var pUpdated = predicted.Augmented.AsSpan(N, N * N);
        for (var i = 0; i < N; i++)
            Assert.Equal(x9[i] + k[i * 3] * nu[0] + k[i * 3 + 1] * nu[1] + k[i * 3 + 2] * nu[2], xUpdated[i], 1e-9);
        var khp = Multiply(k, Transpose(pht, N, 3), N, 3, N);
        for (var i = 0; i < N * N; i++) Assert.Equal(p9[i] - khp[i], pUpdated[i], 1e-8);
        // The acceleration moved: position was measured ahead of the prediction.
        Assert.True(xUpdated[6] > 0);
        // The published state is the 6-D marginal.
        Assert.Equal(6, predicted.X.Length);
        for (var i = 0; i < 6; i++) Assert.Equal(xUpdated[i], predicted.X[i], 1e-12);
        Assert.Equal(pUpdated[N + 1], predicted.P[7], 1e-12);
    }

    /// <summary>RMS position and velocity error (from 5 s on) of a filter on a target accelerating at 30 m/s² along track, 10 m plots at 1 Hz for 60 s.</summary>
    private static (double Position, double Velocity) TrackAcceleratingTarget(InteractingMultipleModelFilter filter)
    {
        var rng = new Random(11);
        var state = new FilterState(filter.Models);
        var predicted = new FilterState(filter.Models);
        var model = MeasurementModel.Position(10);
        var direction = new Vec3(0.6, 0.8, 0);
        var start = new Vec3(1_000, 2_000, 3_000);
        const double speed = 100, acceleration = 30;
        var p = new double[36];
        for (var i = 0; i < 3; i++)
        {
            p[i * 7] = 100;
            p[(i + 3) * 7] = 300 * 300;
        }
        filter.Initialise(state, 0, [start.X + rng.NextGaussian(0, 10), start.Y + rng.NextGaussian(0, 10), start.Z + rng.NextGaussian(0, 10), 0, 0, 0], p);
        double position2 = 0, velocity2 = 0;
        var count = 0;
        for (var t = 1; t <= 60; t++)
        {
            var truth = start + direction * (speed * t + 0.5 * acceleration * t * t);
            var truthVelocity = direction * (speed + acceleration * t);
            var z = new Vec3(rng.NextGaussian(truth.X, 10), rng.NextGaussian(truth.Y, 10), rng.NextGaussian(truth.Z, 10));
            filter.Predict(state, t, predicted);
            filter.Update(predicted, model, [Plot.Position(new SensorId(1), t, z)], [1.0], 0, 1, 0);
            state.CopyFrom(predicted);
            if (t < 5) continue;
            position2 += (new Vec3(state.X[0], state.X[1], state.X[2]) - truth).LengthSquared;
            velocity2 += (new Vec3(state.X[3], state.X[4], state.X[5]) - truthVelocity).LengthSquared;
            count++;
        }
        return (Math.Sqrt(position2 / count), Math.Sqrt(velocity2 / count));
    }

    /// <remarks>Seed 11: CA (q = 1) 11.9 m, 5.8 m/s; CV with q = 2: 158 m, 99.5 m/s; CV with q = 100: 19.5 m, 32.1 m/s.</remarks>
    [Theory]
    [InlineData(2)]
    [InlineData(100)]
    public void Update_ConstantAccelerationFilterBeatsConstantVelocityOnAnAcceleratingTarget(double cvNoiseDensity)
    {
        var ca = TrackAcceleratingTarget(new InteractingMultipleModelFilter([new ConstantAccelerationModel(1)], [1], 1, new ExtendedKalmanPredictor(), 10));
        var cv = TrackAcceleratingTarget(new InteractingMultipleModelFilter([new ConstantVelocityModel(cvNoiseDensity)], [1], 1, new ExtendedKalmanPredictor()));
        Assert.True(ca.Position < cv.Position, $"RMS position error: CA {ca.Position:F2} m, CV {cv.Position:F2} m");
        Assert.True(ca.Velocity < cv.Velocity, $"RMS velocity error: CA {ca.Velocity:F2} m/s, CV {cv.Velocity:F2} m/s");
        // Better than the plots themselves, whose 3-D error is 10·√3 m RMS.
        Assert.True(ca.Position < 10 * Math.Sqrt(3), $"CA RMS position error {ca.Position:F2} m");
    }

    [Fact]
    public void Update_ImmConstantAccelerationModeRisesDuringTheAccelerationPhase()
    {
        var options = new TrackerOptions
        {
            Models = [MotionModelKind.ConstantVelocity, MotionModelKind.CoordinatedTurn, MotionModelKind.Ballistic, MotionModelKind.ConstantAcceleration],
        };
        var filter = KalmanTracker.CreateFilter(options, new ExtendedKalmanPredictor());
        Assert.Equal(5, filter.Models);
        var state = new FilterState(filter.Models);
        var predicted = new FilterState(filter.Models);
        var rng = new Random(5);
        var model = MeasurementModel.Position(10);
        var position = new Vec3(0, 0, 1_000);
        var velocity = new Vec3(80, 0, 0);
        var p = new double[36];
        for (var i = 0; i < 3; i++)
        {
            p[i * 7] = 100;
            p[(i + 3) * 7] = 100;
        }
        filter.Initialise(state, 0, [position.X, position.Y, position.Z, velocity.X, velocity.Y, velocity.Z], p);
        double straight = 0, accelerating = 0;
        for (var t = 1; t <= 60; t++)
        {
            // Straight and level for 30 s, then 15 m/s² along track (to 530 m/s, below the ballistic model's speed).
            var a = t > 30 ? 15.0 : 0;
            position += velocity + new Vec3(0.5 * a, 0, 0);
            velocity += new Vec3(a, 0, 0);
            var z = new Vec3(rng.NextGaussian(position.X, 10), rng.NextGaussian(position.Y, 10), rng.NextGaussian(position.Z, 10));
            filter.Predict(state, t, predicted);
            filter.Update(predicted, model, [Plot.Position(new SensorId(1), t, z)], [1.0], 0, 1, 0);
            state.CopyFrom(predicted);
            Assert.Equal(6, state.X.Length);
            Assert.Equal(36, state.P.Length);
            if (t == 30) straight = state.Mu[4];
            if (t == 60) accelerating = state.Mu[4];
        }
        Assert.True(straight < 0.2, $"constant-acceleration probability in straight flight {straight}");
        Assert.True(accelerating > 0.8, $"constant-acceleration probability while accelerating {accelerating}");
        Assert.Equal(velocity.X, state.X[3], 10.0);
    }

    [Fact]
    public void Update_TrackerWithAConstantAccelerationModelHoldsAnAcceleratingTargetWithOneTrack()
    {
        // 20 m/s² along track from 100 m/s, 20 km from a radar seeing it every second (10 m, 0.05°): RMS position error
        // of the nearest confirmed track over the last 50 s of 60, same plots for each filter (seed 8: CA 25.6 m and
        // IMM with CA 25.6 m, one track each; CV 51.5 m and the default IMM 55.6 m, five track ids each).
        var radar = TestWorld.Radar(1, Geodetic.FromDegrees(32.1, 35.1, 50));
        var ids = new HashSet<int>();
        double Rms(TrackerOptions options)
        {
            var tracker = new KalmanTracker(TestWorld.Layout(radar), options);
            var rng = new Random(8);
            var start = new Vec3(20_000, 15_000, 1_000);
            double sum = 0;
            ids.Clear();
            for (var t = 1; t <= 60; t++)
            {
                var position = start + new Vec3(100 * t + 10.0 * t * t, 0, 0);
                var tracks = tracker.Update(t, [TestWorld.Observe(radar, t, position, rng)]);
                if (t <= 10) continue;
                ids.UnionWith(tracks.Where(k => k.Status == TrackStatus.Confirmed).Select(k => k.Id));
                var e = tracks.Where(k => k.Status == TrackStatus.Confirmed).Select(k => Vec3.Distance(k.Position, position)).DefaultIfEmpty(1e4).Min();
                sum += e * e;
            }
            return Math.Sqrt(sum / 50);
        }
        var ca = Rms(new TrackerOptions { Filter = MotionFilter.ConstantAcceleration });
        var caIds = ids.Count;
        var immCa = Rms(new TrackerOptions { Models = [MotionModelKind.ConstantVelocity, MotionModelKind.CoordinatedTurn, MotionModelKind.Ballistic, MotionModelKind.ConstantAcceleration] });
        var immCaIds = ids.Count;
        var cv = Rms(new TrackerOptions { Filter = MotionFilter.ConstantVelocity });
        var imm = Rms(new TrackerOptions());
        Assert.True(ca < cv, $"CA {ca:0.0} m, CV {cv:0.0} m");
        Assert.True(immCa < imm, $"IMM with CA {immCa:0.0} m, IMM {imm:0.0} m");
        // Both with a CA model hold the target with one track throughout.
        Assert.Equal(1, caIds);
        Assert.Equal(1, immCaIds);
    }
}
