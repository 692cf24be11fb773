namespace Canopy.Tracking.Filtering;

/// <summary>
/// Constant acceleration on the 9-state (x, y, z, vx, vy, vz, ax, ay, az) with a row-major 9x9 covariance: the
/// Wiener-process acceleration model of Bar-Shalom, Li and Kirubarajan, "Estimation with Applications to Tracking and
/// Navigation", §6.3.3. Per axis F = [1, dt, dt²/2; 0, 1, dt; 0, 0, 1] and white jerk noise of density q (m²/s⁵)
/// discretised exactly, Q = q·[dt⁵/20, dt⁴/8, dt³/6; dt⁴/8, dt³/3, dt²/2; dt³/6, dt²/2, dt] (noise uses |dt|).
/// </summary>
public sealed class ConstantAccelerationModel(double q) : IMotionModel
{
    /// <summary>Length of the state: position, velocity and acceleration.</summary>
    public const int StateSize = 9;

    public int Dimension => StateSize;

    public void Predict(Span<double> x, Span<double> p, double dt)
    {
        var half = 0.5 * dt * dt;
        for (var i = 0; i < 3; i++)
        {
            x[i] += dt * x[i + 3] + half * x[i + 6];
            x[i + 3] += dt * x[i + 6];
        }
        // F·P by rows, then (F·P)·Fᵀ by columns; each position row (column) is updated before its velocity one.
        for (var col = 0; col < StateSize; col++)
            for (var i = 0; i < 3; i++)
            {
                p[i * 9 + col] += dt * p[(i + 3) * 9 + col] + half * p[(i + 6) * 9 + col];
                p[(i + 3) * 9 + col] += dt * p[(i + 6) * 9 + col];
            }
        for (var row = 0; row < StateSize * StateSize; row += StateSize)
            for (var i = 0; i < 3; i++)
            {
                p[row + i] += dt * p[row + i + 3] + half * p[row + i + 6];
                p[row + i + 3] += dt * p[row + i + 6];
            }
        var a = Math.Abs(dt);
        var a2 = a * a;
        var a3 = a2 * a;
        ReadOnlySpan<double> q3 = [a3 * a2 / 20, a2 * a2 / 8, a3 / 6, a3 / 3, a2 / 2, a];
        for (var i = 0; i < 3; i++)
        {
            int pi = i, vi = i + 3, ai = i + 6;
            p[pi * 9 + pi] += q * q3[0];
            Add(p, pi, vi, q * q3[1]);
            Add(p, pi, ai, q * q3[2]);
            p[vi * 9 + vi] += q * q3[3];
            Add(p, vi, ai, q * q3[4]);
            p[ai * 9 + ai] += q * q3[5];
        }
    }

    private static void Add(Span<double> p, int r, int c, double v)
    {
        p[r * 9 + c] += v;
        p[c * 9 + r] += v;
    }
}
