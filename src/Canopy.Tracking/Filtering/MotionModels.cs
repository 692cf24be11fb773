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
/// Constant velocity with white acceleration noise of density q (m²/s³), times <c>verticalRatio</c> on the up axis;
/// tracks faster than a threshold speed use a larger density on every axis, since a fast target's manoeuvres (or
/// unmodelled gravity) are larger.
/// </summary>
public sealed class ConstantVelocityModel(double q, double fastQ = double.NaN, double fastSpeed = double.PositiveInfinity, double verticalRatio = 1)
    : IMotionModel
{
    public void Predict(Span<double> x, Span<double> p, double dt)
    {
        if (x[3] * x[3] + x[4] * x[4] + x[5] * x[5] > fastSpeed * fastSpeed) Kf.Predict(x, p, dt, fastQ);
        else Kf.Predict(x, p, dt, q, q * verticalRatio);
    }
}

/// <summary>
/// Ballistic flight: constant velocity plus gravity (flat-earth, -<see cref="Gravity"/> along up), with white
/// acceleration noise of density q for unmodelled drag and the Earth's curvature. Without a ballistic coefficient the
/// mean follows the exact parabola. With one (β, kg/m²) it adds drag in an exponential atmosphere
/// (<see cref="ExponentialAtmosphereDrag"/>, altitude = up coordinate + <c>originHeight</c>). The mean is integrated by
/// RK4 in substeps of at most <see cref="MaxSubstep"/> and at most a quarter of the drag's time constant β/(ρ·|v|) at
/// the start (the fastest decay of the velocity's Jacobian; longer substeps make RK4 and F unstable for light objects
/// in dense air). The covariance goes through each substep's linearised transition F ≈ I + A·h + ½A²·h², A the
/// Jacobian of (v, a) at the substep's Euler midpoint (taken at the start instead, A's change over a second's fall
/// through thinning air cost up to 1% of P's off-diagonal terms), then the white noise is added.
/// Below <c>minSpeed</c> (m/s) gravity and drag are left out: aircraft and drones do not fall, and over one revisit a
/// radar cannot tell a few metres of drop from its elevation noise, so a falling model would bias their vertical velocity.
/// </summary>
public sealed class BallisticModel(double q, double minSpeed = 0, double ballisticCoefficient = double.PositiveInfinity, double originHeight = 0)
    : IMotionModel
{
    /// <summary>Standard gravity, m/s².</summary>
    public const double Gravity = 9.80665;

    /// <summary>Longest RK4 substep of the drag model, s.</summary>
    public const double MaxSubstep = 1;

    /// <summary>Most RK4 substeps in one prediction, bounding its cost; longer predictions take longer substeps.</summary>
    private const int MaxSubsteps = 256;

    private readonly ExponentialAtmosphereDrag? _drag =
        double.IsPositiveInfinity(ballisticCoefficient) ? null : new ExponentialAtmosphereDrag(ballisticCoefficient, originHeight);

    public void Predict(Span<double> x, Span<double> p, double dt)
    {
        var falls = x[3] * x[3] + x[4] * x[4] + x[5] * x[5] >= minSpeed * minSpeed;
        if (falls && _drag is { } drag)
        {
            PredictWithDrag(drag, x, p, dt);
            return;
        }
        Kf.Predict(x, p, dt, q);
        if (!falls) return;
        x[2] -= 0.5 * Gravity * dt * dt;
        x[5] -= Gravity * dt;
    }

    private void PredictWithDrag(ExponentialAtmosphereDrag drag, Span<double> x, Span<double> p, double dt)
    {
        var substep = Math.Min(MaxSubstep, 0.25 / drag.DecayRate(x));
        var n = Math.Clamp((int)Math.Ceiling(Math.Abs(dt) / substep), 1, MaxSubsteps);
        var h = dt / n;
        Span<double> a = stackalloc double[36];
        Span<double> f = stackalloc double[36];
        Span<double> k1 = stackalloc double[6];
        Span<double> k2 = stackalloc double[6];
        Span<double> k3 = stackalloc double[6];
        Span<double> k4 = stackalloc double[6];
        Span<double> s = stackalloc double[6];
        for (var step = 0; step < n; step++)
        {
            drag.Derivative(x, k1);
            for (var i = 0; i < 6; i++) s[i] = x[i] + 0.5 * h * k1[i];
            drag.Jacobian(s, a);
            Transition(a, h, f);
            Matrix6.Transform(f, p);
            drag.Derivative(s, k2);
            for (var i = 0; i < 6; i++) s[i] = x[i] + 0.5 * h * k2[i];
            drag.Derivative(s, k3);
            for (var i = 0; i < 6; i++) s[i] = x[i] + h * k3[i];
            drag.Derivative(s, k4);
            for (var i = 0; i < 6; i++) x[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
        }
        Matrix6.AddWhiteAccelerationNoise(p, dt, q);
        Matrix6.Symmetrize(p);
    }

    /// <summary>F = I + A·h + ½A²·h² for a row-major 6x6 A.</summary>
    private static void Transition(ReadOnlySpan<double> a, double h, Span<double> f)
    {
        for (var i = 0; i < 6; i++)
            for (var j = 0; j < 6; j++)
            {
                var a2 = 0.0;
                for (var k = 0; k < 6; k++) a2 += a[i * 6 + k] * a[k * 6 + j];
                f[i * 6 + j] = (i == j ? 1 : 0) + a[i * 6 + j] * h + 0.5 * a2 * h * h;
            }
    }
}

/// <summary>
/// A horizontal coordinated turn at a known rate ω (rad/s, positive counter-clockwise seen from above) with
/// constant vertical velocity; white acceleration noise of density q as in constant velocity (times
/// <c>verticalRatio</c> on the up axis). Linear in the state, so the covariance propagates exactly as F·P·Fᵀ + Q.
/// </summary>
public sealed class CoordinatedTurnModel(double turnRate, double q, double verticalRatio = 1) : IMotionModel
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
        Matrix6.AddWhiteAccelerationNoise(p, dt, q, q * verticalRatio);
    }
}
