using Canopy.Core.Geometry;
using Canopy.Core.Randomness;
using Canopy.Core.Sensing;
using Canopy.Tracking.Files;
using Canopy.Tracking.Filtering;

namespace Canopy.Tracking.Tests;

public class BallisticDragTests
{
    private const double G = 9.80665;

    private static double[] Covariance()
    {
        var p = new double[36];
        for (var i = 0; i < 6; i++)
            for (var j = 0; j < 6; j++)
                p[i * 6 + j] = i == j ? (i < 3 ? 400 : 25) : (Math.Abs(i - j) == 3 ? 30 : 3);
        return p;
    }

    [Fact]
    public void Predict_WithoutBallisticCoefficient_IsTheDragFreeParabolaBitForBit()
    {
        double[] start = [1_000, 2_000, 30_000, -1_500, 800, 600];
        foreach (var dt in new[] { 0.5, 7.0, -3.0 })
        {
            // Yesterday's model written out: constant-velocity prediction, then the parabola's drop.
            double[] xRef = [.. start];
            var pRef = Covariance();
            ConstantVelocityKalmanFilter.Predict(xRef, pRef, dt, 5);
            xRef[2] -= 0.5 * G * dt * dt;
            xRef[5] -= G * dt;
            foreach (var model in new[] { new BallisticModel(5, 600), new BallisticModel(5, 600, double.PositiveInfinity, 1_234) })
            {
                double[] x = [.. start];
                var p = Covariance();
                model.Predict(x, p, dt);
                Assert.Equal(xRef, x);
                Assert.Equal(pRef, p);
            }
        }
    }

    [Fact]
    public void Predict_NegligibleDrag_FollowsTheParabolaThroughTheDragPath()
    {
        // β = 1e300 kg/m² takes the RK4 path with a drag of order 1e-300: RK4 is exact on a parabola, and with
        // A² = 0 the transition is the constant-velocity one.
        double[] x = [1_000, 2_000, 30_000, -1_500, 800, 600];
        var p = Covariance();
        double[] xRef = [.. x];
        var pRef = Covariance();
        new BallisticModel(5, 0, 1e300).Predict(x, p, 7);
        new BallisticModel(5).Predict(xRef, pRef, 7);
        for (var i = 0; i < 6; i++) Assert.Equal(xRef[i], x[i], 1e-6);
        for (var i = 0; i < 36; i++) Assert.Equal(pRef[i], p[i], 1e-6);
    }

    [Fact]
    public void Predict_1000MetresPerSecondAt10Km_DeceleratesByRhoVSquaredOverTwoBeta()
    {
        // ρ(10 km) = 1.225·e^(−10/7.2) = 0.305456 kg/m³; a = ρ·v²/(2β) = 0.305456·1e6/1e4 = 30.5456 m/s².
        const double dt = 0.01, expected = 30.5456;
        double[] x = [0, 0, 10_000, 1_000, 0, 0];
        new BallisticModel(0, 0, 5_000).Predict(x, new double[36], dt);
        Assert.Equal(expected, (1_000 - x[3]) / dt, expected * 1e-3);
        Assert.Equal(-G, x[5] / dt, G * 1e-3);
        // The altitude is the up coordinate plus the frame origin's height: 10 km up from a 10 km origin is 20 km.
        double[] y = [0, 0, 10_000, 1_000, 0, 0];
        new BallisticModel(0, 0, 5_000, 10_000).Predict(y, new double[36], dt);
        var expected20 = 1.225 * Math.Exp(-20_000.0 / 7_200) * 1e6 / 1e4;
        Assert.Equal(expected20, (1_000 - y[3]) / dt, expected20 * 1e-3);
    }

    [Fact]
    public void CreateFilter_BallisticCoefficientAndOriginHeight_ReachTheBallisticModel()
    {
        // At the up coordinate 0 of a frame whose origin is 10 km high: the 30.5456 m/s² of the case above.
        var options = new TrackerOptions { Models = [MotionModelKind.Ballistic], BallisticCoefficient = 5_000 };
        var filter = KalmanTracker.CreateFilter(options, new ExtendedKalmanPredictor(), originHeight: 10_000);
        var state = new FilterState(filter.Models);
        var predicted = new FilterState(filter.Models);
        filter.Initialise(state, 0, [0, 0, 0, 1_000, 0, 0], Covariance());
        filter.Predict(state, 0.01, predicted);
        Assert.Equal(30.5456, (1_000 - predicted.X[3]) / 0.01, 30.5456e-3);
    }

