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
        var position = new Vec3(x[0], x[1], x[2]);
        Span<double> j = stackalloc double[9];
        model.Linearise(position, zHat, j);
        // C = P[:, 0:3]·Jᵀ (H is J padded with zeros over velocity).
        for (var i = 0; i < 6; i++)
            for (var k = 0; k < n; k++)
                c[i * n + k] = p[i * 6] * j[k * 3] + p[i * 6 + 1] * j[k * 3 + 1] + p[i * 6 + 2] * j[k * 3 + 2];
        for (var a = 0; a < n; a++)
            for (var b = 0; b < n; b++)
                s[a * n + b] = j[a * 3] * c[b] + j[a * 3 + 1] * c[n + b] + j[a * 3 + 2] * c[2 * n + b] + (a == b ? model.Variance(a) : 0);
    }
}

/// <summary>
/// The unscented transform's prediction (Julier and Uhlmann, symmetric set with κ = 0, weights 1/12): 12 sigma points
/// at ±√6 columns of the Cholesky factor of P pushed through h; angle components are averaged as residuals about the
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
        if (!Cholesky(p, l))
        {
            Fallback.Predict(x, p, model, zHat, s, c); // P not positive definite: linearise instead
            return;
        }
        Span<double> centre = stackalloc double[3];
        model.Evaluate(new Vec3(x[0], x[1], x[2]), centre);
        Span<double> dz = stackalloc double[12 * 3]; // residuals of each sigma point's measurement about centre
        Span<double> mean = stackalloc double[3];
        mean.Clear();
        Span<double> z = stackalloc double[3];
        var scale = Math.Sqrt(6.0);
        const double w = 1.0 / 12;
        for (var k = 0; k < 12; k++)
        {
            var col = k % 6;
            var sign = k < 6 ? scale : -scale;
            var point = new Vec3(x[0] + sign * l[col], x[1] + sign * l[6 + col], x[2] + sign * l[12 + col]);
            model.Evaluate(point, z);
            for (var a = 0; a < n; a++)
            {
                dz[k * 3 + a] = model.Residual(a, z[a], centre[a]);
                mean[a] += w * dz[k * 3 + a];
            }
        }
        for (var a = 0; a < n; a++) zHat[a] = centre[a] + mean[a];
        for (var a = 0; a < n; a++)
            for (var b = 0; b < n; b++)
            {
                var sum = a == b ? model.Variance(a) : 0;
                for (var k = 0; k < 12; k++) sum += w * (dz[k * 3 + a] - mean[a]) * (dz[k * 3 + b] - mean[b]);
                s[a * n + b] = sum;
            }
        for (var i = 0; i < 6; i++)
            for (var b = 0; b < n; b++)
            {
                var sum = 0.0;
                for (var k = 0; k < 12; k++) sum += w * (k < 6 ? scale : -scale) * l[i * 6 + k % 6] * (dz[k * 3 + b] - mean[b]);
                c[i * n + b] = sum;
            }
    }

    /// <summary>Lower-triangular L with L·Lᵀ = P; false when P is not positive definite.</summary>
    private static bool Cholesky(ReadOnlySpan<double> p, Span<double> l)
    {
        l.Clear();
        for (var i = 0; i < 6; i++)
            for (var j = 0; j <= i; j++)
            {
                var sum = p[i * 6 + j];
                for (var k = 0; k < j; k++) sum -= l[i * 6 + k] * l[j * 6 + k];
                if (i == j)
                {
                    if (!(sum > 0)) return false;
                    l[i * 6 + i] = Math.Sqrt(sum);
                }
                else
                {
                    l[i * 6 + j] = sum / l[j * 6 + j];
                }
            }
        return true;
    }
}
