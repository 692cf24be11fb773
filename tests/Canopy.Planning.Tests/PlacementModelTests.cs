using Canopy.Planning.Placement;

namespace Canopy.Planning.Tests;

public class PlacementModelTests
{
    private static readonly CbcPlacementSolver Solver = new() { TimeLimit = TimeSpan.FromSeconds(60) };

    /// <summary>A seeded random instance: kinds with counts and magazines, sites with conflicts, corridors with exposures.</summary>
    private static PlacementProblem Random(int seed, int kinds, int sites, int corridors, double? budget = null)
    {
        var rng = new Random(seed);
        var k = Enumerable.Range(0, kinds).Select(t => new UnitKind($"K{t}", 1 + rng.Next(2), 2 + rng.Next(6), 1 + rng.Next(3))).ToList();
        var c = Enumerable.Range(0, corridors).Select(j => new Corridor($"C{j}", 2 + rng.Next(10), 1 + rng.Next(5))).ToList();
        var exposure = new double[kinds, sites, corridors];
        var kill = new double[kinds, corridors];
        for (var t = 0; t < kinds; t++)
            for (var j = 0; j < corridors; j++)
            {
                kill[t, j] = rng.NextDouble() < 0.2 ? 0 : Math.Round(rng.NextDouble(), 2);
                for (var s = 0; s < sites; s++) exposure[t, s, j] = rng.NextDouble() < 0.3 ? 0 : Math.Round(rng.NextDouble(), 2);
            }
        var conflicts = new List<(int, int)>();
        for (var a = 0; a < sites; a++)
            for (var b = a + 1; b < sites; b++)
                if (rng.NextDouble() < 0.25) conflicts.Add((a, b));
        return new PlacementProblem(k, [.. Enumerable.Range(0, sites).Select(s => $"S{s}")], c, exposure, kill, conflicts, budget);
    }

    /// <summary>Every placement (a kind or none at each site) that keeps the rules, each valued by the model with its sites fixed.</summary>
    private static double BruteForce(PlacementProblem problem)
    {
        var sites = problem.Sites.Count;
        var kinds = problem.Kinds.Count;
        var best = 0.0;
        var total = (int)Math.Pow(kinds + 1, sites);
        for (var code = 0; code < total; code++)
        {
            var placement = new int[sites];
            var rest = code;
            for (var s = 0; s < sites; s++, rest /= kinds + 1) placement[s] = rest % (kinds + 1) - 1;
            if (!problem.Feasible(placement)) continue;
            best = Math.Max(best, Solver.Evaluate(problem, placement));
        }
        return best;
    }

    [Theory]
    [InlineData(11, null)]
    [InlineData(12, null)]
    [InlineData(13, 3.0)]
    public void MilpMatchesBruteForceOnSmallInstances(int seed, double? budget)
    {
        var problem = Random(seed, kinds: 2, sites: 4, corridors: 3, budget);
        var milp = Solver.Solve(problem);
        Assert.True(problem.Feasible(milp.KindAtSite));
        Assert.True(milp.Proven);
        var brute = BruteForce(problem);
        Assert.True(brute > 0);
        Assert.Equal(brute, milp.ProtectedValue, 1e-4 * brute);
        // The greedy baseline is a feasible placement, never better than the optimum.
        var greedy = new GreedyPlacementSolver().Solve(problem);
        Assert.True(problem.Feasible(greedy.KindAtSite));
        Assert.True(greedy.ProtectedValue <= milp.ProtectedValue + 1e-6);
    }

    [Fact]
    public void HandSolvedInstancePicksTheSiteWithTheLargerSaving()
    {
        // One unit, 4 salvos of Pk 0.5. Site 0 sees all 10 threats of corridor A (value 2 each): 4 salvos x 0.5 x 2 = 4.
        // Site 1 sees a fifth of corridor B's 10 threats (value 3 each): 2 salvos x 0.5 x 3 = 3.
        var exposure = new double[1, 2, 2];
        exposure[0, 0, 0] = 1;
        exposure[0, 1, 1] = 0.2;
        var problem = new PlacementProblem([new UnitKind("U", 1, 4, 0)], ["S0", "S1"],
            [new Corridor("A", 10, 2), new Corridor("B", 10, 3)], exposure, new double[,] { { 0.5, 0.5 } }, [], null);
        var milp = Solver.Solve(problem);
        Assert.Equal([0, -1], milp.KindAtSite);
        Assert.Equal(4, milp.ProtectedValue, 1e-6);
        Assert.Equal(3, Solver.Evaluate(problem, [-1, 0]), 1e-6);
    }

    [Fact]
    public void LayersAddUpToTheThreatsInTheCorridor()
    {
        // Two units of 10 salvos, Pk 0.5, on one corridor of 6 threats: 2 x 10 x 0.5 = 10 expected kills, capped at 6.
        var exposure = new double[1, 2, 1];
        exposure[0, 0, 0] = exposure[0, 1, 0] = 1;
        var problem = new PlacementProblem([new UnitKind("U", 2, 10, 0)], ["S0", "S1"], [new Corridor("A", 6, 1)], exposure, new double[,] { { 0.5 } }, [], null);
        Assert.Equal(6, Solver.Solve(problem).ProtectedValue, 1e-6);
        // A unit's salvos at one corridor are at most one per threat that passes: 1 unit, 6 salvos x 0.5 = 3.
        Assert.Equal(3, Solver.Evaluate(problem, [0, -1]), 1e-6);
    }

    [Theory]
    [InlineData(0, 0, 4120 * 0.0)]
    [InlineData(16, 100, 4120 * 14.0)]
    [InlineData(25, 2025, 4120 * 50.0)]
    public void RadarHorizonIsTheFourThirdsEarthFormula(double h1, double h2, double metres) =>
        Assert.Equal(metres, CorridorCoverage.HorizonM(h1, h2), 1e-9);

    [Theory]
    [InlineData(0, 2_000, 10_000, 0.2)]    // on the axis: 4 km of a 20 km wide stream
    [InlineData(9_000, 2_000, 10_000, 0.15)] // at the edge: [7, 10] km of [-10, 10]
    [InlineData(13_000, 2_000, 10_000, 0)]  // beyond the stream
    [InlineData(150, 2_000, 0.5, 1)]         // a converged stream within reach
    public void ShareOfAStreamWithinReach(double offset, double reach, double spread, double share) =>
        Assert.Equal(share, CorridorCoverage.Overlap(offset, reach, spread), 1e-9);
}
