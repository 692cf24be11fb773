namespace Canopy.Federation.Fusion;

/// <summary>Row-major 6 x 6 symmetric matrix helpers for track fusion (state covariances and their inverses); no allocation.</summary>
internal static class SymmetricMatrix6
{
    public const int N = 6;
    public const int Size = N * N;

    /// <summary>
    /// Inverts a symmetric positive definite matrix by its Cholesky factor; returns the log-determinant of
    /// <paramref name="a"/>, or NaN (and leaves <paramref name="inverse"/> undefined) when it is not positive definite.
    /// </summary>
    public static double Invert(ReadOnlySpan<double> a, Span<double> inverse)
    {
        Span<double> l = stackalloc double[Size];
        if (!Cholesky(a, l, out var logDet)) return double.NaN;
        // inverse = L^-T L^-1: solve L y = e_j, then L^T x = y, column by column.
        Span<double> y = stackalloc double[N];
        for (var j = 0; j < N; j++)
        {
            for (var i = 0; i < N; i++)
            {
                var s = i == j ? 1.0 : 0.0;
                for (var k = 0; k < i; k++) s -= l[i * N + k] * y[k];
                y[i] = s / l[i * N + i];
            }
            for (var i = N - 1; i >= 0; i--)
            {
                var s = y[i];
                for (var k = i + 1; k < N; k++) s -= l[k * N + i] * inverse[k * N + j];
                inverse[i * N + j] = s / l[i * N + i];
            }
        }
        Symmetrize(inverse);
        return logDet;
    }

    /// <summary>The lower Cholesky factor L (L Lᵀ = a) and log det a; false when a is not positive definite.</summary>
    public static bool Cholesky(ReadOnlySpan<double> a, Span<double> l, out double logDet)
    {
        logDet = 0;
        l.Clear();
        for (var i = 0; i < N; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var s = a[i * N + j];
                for (var k = 0; k < j; k++) s -= l[i * N + k] * l[j * N + k];
                if (i == j)
                {
                    if (!(s > 0) || !double.IsFinite(s)) return false;
                    l[i * N + i] = Math.Sqrt(s);
                    logDet += Math.Log(s);
                }
                else l[i * N + j] = s / l[j * N + j];
            }
        }
        return true;
    }

    /// <summary>r = a·v (6-vector).</summary>
    public static void Multiply(ReadOnlySpan<double> a, ReadOnlySpan<double> v, Span<double> r)
    {
        for (var i = 0; i < N; i++)
        {
            var s = 0.0;
            for (var k = 0; k < N; k++) s += a[i * N + k] * v[k];
            r[i] = s;
        }
    }

    /// <summary>vᵀ a v.</summary>
    public static double QuadraticForm(ReadOnlySpan<double> a, ReadOnlySpan<double> v)
    {
        var s = 0.0;
        for (var i = 0; i < N; i++)
        {
            var row = 0.0;
            for (var k = 0; k < N; k++) row += a[i * N + k] * v[k];
            s += v[i] * row;
        }
        return s;
    }

    public static double Trace(ReadOnlySpan<double> a)
    {
        var s = 0.0;
        for (var i = 0; i < N; i++) s += a[i * 7];
        return s;
    }

    /// <summary>Replaces a by (a + aᵀ) / 2, removing rounding asymmetry.</summary>
    public static void Symmetrize(Span<double> a)
    {
        for (var i = 0; i < N; i++)
        {
            for (var j = i + 1; j < N; j++)
            {
                var m = (a[i * N + j] + a[j * N + i]) / 2;
                a[i * N + j] = m;
                a[j * N + i] = m;
            }
        }
    }

    /// <summary>
    /// Predicts a constant-velocity state (x, y, z, vx, vy, vz) and its covariance over <paramref name="dt"/> with white
    /// acceleration noise of density <paramref name="q"/> (m²/s³) per axis: x' = F x, P' = F P Fᵀ + Q.
    /// </summary>
    public static void PredictConstantVelocity(Span<double> x, Span<double> p, double dt, double q)
    {
        if (dt == 0) return;
        for (var i = 0; i < 3; i++) x[i] += dt * x[i + 3];
        // F P Fᵀ with F = [I dt·I; 0 I]: rows then columns of the position block gain dt times the velocity block.
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < N; j++) p[i * N + j] += dt * p[(i + 3) * N + j];
        for (var j = 0; j < 3; j++)
            for (var i = 0; i < N; i++) p[i * N + j] += dt * p[i * N + j + 3];
        var a = Math.Abs(dt);
        for (var i = 0; i < 3; i++)
        {
            p[i * 7] += q * a * a * a / 3;
            p[i * N + i + 3] += q * dt * a / 2;
            p[(i + 3) * N + i] += q * dt * a / 2;
            p[(i + 3) * 7] += q * a;
        }
        Symmetrize(p);
    }
}
