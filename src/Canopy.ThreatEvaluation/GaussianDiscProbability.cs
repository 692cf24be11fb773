namespace Canopy.ThreatEvaluation;

/// <summary>
/// The probability that a 2-D Gaussian point falls inside a disc. In the Gaussian's principal axes the probability
/// is the one-dimensional integral over x of φ(x/σ₁)/σ₁ · [Φ((d₂ + h)/σ₂) − Φ((d₂ − h)/σ₂)], h the disc's half chord;
/// x = d₁ + r sin θ removes the square-root ends and the range is clipped to ±8σ₁, then Simpson's rule.
/// </summary>
public static class GaussianDiscProbability
{
    private const int Intervals = 64;
    private const double Tails = 8;

    /// <summary>
    /// P(|X − centre| ≤ radius) for X ~ N(mean, covariance), the 2x2 covariance given as (cxx, cxy, cyy), in m².
    /// </summary>
    public static double Inside(double meanX, double meanY, double cxx, double cxy, double cyy,
        double centreX, double centreY, double radius)
    {
        if (radius <= 0)
            return 0;
        // Principal axes: eigenvalues of the symmetric 2x2 matrix and the angle of the first axis.
        var half = 0.5 * (cxx + cyy);
        var diff = 0.5 * (cxx - cyy);
        var root = Math.Sqrt(diff * diff + cxy * cxy);
        var s1 = Math.Sqrt(Math.Max(half + root, 0));
        var s2 = Math.Sqrt(Math.Max(half - root, 0));
        var angle = 0.5 * Math.Atan2(2 * cxy, cxx - cyy);
        var (cos, sin) = (Math.Cos(angle), Math.Sin(angle));
        var dx = centreX - meanX;
        var dy = centreY - meanY;
        var d1 = cos * dx + sin * dy;
        var d2 = -sin * dx + cos * dy;
        var tiny = 1e-9 * radius;
        if (s1 <= tiny)
            return d1 * d1 + d2 * d2 <= radius * radius ? 1 : 0;

        var lo = Math.Max(d1 - radius, -Tails * s1);
        var hi = Math.Min(d1 + radius, Tails * s1);
        if (lo >= hi)
            return 0;
        var thetaLo = Math.Asin(Math.Clamp((lo - d1) / radius, -1, 1));
        var thetaHi = Math.Asin(Math.Clamp((hi - d1) / radius, -1, 1));
        var step = (thetaHi - thetaLo) / Intervals;
        var sum = 0.0;
        for (var k = 0; k <= Intervals; k++)
        {
            var weight = k == 0 || k == Intervals ? 1 : k % 2 == 1 ? 4 : 2;
            sum += weight * Integrand(thetaLo + k * step, d1, d2, radius, s1, s2);
        }
        return Math.Clamp(sum * step / 3, 0, 1);
    }

    private static double Integrand(double theta, double d1, double d2, double radius, double s1, double s2)
    {
        var x = d1 + radius * Math.Sin(theta);
        var h = radius * Math.Cos(theta);
        var density = Math.Exp(-0.5 * x * x / (s1 * s1)) / (s1 * Math.Sqrt(2 * Math.PI));
        var band = s2 <= 0
            ? (Math.Abs(d2) <= h ? 1 : 0)
            : Normal.Cdf((d2 + h) / s2) - Normal.Cdf((d2 - h) / s2);
        return density * band * h;
    }
}

/// <summary>The standard normal distribution.</summary>
public static class Normal
{
    /// <summary>Φ(z), accurate to about 1e-7 (complementary error function by Chebyshev fit, Numerical Recipes erfcc).</summary>
    public static double Cdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    /// <summary>erfc(x) with fractional error below 1.2e-7 everywhere.</summary>
    public static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + 0.5 * z);
        var ans = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
            + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
            + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? ans : 2 - ans;
    }
}
