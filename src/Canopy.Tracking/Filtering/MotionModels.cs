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
        Span<double> f = stackalloc double[36];
        f[0] = f[7] = f[14] = 1;
        f[3] = a; f[4] = -b;
        f[9] = b; f[10] = a;
        f[17] = dt;
        f[21] = c; f[22] = -s;
        f[27] = s; f[28] = c;
        f[35] = 1;
        Span<double> y = stackalloc double[6];
        Matrix6.Multiply(f, x, y);
        y.CopyTo(x);
        Matrix6.Propagate(f, p);
        Matrix6.AddWhiteAccelerationNoise(p, dt, q);
    }
}
