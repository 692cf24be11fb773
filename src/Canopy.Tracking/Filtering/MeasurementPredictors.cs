using Canopy.Core.Geometry;

namespace Canopy.Tracking.Filtering;

/// <summary>
/// Predicts a measurement from a Gaussian state: the predicted measurement ẑ, the innovation covariance S
/// (dim x dim) and the state-measurement cross covariance C (6 x dim), all row-major. The Kalman gain is C·S⁻¹.
/// </summary>
public interface IMeasurementPredictor
{
    void Predict(ReadOnlySpan<double> x, ReadOnlySpan<double> p, in MeasurementModel model,
        Span<double> zHat, Span<double> s, Span<double> c);
}

/// <summary>The extended Kalman filter's prediction: h linearised at the state mean (ẑ = h(x), C = P·Hᵀ, S = H·P·Hᵀ + R).</summary>
public sealed class ExtendedKalmanPredictor : IMeasurementPredictor
{
    public void Predict(ReadOnlySpan<double> x, ReadOnlySpan<double> p, in MeasurementModel model,
        Span<double> zHat, Span<double> s, Span<double> c)
    {
        var n = model.Dimension;
        Span<double> j = stackalloc double[24];
        model.Linearise(x, zHat, j);
        // Only the range rate depends on the velocity: otherwise H is zero over the last three columns.
        var columns = model.HasRangeRate ? 6 : 3;
        if (n == 3 && columns == 3)
        {
            PredictPosition3(p, j, model, s, c);
            return;
        }
        // C = P·Hᵀ.
        for (var i = 0; i < 6; i++)
            for (var k = 0; k < n; k++)
            {
                var sum = 0.0;
                for (var q = 0; q < columns; q++) sum += p[i * 6 + q] * j[k * 6 + q];
                c[i * n + k] = sum;
            }
        for (var a = 0; a < n; a++)
            for (var b = 0; b < n; b++)
            {
                var sum = 0.0;
                for (var q = 0; q < columns; q++) sum += j[a * 6 + q] * c[q * n + b];
                s[a * n + b] = sum + (a == b ? model.Variance(a) : 0);
            }
    }

    /// <summary>
    /// The common case of three measured components that depend on the position only, written out: the same sums in
    /// the same order as the general loops, without their index arithmetic and bounds checks.
    /// </summary>
    private static void PredictPosition3(ReadOnlySpan<double> p, ReadOnlySpan<double> j, in MeasurementModel model, Span<double> s, Span<double> c)
    {
        _ = j[14];
        _ = s[8];
        // C = P·Jᵀ over the position columns.
        Matrix6.Multiply6By3(p, 6, j, 1, 6, c);
        double j00 = j[0], j01 = j[1], j02 = j[2], j10 = j[6], j11 = j[7], j12 = j[8], j20 = j[12], j21 = j[13], j22 = j[14];
        for (var b = 0; b < 3; b++)
        {
            double c0 = c[b], c1 = c[3 + b], c2 = c[6 + b];
            s[b] = 0.0 + j00 * c0 + j01 * c1 + j02 * c2 + (b == 0 ? model.Variance(0) : 0);
            s[3 + b] = 0.0 + j10 * c0 + j11 * c1 + j12 * c2 + (b == 1 ? model.Variance(1) : 0);
            s[6 + b] = 0.0 + j20 * c0 + j21 * c1 + j22 * c2 + (b == 2 ? model.Variance(2) : 0);
        }
    }
}

/// <summary>
/// The unscented transform's prediction (Julier and Uhlmann, symmetric set with κ = 0, weights 1/12): 12 sigma points
/// at ±√6 columns of the Cholesky factor of P pushed through h (position, and velocity for the range rate); angle components are averaged as residuals about the
/// mean's own measurement so that they do not tear across ±π.
/// </summary>
public sealed class UnscentedKalmanPredictor : IMeasurementPredictor
{
    private static readonly ExtendedKalmanPredictor Fallback = new();

    public void Predict(ReadOnlySpan<double> x, ReadOnlySpan<double> p, in MeasurementModel model,
        Span<double> zHat, Span<double> s, Span<double> c)
    {
        var n = model.Dimension;
        Span<double> l = stackalloc double[36];
        if (!Matrix6.Cholesky(p, 6, l))
        {
            Fallback.Predict(x, p, model, zHat, s, c); // P not positive definite: linearise instead
            return;
        }
        Span<double> centre = stackalloc double[4];
        model.Evaluate(x, centre);
        Span<double> dz = stackalloc double[12 * 4]; // residuals of each sigma point's measurement about centre
        Span<double> mean = stackalloc double[4];
        mean.Clear();
        Span<double> z = stackalloc double[4];
        Span<double> point = stackalloc double[6];
        var scale = Math.Sqrt(6.0);
        const double w = 1.0 / 12;
        for (var k = 0; k < 12; k++)
        {
            var col = k % 6;
            var sign = k < 6 ? scale : -scale;
            for (var a = 0; a < 6; a++) point[a] = x[a] + sign * l[a * 6 + col];
            model.Evaluate(point, z);
            for (var a = 0; a < n; a++)
            {
                dz[k * 4 + a] = model.Residual(a, z[a], centre[a]);
                mean[a] += w * dz[k * 4 + a];
            }
        }
        for (var a = 0; a < n; a++) zHat[a] = centre[a] + mean[a];
        for (var a = 0; a < n; a++)
            for (var b = 0; b < n; b++)
            {
                var sum = a == b ? model.Variance(a) : 0;
                for (var k = 0; k < 12; k++) sum += w * (dz[k * 4 + a] - mean[a]) * (dz[k * 4 + b] - mean[b]);
                s[a * n + b] = sum;
            }
        for (var i = 0; i < 6; i++)
            for (var b = 0; b < n; b++)
            {
                var sum = 0.0;
                for (var k = 0; k < 12; k++) sum += w * (k < 6 ? scale : -scale) * l[i * 6 + k % 6] * (dz[k * 4 + b] - mean[b]);
                c[i * n + b] = sum;
            }
    }

}