    [Fact]
    public void Predict_LightObjectInDenseAir_StaysStableAndOnTheFineIntegration()
    {
        // β = 50 kg/m² at 1 km and 1,000 m/s: ρ·|v|/β ≈ 22 /s, a time constant of 0.05 s; over 5 s the object slows
        // to its terminal speed √(2βg/ρ) ≈ 30 m/s. One-second substeps would blow up; the model shortens them.
        double[] start = [0, 0, 1_000, 800, 0, -600];
        var truth = Truth([.. start], 50, 1e-4, 5)[5];
        double[] x = [.. start];
        var p = Covariance();
        new BallisticModel(0, 0, 50).Predict(x, p, 5);
        for (var i = 0; i < 3; i++) Assert.Equal(truth[i], x[i], 0.5);
        for (var i = 3; i < 6; i++) Assert.Equal(truth[i], x[i], 0.05);
        Assert.InRange(Math.Sqrt(truth[3] * truth[3] + truth[5] * truth[5]), 25, 35);
        // Drag forgets the initial velocity: the velocity variance shrinks from 25 m²/s² to almost nothing.
        Assert.InRange(p[21], 0, 1);
        Assert.InRange(p[35], 0, 1);
    }

    [Fact]
    public void Jacobian_MatchesCentralFiniteDifferences()
    {
        var drag = new ExponentialAtmosphereDrag(3_000, 200);
        double[] s = [500, -300, 8_000, 900, -400, -600];
        var a = new double[36];
        drag.Jacobian(s, a);
        var plus = new double[6];
        var minus = new double[6];
        for (var j = 0; j < 6; j++)
        {
            var h = j < 3 ? 1.0 : 0.01;
            double[] sp = [.. s], sm = [.. s];
            sp[j] += h;
            sm[j] -= h;
            drag.Derivative(sp, plus);
            drag.Derivative(sm, minus);
            for (var i = 0; i < 6; i++)
            {
                var numeric = (plus[i] - minus[i]) / (2 * h);
                Assert.True(Math.Abs(numeric - a[i * 6 + j]) <= 1e-6 * (1 + Math.Abs(numeric)), $"∂f{i}/∂s{j}: {a[i * 6 + j]} vs {numeric}");
            }
        }
        // The drag terms are not zero here: ∂a_z/∂v_z = −ρ/(2β)·(|v| + v_z²/|v|).
        Assert.True(a[5 * 6 + 5] < -0.01);
        Assert.True(a[3 * 6 + 2] != 0);
    }

    [Fact]
    public void Predict_Covariance_FollowsTheJacobianOfTheMeanOverOneSecond()
    {
        // Without noise P' = Φ·P·Φᵀ, Φ the Jacobian of the one-second mean map, here by central differences.
        var model = new BallisticModel(0, 0, 5_000);
        double[] s = [0, 0, 12_000, 1_200, 300, -900];
        var phi = new double[36];
        for (var j = 0; j < 6; j++)
        {
            var h = j < 3 ? 1.0 : 0.01;
            double[] sp = [.. s], sm = [.. s];
            sp[j] += h;
            sm[j] -= h;
            model.Predict(sp, new double[36], 1);
            model.Predict(sm, new double[36], 1);
            for (var i = 0; i < 6; i++) phi[i * 6 + j] = (sp[i] - sm[i]) / (2 * h);
        }
        var p = Covariance();
        var expected = new double[36];
        for (var i = 0; i < 6; i++)
            for (var j = 0; j < 6; j++)
                for (var k = 0; k < 6; k++)
                    for (var l = 0; l < 6; l++) expected[i * 6 + j] += phi[i * 6 + k] * p[k * 6 + l] * phi[j * 6 + l];
        model.Predict([.. s], p, 1);
        // Within 0.1% of √(Pii·Pjj): the linearised second-order transition against the exact flow's Jacobian.
        for (var i = 0; i < 6; i++)
            for (var j = 0; j < 6; j++)
                Assert.Equal(expected[i * 6 + j], p[i * 6 + j], 1e-3 * Math.Sqrt(expected[i * 7] * expected[j * 7]));
    }

