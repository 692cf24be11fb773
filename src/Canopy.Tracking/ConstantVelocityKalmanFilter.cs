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
    public static void Predict(Span<double> x, Span<double> p, double dt, double q) => Predict(x, p, dt, q, q);

    /// <summary>As <see cref="Predict(Span{double}, Span{double}, double, double)"/>, with density <paramref name="qUp"/> on the up axis.</summary>
    public static void Predict(Span<double> x, Span<double> p, double dt, double q, double qUp)
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
        Filtering.Matrix6.AddWhiteAccelerationNoise(p, dt, q, qUp);
    }
}
