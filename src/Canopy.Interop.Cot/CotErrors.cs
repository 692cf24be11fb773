namespace Canopy.Interop.Cot;

/// <summary>
/// CoT's ce and le from a track's 6x6 ENU state covariance (row-major over x, y, z, vx, vy, vz).
/// Convention: ce is the circular 1-sigma error sqrt((σe² + σn²) / 2), the standard deviation of a circular normal
/// distribution with the same mean horizontal variance (it equals σ when σe = σn; multiply by 1.1774 for a CEP);
/// le is the 1-sigma vertical error σu.
/// </summary>
public static class CotErrors
{
    /// <summary>CoT's value for an unknown error.</summary>
    public const double Unknown = 9999999.0;

    public static double CircularError(ReadOnlySpan<double> covariance) =>
        covariance.Length < 36 ? Unknown : Math.Sqrt(Math.Max(0, (covariance[0] + covariance[7]) / 2));

    public static double LinearError(ReadOnlySpan<double> covariance) =>
        covariance.Length < 36 ? Unknown : Math.Sqrt(Math.Max(0, covariance[14]));
}
