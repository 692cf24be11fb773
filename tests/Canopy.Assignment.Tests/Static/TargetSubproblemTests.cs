using Canopy.Assignment.Static;

namespace Canopy.Assignment.Tests.Static;

/// <summary>
/// The exact solver's per-target subproblem g(x) = V exp(sum_i q_ij x_i) + sum_i lambda_i x_i against brute force over
/// every x in the box 0..mu: its minimum, and the set of x within a threshold (the search stops trying larger counts
/// of a type once the relaxation's bound passes the threshold, which is only right because that bound never falls).
/// </summary>
public sealed class TargetSubproblemTests
{
    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(34)]
    public void MinimiseAndEnumerate_RandomPrices_AgreeWithBruteForce(int seed)
    {
        var random = new Random(seed);
        var problem = WtaTestProblems.Random(seed, 4, 3, 7);
        var sub = new TargetSubproblem(problem);
        for (var trial = 0; trial < 20; trial++)
        {
            var j = random.Next(problem.Targets);
            // Prices around the value of a shot, some zero, so that both few and all copies can be best.
            var lambda = Enumerable.Range(0, problem.WeaponTypes)
                .Select(_ => random.Next(4) == 0 ? 0 : random.NextDouble() * problem.Values[j] / 4).ToArray();
            var all = Box(problem, j, lambda);
            var minimum = all.Min(e => e.G);

            var found = sub.Minimise(j, lambda, problem.Values[j], WtaTestProblems.NoDeadline);
            Assert.False(sub.Stopped);
            Assert.Equal(minimum, found, 9);
            Assert.Equal(minimum, G(problem, j, lambda, sub.Best), 9);

            var threshold = minimum + random.NextDouble() * problem.Values[j] / 3;
            var columns = new List<int[]>();
            Assert.True(sub.Enumerate(j, lambda, threshold, columns, int.MaxValue, WtaTestProblems.NoDeadline));
            var expected = all.Where(e => e.G <= threshold).Select(e => string.Join(',', e.X)).Order().ToArray();
            Assert.Equal(expected, columns.Select(x => string.Join(',', x)).Order().ToArray());
        }
    }

    private static double G(WtaProblem problem, int j, double[] lambda, int[] x)
    {
        double s = 0, c = 0;
        for (var i = 0; i < x.Length; i++)
        {
            s += x[i] * problem.LogSurvival(i, j);
            c += x[i] * lambda[i];
        }
        return problem.Values[j] * Math.Exp(s) + c;
    }

    /// <summary>Every x with 0 &lt;= x_i &lt;= mu_i and its g.</summary>
    private static List<(int[] X, double G)> Box(WtaProblem problem, int j, double[] lambda)
    {
        var all = new List<(int[], double)>();
        var x = new int[problem.WeaponTypes];
        while (true)
        {
            all.Add(((int[])x.Clone(), G(problem, j, lambda, x)));
            var i = 0;
            while (i < x.Length && x[i] == problem.Counts[i]) x[i++] = 0;
            if (i == x.Length) return all;
            x[i]++;
        }
    }
}
