using Canopy.Core.Geometry;

namespace Canopy.Tracking;

/// <summary>
/// The constant-velocity Kalman filter on a 6-state (x, y, z, vx, vy, vz) with a row-major 6x6 covariance.
/// Process noise is white acceleration of spectral density q, discretised exactly over the step
/// (Q = q·[dt³/3, dt²/2; dt²/2, dt] per axis), so one long step equals many short ones.
/// </summary>
public static class ConstantVelocityKalmanFilter
{
    public const int StateSize = 6;
    public const int CovarianceSize = StateSize * StateSize;

    /// <summary>Predicts state and covariance by <paramref name="dt"/> seconds (negative dt retrodicts; noise uses |dt|).</summary>
    public static void Predict(Span<double> x, Span<double> p, double dt, double q)
    {
        for (var i = 0; i < 3; i++) x[i] += dt * x[i + 3];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                var vv = p[(i + 3) * 6 + j + 3];
                p[i * 6 + j] += dt * (p[i * 6 + j + 3] + p[(i + 3) * 6 + j]) + dt * dt * vv;
            }
        }
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                var vv = p[(i + 3) * 6 + j + 3];
                p[i * 6 + j + 3] += dt * vv;
                p[(i + 3) * 6 + j] += dt * vv;
            }
        }
        var a = Math.Abs(dt);
        for (var i = 0; i < 3; i++)
        {
            p[i * 7] += q * a * a * a / 3;
            p[i * 6 + i + 3] += q * a * a / 2;
            p[(i + 3) * 6 + i] += q * a * a / 2;
            p[(i + 3) * 7] += q * a;
        }
    }

    /// <summary>Squared Mahalanobis distance of position measurement <paramref name="z"/> with 3x3 covariance <paramref name="r"/>.</summary>
    public static double MahalanobisSquared(ReadOnlySpan<double> x, ReadOnlySpan<double> p, Vec3 z, ReadOnlySpan<double> r)
    {
        Span<double> sInv = stackalloc double[9];
        if (!InnovationInverse(p, r, sInv)) return double.PositiveInfinity;
        Span<double> nu = [z.X - x[0], z.Y - x[1], z.Z - x[2]];
        var d2 = 0.0;
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
                d2 += nu[i] * sInv[i * 3 + j] * nu[j];
        return d2;
    }

    /// <summary>Updates with a position measurement <paramref name="z"/> of 3x3 covariance <paramref name="r"/> (H = [I 0]).</summary>
    public static void Update(Span<double> x, Span<double> p, Vec3 z, ReadOnlySpan<double> r)
    {
        Span<double> sInv = stackalloc double[9];
        if (!InnovationInverse(p, r, sInv)) return;
        Span<double> k = stackalloc double[18];
        for (var i = 0; i < 6; i++)
            for (var j = 0; j < 3; j++)
                k[i * 3 + j] = p[i * 6] * sInv[j] + p[i * 6 + 1] * sInv[3 + j] + p[i * 6 + 2] * sInv[6 + j];
        Span<double> nu = [z.X - x[0], z.Y - x[1], z.Z - x[2]];
        for (var i = 0; i < 6; i++) x[i] += k[i * 3] * nu[0] + k[i * 3 + 1] * nu[1] + k[i * 3 + 2] * nu[2];
        Span<double> hp = stackalloc double[18];
        p[..18].CopyTo(hp);
        for (var i = 0; i < 6; i++)
            for (var j = 0; j < 6; j++)
                p[i * 6 + j] -= k[i * 3] * hp[j] + k[i * 3 + 1] * hp[6 + j] + k[i * 3 + 2] * hp[12 + j];
        Symmetrize(p);
    }

    /// <summary>
    /// Updates with one scalar measurement of innovation <paramref name="innovation"/>, linearised row
    /// <paramref name="h"/> (6 values) and noise variance <paramref name="variance"/>.
    /// </summary>
    public static void UpdateScalar(Span<double> x, Span<double> p, ReadOnlySpan<double> h, double innovation, double variance)
    {
        Span<double> ph = stackalloc double[6];
        for (var i = 0; i < 6; i++)
        {
            var s = 0.0;
            for (var j = 0; j < 6; j++) s += p[i * 6 + j] * h[j];
            ph[i] = s;
        }
        var sVar = variance;
        for (var i = 0; i < 6; i++) sVar += h[i] * ph[i];
        if (!(sVar > 0)) return;
        for (var i = 0; i < 6; i++) x[i] += ph[i] / sVar * innovation;
        for (var i = 0; i < 6; i++)
            for (var j = 0; j < 6; j++)
                p[i * 6 + j] -= ph[i] * ph[j] / sVar;
        Symmetrize(p);
    }

    /// <summary>The innovation variance h·P·hᵀ + r of a scalar measurement.</summary>
    public static double ScalarInnovationVariance(ReadOnlySpan<double> p, ReadOnlySpan<double> h, double variance)
    {
        var s = variance;
        for (var i = 0; i < 6; i++)
            for (var j = 0; j < 6; j++)
                s += h[i] * p[i * 6 + j] * h[j];
        return s;
    }

    private static bool InnovationInverse(ReadOnlySpan<double> p, ReadOnlySpan<double> r, Span<double> inv)
    {
        double a = p[0] + r[0], b = p[1] + r[1], c = p[2] + r[2];
        double d = p[6] + r[3], e = p[7] + r[4], f = p[8] + r[5];
        double g = p[12] + r[6], h = p[13] + r[7], i = p[14] + r[8];
        var c00 = e * i - f * h;
        var c01 = -(d * i - f * g);
        var c02 = d * h - e * g;
        var det = a * c00 + b * c01 + c * c02;
        if (!(Math.Abs(det) > 0)) return false;
        var s = 1 / det;
        inv[0] = c00 * s;
        inv[1] = -(b * i - c * h) * s;
        inv[2] = (b * f - c * e) * s;
        inv[3] = c01 * s;
        inv[4] = (a * i - c * g) * s;
        inv[5] = -(a * f - c * d) * s;
        inv[6] = c02 * s;
        inv[7] = -(a * h - b * g) * s;
        inv[8] = (a * e - b * d) * s;
        return true;
    }

    private static void Symmetrize(Span<double> p)
    {
        for (var i = 0; i < 6; i++)
        {
            for (var j = i + 1; j < 6; j++)
            {
                var m = 0.5 * (p[i * 6 + j] + p[j * 6 + i]);
                p[i * 6 + j] = m;
                p[j * 6 + i] = m;
            }
        }
    }
}
