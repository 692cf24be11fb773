using Canopy.Assignment.Static;

namespace Canopy.Assignment.Tests.Static;

/// <summary>
/// Instances with kill probabilities drawn from [0, 1] (not the usual 0.6-0.9) where greedy and assignment repairs
/// rebuild the same plan from any freed set: the heuristic must leave such traps (issue 16). The budget is counted in
/// clock reads (<see cref="StepClock"/>), so the search does the same steps whatever the machine's load.
/// </summary>
public class IteratedLocalSearchTrapTests
{
    /// <summary>The issue's instance: the heuristic returned 34.679004 for seeds 1-5; exact and brute force give 32.076785.</summary>
    private const string IssueTrap = """
        3 4 3
        90
        31
        92
        53
        0 0 0.571224
        0 1 0.960846
        0 2 0.403924
        0 3 0.769159
        1 0 0.609699
        1 1 0.325597
        1 2 0.187582
        1 3 0.459582
        2 0 0.425922
        2 1 0.604432
        2 2 0.06278
        2 3 0.954899
        """;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void IssueTrap_EverySeed_FindsTheBruteForceOptimum(int seed)
    {
        var problem = WtaFile.Read(new StringReader(IssueTrap), "issue-16.txt");

        var solution = new IteratedLocalSearchSolver(seed) { Time = new StepClock() }.Solve(problem, TimeSpan.FromSeconds(0.3), CancellationToken.None);

        Assert.Equal(32.076785, WtaTestProblems.BruteForceOptimum(problem), 6);
        Assert.Equal(WtaTestProblems.BruteForceOptimum(problem), solution.Objective, 9);
    }

    public static TheoryData<int> Seeds => new(Enumerable.Range(100, 50));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void UnitIntervalProbabilities_SmallInstance_FindsTheBruteForceOptimum(int seed)
    {
        // 2-4 weapon types, 3-5 targets, 1-3 copies each (the published format: one count for every type).
        var random = new Random(seed);
        var (m, n, mu) = (random.Next(2, 5), random.Next(3, 6), random.Next(1, 4));
        var values = Enumerable.Range(0, n).Select(_ => (double)random.Next(1, 101)).ToArray();
        var kill = Enumerable.Range(0, m * n).Select(_ => Math.Round(random.NextDouble(), 6)).ToArray();
        var problem = new WtaProblem(Enumerable.Repeat(mu, m).ToArray(), values, kill);

        var solution = new IteratedLocalSearchSolver(1) { Time = new StepClock() }.Solve(problem, TimeSpan.FromSeconds(0.2), CancellationToken.None);

        Assert.Null(solution.Plan.Violation(problem));
        var optimum = WtaTestProblems.BruteForceOptimum(problem);
        Assert.True(Math.Abs(solution.Objective - optimum) <= 1e-9 * Math.Max(1, optimum), $"{m}x{n}x{mu}: heuristic {solution.Objective:R}, optimum {optimum:R}");
    }
}
