namespace Canopy.Tracking.Filtering;

/// <summary>Small dense row-major matrix helpers for the 6-state filters; no allocation.</summary>
internal static class Matrix6
{
    /// <summary>Adds the exactly discretised white-acceleration noise of density q over |dt| (per axis).</summary>
    public static void AddWhiteAccelerationNoise(Span<double> p, double dt, double q) => AddWhiteAccelerationNoise(p, dt, q, q);

    /// <summary>As <see cref="AddWhiteAccelerationNoise(Span{double}, double, double)"/>, with density <paramref name="qUp"/> on the up axis.</summary>
    public static void AddWhiteAccelerationNoise(Span<double> p, double dt, double qHorizontal, double qUp)
    {
        var a = Math.Abs(dt);
        for (var i = 0; i < 3; i++)
        {
            var q = i == 2 ? qUp : qHorizontal;
            p[i * 7] += q * a * a * a / 3;
            p[i * 6 + i + 3] += q * a * a / 2;
            p[(i + 3) * 6 + i] += q * a * a / 2;
            p[(i + 3) * 7] += q * a;
        }
    }

    /// <summary>Inverts a symmetric n x n (n ≤ 4) matrix; returns the log-determinant, or NaN when not positive definite.</summary>
    public static double InvertSmall(ReadOnlySpan<double> s, int n, Span<double> inv)
    {
        switch (n)
        {
            case 1:
                if (!(s[0] > 0)) return double.NaN;
                inv[0] = 1 / s[0];
                return Math.Log(s[0]);
            case 2:
            {
                var det = s[0] * s[3] - s[1] * s[2];
                if (!(det > 0) || !(s[0] > 0)) return double.NaN;
                inv[0] = s[3] / det; inv[1] = -s[1] / det; inv[2] = -s[2] / det; inv[3] = s[0] / det;
                return Math.Log(det);
            }
            case 4:
                return InvertByCholesky(s, 4, inv);
            default:
            {
                double a = s[0], b = s[1], c = s[2], d = s[3], e = s[4], f = s[5], g = s[6], h = s[7], i = s[8];
                var c00 = e * i - f * h;
                var c01 = -(d * i - f * g);
                var c02 = d * h - e * g;
                var det = a * c00 + b * c01 + c * c02;
                if (!(det > 0)) return double.NaN;
                var r = 1 / det;
                inv[0] = c00 * r; inv[1] = -(b * i - c * h) * r; inv[2] = (b * f - c * e) * r;
                inv[3] = c01 * r; inv[4] = (a * i - c * g) * r; inv[5] = -(a * f - c * d) * r;
                inv[6] = c02 * r; inv[7] = -(a * h - b * g) * r; inv[8] = (a * e - b * d) * r;
                return Math.Log(det);
            }
        }
    }

    /// <summary>Inverts a symmetric positive definite n x n (n ≤ 4) matrix through its Cholesky factor L (S⁻¹ = L⁻ᵀ·L⁻¹).</summary>
    private static double InvertByCholesky(ReadOnlySpan<double> s, int n, Span<double> inv)
    {
        Span<double> l = stackalloc double[16];
        Span<double> li = stackalloc double[16];
        l.Clear();
        li.Clear();
        var logDet = 0.0;
        for (var i = 0; i < n; i++)
            for (var j = 0; j <= i; j++)
            {
                var sum = s[i * n + j];
                for (var k = 0; k < j; k++) sum -= l[i * n + k] * l[j * n + k];
                if (i != j)
                {
                    l[i * n + j] = sum / l[j * n + j];
                    continue;
                }
                if (!(sum > 0)) return double.NaN;
                l[i * n + i] = Math.Sqrt(sum);
                logDet += Math.Log(sum);
            }
        // L⁻¹ by forward substitution, column by column.
        for (var col = 0; col < n; col++)
            for (var i = col; i < n; i++)
            {
                var sum = i == col ? 1.0 : 0.0;
                for (var k = col; k < i; k++) sum -= l[i * n + k] * li[k * n + col];
                li[i * n + col] = sum / l[i * n + i];
            }
        for (var a = 0; a < n; a++)
            for (var b = 0; b < n; b++)
            {
                var sum = 0.0;
                for (var k = Math.Max(a, b); k < n; k++) sum += li[k * n + a] * li[k * n + b];
                inv[a * n + b] = sum;
            }
        return logDet;
    }

    /// <summary>
    /// R (6x3, row-major) = A·B for the 6x3 A whose row i starts at a[i·<paramref name="stride"/>] and the 3x3 B with
    /// B[r, c] = b[r·<paramref name="rowStep"/> + c·<paramref name="columnStep"/>] (a transposed B by swapping the steps).
    /// Written out, each sum in the order of the general loop (0 + a₀b₀ + a₁b₁ + a₂b₂), for the filters' hot paths.
    /// </summary>
    public static void Multiply6By3(ReadOnlySpan<double> a, int stride, ReadOnlySpan<double> b, int rowStep, int columnStep, Span<double> r)
    {
        _ = r[17];
        double b00 = b[0], b01 = b[columnStep], b02 = b[2 * columnStep];
        double b10 = b[rowStep], b11 = b[rowStep + columnStep], b12 = b[rowStep + 2 * columnStep];
        double b20 = b[2 * rowStep], b21 = b[2 * rowStep + columnStep], b22 = b[2 * rowStep + 2 * columnStep];
        for (var i = 0; i < 6; i++)
        {
            var row = a.Slice(i * stride, 3);
            double a0 = row[0], a1 = row[1], a2 = row[2];
            r[i * 3] = 0.0 + a0 * b00 + a1 * b10 + a2 * b20;
            r[i * 3 + 1] = 0.0 + a0 * b01 + a1 * b11 + a2 * b21;
            r[i * 3 + 2] = 0.0 + a0 * b02 + a1 * b12 + a2 * b22;
        }
    }

    /// <summary>P ← F·P·Fᵀ for a dense row-major 6x6 F.</summary>
    public static void Transform(ReadOnlySpan<double> f, Span<double> p)
    {
        Span<double> fp = stackalloc double[36];
        for (var i = 0; i < 6; i++)
            for (var j = 0; j < 6; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < 6; k++) sum += f[i * 6 + k] * p[k * 6 + j];
                fp[i * 6 + j] = sum;
            }
        for (var i = 0; i < 6; i++)
            for (var j = 0; j < 6; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < 6; k++) sum += fp[i * 6 + k] * f[j * 6 + k];
                p[i * 6 + j] = sum;
            }
    }

    /// <summary>Averages P with its transpose, against rounding drift.</summary>
    public static void Symmetrize(Span<double> p)
    {
        for (var i = 0; i < 6; i++)
            for (var j = i + 1; j < 6; j++)
            {
                var m = 0.5 * (p[i * 6 + j] + p[j * 6 + i]);
                p[i * 6 + j] = m;
                p[j * 6 + i] = m;
            }
    }

    /// <summary>
    /// Lower-triangular 6x6 L with L·Lᵀ the leading 6x6 block of <paramref name="p"/> (row-major with <paramref name="stride"/>
    /// values a row: 6 for a 6x6 covariance, 9 for the constant-acceleration model's); false when not positive definite.
    /// </summary>
    public static bool Cholesky(ReadOnlySpan<double> p, int stride, Span<double> l)
    {
        l.Clear();
        for (var i = 0; i < 6; i++)
            for (var j = 0; j <= i; j++)
            {
                var sum = p[i * stride + j];
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
