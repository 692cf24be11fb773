using Canopy.Assignment.Static;

namespace Canopy.Assignment.Tests.Static;

public class BranchAndBoundAssetSolverTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(20);
    private static readonly BranchAndBoundAssetSolver Solver = new(1) { StartSeconds = 0.001 };

    [Fact]
    public void Solve_SmallRandom_AgreesWithBruteForce()
    {
        // 200 instances of 1-3 weapon types with 1-2 copies, 1-5 threats and 1-3 assets.
        for (var seed = 1; seed <= 200; seed++)
        {
            var problem = WtaTestProblems.RandomAssetBased(seed, 1 + seed % 3, 1 + seed % 5, 1 + seed / 5 % 3, 2);

            var solution = Solver.Solve(problem, Budget, CancellationToken.None);

            Assert.Null(problem.Violation(solution.Plan));
            Assert.Equal(WtaTestProblems.BruteForceOptimum(problem), solution.SurvivingValue, 9);
            Assert.Equal(solution.SurvivingValue, solution.UpperBound, 9);
        }
    }

    /// <summary>docs/wta-asset-example.txt: type 0 at threat 0, type 1 at threats 1 and 2 keeps 65.7 + 20 = 85.7 of 140.</summary>
    [Fact]
    public void Solve_DocsExample_Proves85Point7()
    {
        var problem = new AssetWtaProblem([1, 2], [100, 40], [0, 0, 1], [0.9, 0.5, 1.0], [0.7, 0.2, 0.6, 0.4, 0.8, 0.5]);

        var solution = Solver.Solve(problem, Budget, CancellationToken.None);

        Assert.Equal(85.7, solution.SurvivingValue, 9);
        Assert.Equal(85.7, solution.UpperBound, 9);
        Assert.Equal(0.0, solution.Gap, 12);
        Assert.Equal(1, solution.Plan[0, 0]);
        Assert.Equal(1, solution.Plan[1, 1]);
        Assert.Equal(1, solution.Plan[1, 2]);
    }

    [Fact]
    public void Run_StoppedEarly_BoundCoversTheBruteForceOptimum()
    {
        // 3 types x 3 copies over 6 threats, no prices: the search stops at its 20th check, long before the end.
        for (var seed = 1; seed <= 3; seed++)
        {
            var problem = WtaTestProblems.RandomAssetBased(seed, 3, 6, 3, 3);
            var empty = new WtaPlan(3, 6);
            var search = new AssetBranchAndBound(problem, empty, problem.SurvivingValue(empty), new double[3], Enumerable.Repeat(double.PositiveInfinity, 3).ToArray());

            var checks = 0;
            var upper = search.Run(() => ++checks > 20);

            var optimum = WtaTestProblems.BruteForceOptimum(problem);
            Assert.True(upper >= optimum - 1e-9, $"seed {seed}: bound {upper} below the optimum {optimum}");
            Assert.Null(problem.Violation(search.Best));
            Assert.True(problem.SurvivingValue(search.Best) <= optimum + 1e-9);
        }
    }

    [Fact]
    public void Solve_TinyTimeLimit_ReturnsValidPlanAndUnprovenBound()
    {
        var problem = WtaTestProblems.RandomAssetBased(11, 12, 40, 10, 3);

        var solution = new BranchAndBoundAssetSolver(1).Solve(problem, TimeSpan.FromSeconds(0.1), CancellationToken.None);

        Assert.Null(problem.Violation(solution.Plan));
        Assert.Equal(problem.SurvivingValue(solution.Plan), solution.SurvivingValue, 12);
        Assert.True(solution.UpperBound > solution.SurvivingValue, $"bound {solution.UpperBound}, value {solution.SurvivingValue}");
        Assert.InRange(solution.UpperBound, solution.SurvivingValue, problem.TotalAssetValue + 1e-9);
        Assert.True(solution.Gap > 0);
    }

    [Fact]
    public void PricedAssetSubproblem_SmallRandom_MatchesEnumeration()
    {
        // phi_k(lambda) = max over plans of asset k's value minus lambda . copies used, against every plan of up to mu_i
        // copies per type on the asset's threats (the brute force lets one extra "threat" column hold the unused copies).
        for (var seed = 1; seed <= 30; seed++)
        {
            var problem = WtaTestProblems.RandomAssetBased(seed, 3, 5, 2, 2);
            var random = new Random(seed);
            var lambda = Enumerable.Range(0, 3).Select(_ => 20 * random.NextDouble()).ToArray();
            var sub = new PricedAssetSubproblem(problem, AssetBranchAndBound.CopyTypes(problem));
            for (var k = 0; k < problem.Assets; k++)
            {
                var threats = problem.ThreatsOn(k).ToArray();
                if (threats.Length == 0) continue;
                var kill = new double[3 * (threats.Length + 1)];
                for (var i = 0; i < 3; i++)
                    for (var c = 0; c < threats.Length; c++) kill[i * (threats.Length + 1) + c] = problem.Kill(i, threats[c]);
                var lethality = threats.Select(problem.Lethality).Append(0).ToArray();
                var alone = new AssetWtaProblem(problem.Counts.ToArray(), [problem.AssetValues[k]], new int[threats.Length + 1], lethality, kill);
                var expected = WtaTestProblems.BruteForceOptimum(alone, plan =>
                {
                    double price = 0;
                    for (var i = 0; i < 3; i++) price += lambda[i] * (plan.Used(i) - plan[i, threats.Length]);
                    return price;
                });

                Assert.Equal(expected, sub.Maximise(k, lambda, long.MaxValue, 0, new double[problem.Threats]), 9);
            }
        }
    }
}
