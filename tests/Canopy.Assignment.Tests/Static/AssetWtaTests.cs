using Canopy.Assignment.Static;

namespace Canopy.Assignment.Tests.Static;

public class AssetWtaTests
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(0.2);

    /// <summary>
    /// One asset of value 10 under two threats: threat 0 (lethality 0.5, p = 0.8) and threat 1 (lethality 1,
    /// p = 0.6), one weapon. Shooting threat 0 leaves (1 - 0.5 x 0.2)(1 - 1) = 0; shooting threat 1 leaves
    /// (1 - 0.5)(1 - 0.4) = 0.3 of the asset, 3.0.
    /// </summary>
    private static AssetWtaProblem TwoThreatsOneAsset() => new([1], [10], [0, 0], [0.5, 1.0], [0.8, 0.6]);

    [Fact]
    public void SurvivingValue_TwoThreatsOneAsset_MatchesHandComputation()
    {
        var problem = TwoThreatsOneAsset();
        var atThreat0 = new WtaPlan(1, 2);
        atThreat0[0, 0] = 1;
        var atThreat1 = new WtaPlan(1, 2);
        atThreat1[0, 1] = 1;

        Assert.Equal(0.0, problem.SurvivingValue(atThreat0), 12);
        Assert.Equal(3.0, problem.SurvivingValue(atThreat1), 12);
        Assert.Equal(0.0, problem.SurvivingValue(new WtaPlan(1, 2)), 12);
    }

    [Fact]
    public void MaximumMarginalReturn_TwoThreatsOneAsset_ShootsTheLethalThreat()
    {
        var solution = new MaximumMarginalReturnAssetSolver().Solve(TwoThreatsOneAsset(), Short, CancellationToken.None);

        Assert.Equal(1, solution.Plan[0, 1]);
        Assert.Equal(3.0, solution.SurvivingValue, 12);
    }

    /// <summary>
    /// Assets of value 10 and 12, each under two threats of lethality 1; two sure-kill weapons. An asset survives only
    /// when both its threats are shot, so no single first shot adds value (the greedy fires nothing) and from the
    /// plan defending asset 0 (value 10) no single move or swap helps; defending asset 1 is worth 12.
    /// </summary>
    private static AssetWtaProblem AllOrNothing() => new([2], [10, 12], [0, 0, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1]);

    [Fact]
    public void MaximumMarginalReturn_AllOrNothing_FiresNothing()
    {
        var solution = new MaximumMarginalReturnAssetSolver().Solve(AllOrNothing(), Short, CancellationToken.None);

        Assert.Equal(0, solution.Plan.Used(0));
        Assert.Equal(0.0, solution.SurvivingValue, 12);
    }

    [Fact]
    public void IteratedLocalSearch_AllOrNothing_DefendsTheMoreValuableAsset()
    {
        var solution = new IteratedLocalSearchAssetSolver(1).Solve(AllOrNothing(), Short, CancellationToken.None);

        Assert.Equal(1, solution.Plan[0, 2]);
        Assert.Equal(1, solution.Plan[0, 3]);
        Assert.Equal(12.0, solution.SurvivingValue, 12);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void IteratedLocalSearch_SmallRandom_FindsTheBruteForceOptimum(int seed)
    {
        var problem = WtaTestProblems.RandomAssetBased(seed, 3, 5, 2, 2);

        var solution = new IteratedLocalSearchAssetSolver(seed).Solve(problem, Short, CancellationToken.None);

        Assert.Null(problem.Violation(solution.Plan));
        Assert.Equal(WtaTestProblems.BruteForceOptimum(problem), solution.SurvivingValue, 9);
        Assert.Equal(problem.SurvivingValue(solution.Plan), solution.SurvivingValue);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void IteratedLocalSearch_OneLethalThreatPerAsset_ReducesToTargetBased(int seed)
    {
        // Asset k = threat k with lethality 1: surviving value = sum V - sum_j V_j S_j, the target-based objective.
        var target = WtaTestProblems.Random(seed, 3, 4, 2);
        var n = target.Targets;
        var kill = new double[target.WeaponTypes * n];
        for (var i = 0; i < target.WeaponTypes; i++)
            for (var j = 0; j < n; j++) kill[i * n + j] = target.Kill(i, j);
        var values = target.Values.ToArray();
        var asset = new AssetWtaProblem(target.Counts.ToArray(), values, Enumerable.Range(0, n).ToArray(), Enumerable.Repeat(1.0, n).ToArray(), kill);

        var solution = new IteratedLocalSearchAssetSolver(seed).Solve(asset, Short, CancellationToken.None);

        Assert.Equal(values.Sum() - WtaTestProblems.BruteForceOptimum(target), solution.SurvivingValue, 9);
        Assert.Equal(values.Sum() - target.Objective(solution.Plan), asset.SurvivingValue(solution.Plan), 9);
    }

    [Fact]
    public void EverySolver_LargerRandom_KeepsWeaponCountsAndBeatsNoFire()
    {
        var problem = WtaTestProblems.RandomAssetBased(41, 8, 15, 5, 3);
        var idle = problem.SurvivingValue(new WtaPlan(problem.WeaponTypes, problem.Threats));
        IAssetWtaSolver[] solvers = [new MaximumMarginalReturnAssetSolver(), new IteratedLocalSearchAssetSolver(4)];

        foreach (var solver in solvers)
        {
            var solution = solver.Solve(problem, Short, CancellationToken.None);

            Assert.Null(problem.Violation(solution.Plan));
            Assert.True(solution.SurvivingValue > idle, solver.GetType().Name);
            Assert.InRange(solution.SurvivingValue, 0, problem.TotalAssetValue);
        }
    }

    [Fact]
    public void IteratedLocalSearch_LargerRandom_NoWorseThanGreedy()
    {
        var problem = WtaTestProblems.RandomAssetBased(42, 8, 15, 5, 3);

        var greedy = new MaximumMarginalReturnAssetSolver().Solve(problem, Short, CancellationToken.None);
        var search = new IteratedLocalSearchAssetSolver(5).Solve(problem, Short, CancellationToken.None);

        Assert.True(search.SurvivingValue >= greedy.SurvivingValue - 1e-12);
    }
}
