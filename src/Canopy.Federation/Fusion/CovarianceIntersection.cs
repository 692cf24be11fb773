namespace Canopy.Federation.Fusion;

/// <summary>What the covariance intersection's weight ω minimises.</summary>
public enum IntersectionCriterion
{
    /// <summary>The trace of the fused covariance (the mean squared error over the six state components).</summary>
    Trace,

    /// <summary>The determinant of the fused covariance (the volume of its uncertainty ellipsoid).</summary>
    Determinant,
}

/// <summary>One fused estimate: state (x, y, z, vx, vy, vz), its 6 x 6 row-major covariance and the weight ω given to the first input.</summary>
public sealed record FusedEstimate(double[] State, double[] Covariance, double Omega);

/// <summary>
/// Covariance intersection (Julier and Uhlmann, "A non-divergent estimation algorithm in the presence of unknown
/// correlations", ACC 1997): P⁻¹ = ω P₁⁻¹ + (1 − ω) P₂⁻¹ and P⁻¹ x = ω P₁⁻¹ x₁ + (1 − ω) P₂⁻¹ x₂, with ω in [0, 1]
/// chosen to minimise the trace or the determinant of P (ties, as between equal covariances, go to ω = 1/2). The result is consistent whatever the (unknown)
/// cross-correlation of the two estimates, so information two nations' tracks share (the same target's process
/// noise, plots of one radar forwarded to both) is never counted twice: two identical inputs fuse to themselves.
/// ω is found by golden-section search on [0, 1] (both criteria are unimodal in ω: the log-determinant of P is convex
/// in ω, and the trace is too, P being the inverse of an affine matrix function), to 10⁻⁴.
/// </summary>
public static class CovarianceIntersection
{
    private const int Size = SymmetricMatrix6.Size;
    private const double Tolerance = 1e-4;
    private const double TieTolerance = 1e-12;
    private static readonly double InverseGolden = (Math.Sqrt(5) - 1) / 2;

    /// <summary>Fuses (x₁, P₁) with (x₂, P₂); null when a covariance is not positive definite.</summary>
    public static FusedEstimate? Fuse(ReadOnlySpan<double> x1, ReadOnlySpan<double> p1, ReadOnlySpan<double> x2, ReadOnlySpan<double> p2,
        IntersectionCriterion criterion = IntersectionCriterion.Trace)
    {
        if (x1.Length != 6 || x2.Length != 6 || p1.Length != Size || p2.Length != Size)
            throw new ArgumentException("covariance intersection takes 6-states and 6 x 6 covariances");
        Span<double> i1 = stackalloc double[Size];
        Span<double> i2 = stackalloc double[Size];
        if (double.IsNaN(SymmetricMatrix6.Invert(p1, i1)) || double.IsNaN(SymmetricMatrix6.Invert(p2, i2))) return null;
        var omega = BestOmega(i1, i2, criterion);
        var state = new double[6];
        var covariance = new double[Size];
        Combine(i1, i2, omega, covariance);
        Span<double> information = stackalloc double[Size];
        covariance.CopyTo(information);
        if (double.IsNaN(SymmetricMatrix6.Invert(information, covariance))) return null;
        // P⁻¹ x = ω P₁⁻¹ x₁ + (1 − ω) P₂⁻¹ x₂.
        Span<double> y1 = stackalloc double[6];
        Span<double> y2 = stackalloc double[6];
        SymmetricMatrix6.Multiply(i1, x1, y1);
        SymmetricMatrix6.Multiply(i2, x2, y2);
        for (var k = 0; k < 6; k++) y1[k] = omega * y1[k] + (1 - omega) * y2[k];
        SymmetricMatrix6.Multiply(covariance, y1, state);
        return new FusedEstimate(state, covariance, omega);
    }

    /// <summary>The ω in [0, 1] minimising the criterion, by golden-section search on the two information matrices.</summary>
    internal static double BestOmega(ReadOnlySpan<double> info1, ReadOnlySpan<double> info2, IntersectionCriterion criterion)
    {
        double a = 0, b = 1;
        var c = b - InverseGolden * (b - a);
        var d = a + InverseGolden * (b - a);
        var fc = Cost(info1, info2, c, criterion);
        var fd = Cost(info1, info2, d, criterion);
        while (b - a > Tolerance)
        {
            if (fc <= fd)
            {
                b = d;
                d = c;
                fd = fc;
                c = b - InverseGolden * (b - a);
                fc = Cost(info1, info2, c, criterion);
            }
            else
            {
                a = c;
                c = d;
                fc = fd;
                d = a + InverseGolden * (b - a);
                fd = Cost(info1, info2, d, criterion);
            }
        }
        var best = (a + b) / 2;
        // The ends are candidates too (the optimum of a nested pair sits at ω = 0 or 1); on a tie (equal covariances,
        // where every ω gives the same P) the midpoint, which averages the two states.
        var f = Cost(info1, info2, best, criterion);
        var (f0, f1) = (Cost(info1, info2, 0, criterion), Cost(info1, info2, 1, criterion));
        if (f1 < f) (best, f) = (1, f1);
        if (f0 < f) (best, f) = (0, f0);
        var half = Cost(info1, info2, 0.5, criterion);
        return half <= f + TieTolerance * Math.Abs(f) ? 0.5 : best;
    }

    /// <summary>The trace of P(ω), or the log-determinant of P(ω) (= −log det of the information), +∞ when singular.</summary>
    internal static double Cost(ReadOnlySpan<double> info1, ReadOnlySpan<double> info2, double omega, IntersectionCriterion criterion)
    {
        Span<double> information = stackalloc double[Size];
        Combine(info1, info2, omega, information);
        if (criterion == IntersectionCriterion.Determinant)
        {
            Span<double> l = stackalloc double[Size];
            return SymmetricMatrix6.Cholesky(information, l, out var logDet) ? -logDet : double.PositiveInfinity;
        }
        Span<double> covariance = stackalloc double[Size];
        return double.IsNaN(SymmetricMatrix6.Invert(information, covariance)) ? double.PositiveInfinity : SymmetricMatrix6.Trace(covariance);
    }

    private static void Combine(ReadOnlySpan<double> info1, ReadOnlySpan<double> info2, double omega, Span<double> result)
    {
        for (var k = 0; k < Size; k++) result[k] = omega * info1[k] + (1 - omega) * info2[k];
    }
}
