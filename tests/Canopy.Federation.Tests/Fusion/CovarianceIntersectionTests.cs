using Canopy.Federation.Fusion;

namespace Canopy.Federation.Tests.Fusion;

public class CovarianceIntersectionTests
{
    private static double[] Diagonal(params double[] d)
    {
        var m = new double[36];
        for (var i = 0; i < 6; i++) m[i * 7] = d[i];
        return m;
    }

    /// <summary>A seeded random symmetric positive definite 6 x 6 matrix: A Aᵀ + s I.</summary>
    private static double[] RandomSpd(Random rng, double scale)
    {
        var a = new double[36];
        for (var k = 0; k < 36; k++) a[k] = (rng.NextDouble() * 2 - 1) * scale;
        var m = new double[36];
        for (var i = 0; i < 6; i++)
            for (var j = 0; j < 6; j++)
            {
                var s = i == j ? scale * scale * 0.5 : 0;
                for (var k = 0; k < 6; k++) s += a[i * 6 + k] * a[j * 6 + k];
                m[i * 6 + j] = s;
            }
        return m;
    }

    private static double[] Inverse(double[] m)
    {
        var inv = new double[36];
        Assert.False(double.IsNaN(SymmetricMatrix6.Invert(m, inv)));
        return inv;
    }

    private static double Trace(double[] m) => SymmetricMatrix6.Trace(m);

    [Fact]
    public void Mirrored_estimates_meet_half_way_with_known_numbers()
    {
        // P1 = diag(1, 9, 1, 1, 1, 1), P2 = diag(9, 1, 1, 1, 1, 1): by symmetry ω = 1/2 for either criterion, so
        // P = diag(1 / (1/2 + 1/18), same, 1, 1, 1, 1) = diag(1.8, 1.8, 1, 1, 1, 1); x1 = (0, 9, 0..), x2 = (9, 0, 0..):
        // x_0 = 1.8 (0 + 0.5 · 9 / 9) = 0.9, x_1 = 1.8 (0.5 · 9 / 9 + 0) = 0.9.
        double[] x1 = [0, 9, 0, 0, 0, 0];
        double[] x2 = [9, 0, 0, 0, 0, 0];
        foreach (var criterion in new[] { IntersectionCriterion.Trace, IntersectionCriterion.Determinant })
        {
            var f = CovarianceIntersection.Fuse(x1, Diagonal(1, 9, 1, 1, 1, 1), x2, Diagonal(9, 1, 1, 1, 1, 1), criterion)!;
            Assert.Equal(0.5, f.Omega, 3);
            Assert.Equal(1.8, f.Covariance[0], 3);
            Assert.Equal(1.8, f.Covariance[7], 3);
            Assert.Equal(1.0, f.Covariance[14], 6);
            Assert.Equal(0.9, f.State[0], 3);
            Assert.Equal(0.9, f.State[1], 3);
        }
    }

    [Fact]
    public void A_nested_pair_returns_the_better_estimate()
    {
        // P2 = 4 P1: P(ω) = P1 / (ω + (1 − ω) / 4) is least at ω = 1, the better estimate unchanged.
        double[] x1 = [100, 200, 300, 1, 2, 3];
        double[] x2 = [110, 190, 305, 0, 0, 0];
        var f = CovarianceIntersection.Fuse(x1, Diagonal(1, 2, 3, 4, 5, 6), x2, Diagonal(4, 8, 12, 16, 20, 24))!;
        Assert.Equal(1, f.Omega);
        for (var k = 0; k < 6; k++) Assert.Equal(x1[k], f.State[k], 9);
        Assert.Equal(Diagonal(1, 2, 3, 4, 5, 6), f.Covariance.Select(v => Math.Round(v, 9)).ToArray());
    }

    [Fact]
    public void Identical_estimates_fuse_to_themselves_no_double_counting()
    {
        var rng = new Random(5);
        var p = RandomSpd(rng, 30);
        double[] x = [1000, -2000, 500, 40, -30, 1];
        var f = CovarianceIntersection.Fuse(x, p, x, p)!;
        for (var k = 0; k < 6; k++) Assert.Equal(x[k], f.State[k], 6);
        for (var k = 0; k < 36; k++) Assert.Equal(p[k], f.Covariance[k], 6);
    }

    [Fact]
    public void Fused_information_is_the_weighted_sum_and_its_trace_is_no_larger_than_either_input()
    {
        var rng = new Random(11);
        for (var trial = 0; trial < 20; trial++)
        {
            var p1 = RandomSpd(rng, 20);
            var p2 = RandomSpd(rng, 20);
            var x1 = Enumerable.Range(0, 6).Select(_ => rng.NextDouble() * 100).ToArray();
            var x2 = Enumerable.Range(0, 6).Select(_ => rng.NextDouble() * 100).ToArray();
            var f = CovarianceIntersection.Fuse(x1, p1, x2, p2)!;
            var w = f.Omega;
            var (i1, i2, i) = (Inverse(p1), Inverse(p2), Inverse(f.Covariance));
            for (var k = 0; k < 36; k++) Assert.Equal(w * i1[k] + (1 - w) * i2[k], i[k], 6);
            // P⁻¹ x = ω P₁⁻¹ x₁ + (1 − ω) P₂⁻¹ x₂.
            for (var r = 0; r < 6; r++)
            {
                double lhs = 0, rhs = 0;
                for (var c = 0; c < 6; c++)
                {
                    lhs += i[r * 6 + c] * f.State[c];
                    rhs += w * i1[r * 6 + c] * x1[c] + (1 - w) * i2[r * 6 + c] * x2[c];
                }
                Assert.Equal(rhs, lhs, 6);
            }
            Assert.True(Trace(f.Covariance) <= Math.Min(Trace(p1), Trace(p2)) + 1e-9);
            // The golden-section ω is the grid optimum to within the grid's step.
            var grid = Enumerable.Range(0, 1001).Select(k => CovarianceIntersection.Cost(i1, i2, k / 1000.0, IntersectionCriterion.Trace)).Min();
            Assert.True(Trace(f.Covariance) <= grid + 1e-6 * grid, $"trial {trial}: {Trace(f.Covariance)} > grid {grid}");
        }
    }

    [Fact]
    public void Determinant_criterion_is_no_larger_than_either_input_determinant()
    {
        var rng = new Random(3);
        for (var trial = 0; trial < 10; trial++)
        {
            var p1 = RandomSpd(rng, 10);
            var p2 = RandomSpd(rng, 10);
            double[] x = [0, 0, 0, 0, 0, 0];
            var f = CovarianceIntersection.Fuse(x, p1, x, p2, IntersectionCriterion.Determinant)!;
            var logDet = SymmetricMatrix6.Invert(f.Covariance, new double[36]);
            Assert.True(logDet <= Math.Min(SymmetricMatrix6.Invert(p1, new double[36]), SymmetricMatrix6.Invert(p2, new double[36])) + 1e-9);
        }
    }

    [Fact]
    public void A_covariance_that_is_not_positive_definite_gives_no_estimate()
    {
        double[] x = [0, 0, 0, 0, 0, 0];
        Assert.Null(CovarianceIntersection.Fuse(x, Diagonal(1, 1, 1, 1, 1, 0), x, Diagonal(1, 1, 1, 1, 1, 1)));
    }
}
