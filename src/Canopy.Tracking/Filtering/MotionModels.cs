using Kf = Canopy.Tracking.ConstantVelocityKalmanFilter;

namespace Canopy.Tracking.Filtering;

/// <summary>
/// A motion model on the common 6-state (x, y, z, vx, vy, vz), or on a state that extends it (<see cref="Dimension"/>
/// values, the common 6 first): predicts a mean and a row-major covariance by dt seconds in place. Every model shares
/// the first six components so that an IMM filter can mix them.
/// </summary>
public interface IMotionModel
{
    /// <summary>Length of the state the model predicts: 6, or 9 with acceleration.</summary>
    int Dimension => 6;

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
        Span<double> fp = stackalloc double[36];
        for (var col = 0; col < 6; col++)
        {
            double p0 = p[col], p1 = p[6 + col], p2 = p[12 + col], p3 = p[18 + col], p4 = p[24 + col], p5 = p[30 + col];
            fp[col] = p0 + a * p3 - b * p4;
            fp[6 + col] = p1 + b * p3 + a * p4;
            fp[12 + col] = p2 + dt * p5;
            fp[18 + col] = c * p3 - s * p4;
            fp[24 + col] = s * p3 + c * p4;
            fp[30 + col] = p5;
        }
        for (var row = 0; row < 36; row += 6)
        {
            double f0 = fp[row], f1 = fp[row + 1], f2 = fp[row + 2], f3 = fp[row + 3], f4 = fp[row + 4], f5 = fp[row + 5];
            p[row] = f0 + a * f3 - b * f4;
            p[row + 1] = f1 + b * f3 + a * f4;
            p[row + 2] = f2 + dt * f5;
            p[row + 3] = c * f3 - s * f4;
            p[row + 4] = s * f3 + c * f4;
            p[row + 5] = f5;
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
