using Kf = Canopy.Tracking.ConstantVelocityKalmanFilter;

namespace Canopy.Tracking.Filtering;

/// <summary>
/// A motion model on the common 6-state (x, y, z, vx, vy, vz): predicts a mean and a row-major 6x6 covariance
/// by dt seconds in place. Every model shares the state so that an IMM filter can mix them.
/// </summary>
public interface IMotionModel
{
    /// <summary>Predicts <paramref name="x"/> and <paramref name="p"/> by <paramref name="dt"/> seconds (negative retrodicts).</summary>
    void Predict(Span<double> x, Span<double> p, double dt);
}

/// <summary>
/// Constant velocity with white acceleration noise of density q (m²/s³); tracks faster than a threshold speed
/// use a larger density, since a fast target's manoeuvres (or unmodelled gravity) are larger.
/// </summary>
public sealed class ConstantVelocityModel(double q, double fastQ = double.NaN, double fastSpeed = double.PositiveInfinity) : IMotionModel
{
    public void Predict(Span<double> x, Span<double> p, double dt)
    {
        var fast = x[3] * x[3] + x[4] * x[4] + x[5] * x[5] > fastSpeed * fastSpeed;
        Kf.Predict(x, p, dt, fast ? fastQ : q);
    }
}

/// <summary>
/// Ballistic flight: constant velocity plus gravity (flat-earth, -<see cref="Gravity"/> along up), with white
/// acceleration noise of density q for drag and the Earth's curvature. The mean follows the exact parabola.
/// Below <c>minSpeed</c> (m/s) gravity is left out: aircraft and drones do not fall, and over one revisit a radar cannot
/// tell a few metres of drop from its elevation noise, so a falling model would bias their vertical velocity.
/// </summary>
public sealed class BallisticModel(double q, double minSpeed = 0) : IMotionModel
{
    /// <summary>Standard gravity, m/s².</summary>
    public const double Gravity = 9.80665;

    public void Predict(Span<double> x, Span<double> p, double dt)
    {
        var falls = x[3] * x[3] + x[4] * x[4] + x[5] * x[5] >= minSpeed * minSpeed;
        Kf.Predict(x, p, dt, q);
        if (!falls) return;
        x[2] -= 0.5 * Gravity * dt * dt;
        x[5] -= Gravity * dt;
    }
}

/// <summary>
/// A horizontal coordinated turn at a known rate ω (rad/s, positive counter-clockwise seen from above) with
/// constant vertical velocity; white acceleration noise of density q as in constant velocity. Linear in the state,
/// so the covariance propagates exactly as F·P·Fᵀ + Q.
/// </summary>
public sealed class CoordinatedTurnModel(double turnRate, double q) : IMotionModel
{
    public void Predict(Span<double> x, Span<double> p, double dt)
    {
        var (s, c) = Math.SinCos(turnRate * dt);
        var a = turnRate == 0 ? dt : s / turnRate;
        var b = turnRate == 0 ? 0 : (1 - c) / turnRate;
        // F acts on (x, y, vx, vy) by the turn and on (z, vz) as constant velocity; rows of F·P first, then columns.
        Span<double> t = [1, 0, a, -b, 0, 1, b, a, 0, 0, c, -s, 0, 0, s, c]; // over indices (0, 1, 3, 4)
        Span<int> h = [0, 1, 3, 4];
        Span<double> fp = stackalloc double[36];
        for (var col = 0; col < 6; col++)
        {
            for (var r = 0; r < 4; r++)
                fp[h[r] * 6 + col] = t[r * 4] * p[col] + t[r * 4 + 1] * p[6 + col] + t[r * 4 + 2] * p[18 + col] + t[r * 4 + 3] * p[24 + col];
            fp[12 + col] = p[12 + col] + dt * p[30 + col];
            fp[30 + col] = p[30 + col];
        }
        for (var row = 0; row < 6; row++)
        {
            var o = row * 6;
            for (var r = 0; r < 4; r++)
                p[o + h[r]] = t[r * 4] * fp[o] + t[r * 4 + 1] * fp[o + 1] + t[r * 4 + 2] * fp[o + 3] + t[r * 4 + 3] * fp[o + 4];
            p[o + 2] = fp[o + 2] + dt * fp[o + 5];
            p[o + 5] = fp[o + 5];
        }
        double x0 = x[0], x1 = x[1], v0 = x[3], v1 = x[4];
        x[0] = x0 + a * v0 - b * v1;
        x[1] = x1 + b * v0 + a * v1;
        x[2] += dt * x[5];
        x[3] = c * v0 - s * v1;
        x[4] = s * v0 + c * v1;
        Matrix6.AddWhiteAccelerationNoise(p, dt, q);
    }
}