    [Fact]
    public void Track_FallingBodyWithDrag_HasLowerRmsErrorWithTheDragModel()
    {
        const double beta = 5_000, sigma = 20, step = 1e-3;
        var truth = Truth([0, 0, 40_000, 1_500, 0, -1_000], beta, step, 25);
        var withDrag = RmsPositionError(new BallisticModel(5, 0, beta), truth, sigma);
        var withoutDrag = RmsPositionError(new BallisticModel(5), truth, sigma);
        Assert.True(withDrag < 0.5 * withoutDrag, $"RMS with drag {withDrag:F1} m, without {withoutDrag:F1} m");
        // Better than the plots themselves, whose 3D RMS error is 20·√3 = 34.6 m.
        Assert.True(withDrag < sigma * Math.Sqrt(3), $"RMS with drag {withDrag:F1} m");
        Console.WriteLine($"falling body, 20 m plots: RMS position error {withDrag:F1} m with drag, {withoutDrag:F1} m without");
    }

    /// <summary>Truth once a second for <paramref name="seconds"/> s, by RK4 at <paramref name="step"/> s, written out independently.</summary>
    private static List<double[]> Truth(double[] s, double beta, double step, int seconds)
    {
        List<double[]> states = [[.. s]];
        var perSecond = (int)Math.Round(1 / step);
        for (var t = 1; t <= seconds; t++)
        {
            for (var n = 0; n < perSecond; n++)
            {
                var k1 = F(s);
                var k2 = F(Add(s, k1, step / 2));
                var k3 = F(Add(s, k2, step / 2));
                var k4 = F(Add(s, k3, step));
                for (var i = 0; i < 6; i++) s[i] += step / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
            }
            states.Add([.. s]);
        }
        return states;

        double[] F(double[] u)
        {
            var speed = Math.Sqrt(u[3] * u[3] + u[4] * u[4] + u[5] * u[5]);
            var k = 1.225 * Math.Exp(-u[2] / 7_200) * speed / (2 * beta);
            return [u[3], u[4], u[5], -k * u[3], -k * u[4], -k * u[5] - G];
        }

        static double[] Add(double[] u, double[] d, double h) => [.. u.Select((v, i) => v + h * d[i])];
    }

    private static double RmsPositionError(IMotionModel motion, List<double[]> truth, double sigma)
    {
        var filter = new InteractingMultipleModelFilter([motion], [1], 1, new ExtendedKalmanPredictor());
        var state = new FilterState(1);
        var predicted = new FilterState(1);
        var p = new double[36];
        for (var i = 0; i < 6; i++) p[i * 7] = i < 3 ? sigma * sigma : 50 * 50;
        filter.Initialise(state, 0, truth[0], p);
        var rng = new Random(11);
        var model = MeasurementModel.Position(sigma);
        double sum = 0;
        var count = 0;
        for (var t = 1; t < truth.Count; t++)
        {
            var x = truth[t];
            var z = new Vec3(rng.NextGaussian(x[0], sigma), rng.NextGaussian(x[1], sigma), rng.NextGaussian(x[2], sigma));
            filter.Predict(state, t, predicted);
            filter.Update(predicted, model, [Plot.Position(new SensorId(1), t, z)], [1.0], 0, 1, 0);
            state.CopyFrom(predicted);
            if (t < 5) continue;
            sum += Square(state.X[0] - x[0]) + Square(state.X[1] - x[1]) + Square(state.X[2] - x[2]);
            count++;
        }
        return Math.Sqrt(sum / count);

        static double Square(double v) => v * v;
    }

    [Theory]
    [InlineData("ballistic-coefficient: 5000\n")]
    [InlineData("ballistic-coefficient: 5000 kg/m2\n")]
    public void Parse_BallisticCoefficient_BareOrWithUnit(string yaml)
    {
        Assert.Equal(5_000, TrackerOptionsFile.Parse(yaml, "tracker.yaml").BallisticCoefficient);
        Assert.Null(TrackerOptionsFile.Parse("fast-speed: 500\n", "tracker.yaml").BallisticCoefficient);
    }

    [Theory]
    [InlineData("ballistic-coefficient: -3\n")]
    [InlineData("ballistic-coefficient: 0 kg/m2\n")]
    [InlineData("ballistic-coefficient: heavy\n")]
    public void Parse_BallisticCoefficientNotPositive_NamesLineColumnAndKey(string yaml)
    {
        var ex = Assert.Throws<TrackingFileException>(() => TrackerOptionsFile.Parse("fast-speed: 500\n" + yaml, "tracker.yaml"));
        Assert.StartsWith("tracker.yaml:2:24: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ballistic-coefficient", ex.Message, StringComparison.Ordinal);
    }
}
