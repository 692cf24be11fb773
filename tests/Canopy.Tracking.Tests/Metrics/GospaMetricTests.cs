using Canopy.Core.Geometry;
using Canopy.Tracking.Metrics;

namespace Canopy.Tracking.Tests.Metrics;

public class GospaMetricTests
{
    [Fact]
    public void Compute_FiveTracksHalfAMetreFromFiveTruths_Gives2Point5()
    {
        // The case: 5 x 0.5 with c = 10, p = 1.
        var truths = Enumerable.Range(0, 5).Select(i => new Vec3(i * 100, 0, 0)).ToArray();
        var tracks = truths.Select(t => t + new Vec3(0, 0.5, 0)).Reverse().ToArray();
        var result = new GospaMetric(10, 1).Compute(truths, tracks);
        Assert.Equal(2.5, result.Distance, 12);
        Assert.Equal(2.5, result.Localisation, 12);
        Assert.Equal(0, result.Missed);
        Assert.Equal(0, result.False);
    }

    [Fact]
    public void Compute_MissedTruth_CostsHalfCToThePBeforeTheRoot()
    {
        var result = new GospaMetric(10, 2).Compute([new Vec3(1, 2, 3)], []);
        Assert.Equal(50, result.Missed);
        Assert.Equal(1, result.MissedCount);
        Assert.Equal(Math.Sqrt(50), result.Distance, 12);
    }

    [Fact]
    public void Compute_PairFartherThanCutoff_CountsAsMissedAndFalse()
    {
        var result = new GospaMetric(10, 2).Compute([Vec3.Zero], [new Vec3(20, 0, 0)]);
        Assert.Equal(0, result.Localisation);
        Assert.Equal(50, result.Missed);
        Assert.Equal(50, result.False);
        Assert.Equal(10, result.Distance, 12);
    }

    [Fact]
    public void Compute_OneLocalisedOneMissed_AddsThePartsUnderTheRoot()
    {
        // d = 5 (3-4-5 triangle): 25 + 50 = 75.
        var result = new GospaMetric(10, 2).Compute([Vec3.Zero, new Vec3(100, 0, 0)], [new Vec3(3, 4, 0)]);
        Assert.Equal(25, result.Localisation, 12);
        Assert.Equal(50, result.Missed);
        Assert.Equal(0, result.False);
        Assert.Equal(Math.Sqrt(75), result.Distance, 12);
    }

    [Fact]
    public void Compute_CrossedEstimates_UsesTheOptimalPairing()
    {
        // Greedy would pair (0,0,0) with (4,0,0) first and leave (10,0,0) with (-1,0,0), 4 + 11 = 15 > c;
        // the optimum pairs 0 with -1 and 10 with 4: 1 + 6 = 7 with c = 10, p = 1.
        var result = new GospaMetric(10, 1).Compute([Vec3.Zero, new Vec3(10, 0, 0)], [new Vec3(4, 0, 0), new Vec3(-1, 0, 0)]);
        Assert.Equal(7, result.Distance, 12);
    }

    [Fact]
    public void Compute_BothEmpty_IsZero()
    {
        Assert.Equal(0, new GospaMetric(10, 2).Compute([], []).Distance);
    }
}

public class GospaMetricRandomTests
{
    [Fact]
    public void Compute_RandomSets_MatchesOneAssignmentOverTheWholeMatrixAndGivesOspa()
    {
        // Reference: one assignment over every pair with costs min(d, c)^p; GOSPA solves cluster by cluster.
        // The same optimum gives OSPA: ((L + c^p (max(n, m) - localised)) / max(n, m))^(1/p).
        var rng = new Random(17);
        var gospa = new GospaMetric(300, 2);
        var ospa = new OspaMetric(300, 2);
        var solver = new Canopy.Core.Optimization.LinearAssignment();
        for (var trial = 0; trial < 100; trial++)
        {
            var truths = Points(rng, rng.Next(0, 12));
            var estimates = Points(rng, rng.Next(0, 12));
            var costs = new double[truths.Length * estimates.Length];
            for (var i = 0; i < truths.Length; i++)
                for (var j = 0; j < estimates.Length; j++)
                    costs[i * estimates.Length + j] = Math.Min(Math.Pow(Vec3.Distance(truths[i], estimates[j]), 2), 300 * 300);
            var total = solver.Solve(costs, truths.Length, estimates.Length, new int[truths.Length]);
            var unassigned = Math.Abs(truths.Length - estimates.Length);
            var expected = Math.Sqrt(total + 300 * 300 / 2.0 * unassigned);

            var g = gospa.Compute(truths, estimates);
            Assert.Equal(expected, g.Distance, 9);
            Assert.Equal(ospa.Compute(truths, estimates), OspaMetric.FromGospa(g, truths.Length, estimates.Length, 300, 2), 9);
        }
    }

    private static Vec3[] Points(Random rng, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => new Vec3(rng.NextDouble() * 2000, rng.NextDouble() * 2000, 0))];
}
