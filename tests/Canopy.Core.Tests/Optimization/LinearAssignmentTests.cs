using Canopy.Core.Optimization;

namespace Canopy.Core.Tests.Optimization;

public class LinearAssignmentTests
{
    private const double X = double.PositiveInfinity;

    [Fact]
    public void Solve_Textbook3x3_FindsOptimum15()
    {
        // Permutations by hand: 18, 15, 17, 16, 16, 18; the least is rows -> columns (0, 2, 1).
        double[] costs = [8, 4, 7, 5, 2, 3, 9, 4, 8];
        var result = new int[3];
        var total = new LinearAssignment().Solve(costs, 3, 3, result);
        Assert.Equal(15, total);
        Assert.Equal([0, 2, 1], result);
    }

    [Fact]
    public void Solve_Textbook4x4_FindsOptimum140()
    {
        // The worked example of the Hungarian method (Kuhn 1955 style): 69 + 37 + 11 + 23.
        double[] costs = [82, 83, 69, 92, 77, 37, 49, 92, 11, 69, 5, 86, 8, 9, 98, 23];
        var result = new int[4];
        var total = new LinearAssignment().Solve(costs, 4, 4, result);
        Assert.Equal(140, total);
        Assert.Equal([2, 1, 0, 3], result);
    }

    [Fact]
    public void Solve_WideMatrix_AssignsEveryRow()
    {
        // Hand enumeration of the six pairings: 5, 7, 4, 8, 5, 7.
        double[] costs = [1, 2, 3, 2, 4, 6];
        var result = new int[2];
        var total = new LinearAssignment().Solve(costs, 2, 3, result);
        Assert.Equal(4, total);
        Assert.Equal([1, 0], result);
    }

    [Fact]
    public void Solve_TallMatrix_LeavesOneRowUnassigned()
    {
        double[] costs = [1, 2, 2, 4, 3, 6];
        var result = new int[3];
        var total = new LinearAssignment().Solve(costs, 3, 2, result);
        Assert.Equal(4, total);
        Assert.Equal([1, 0, -1], result);
    }

    [Fact]
    public void Solve_ForbiddenPairs_AreNeverAssigned()
    {
        double[] costs = [1, X, X, X];
        var result = new int[2];
        var total = new LinearAssignment().Solve(costs, 2, 2, result);
        Assert.Equal(1, total);
        Assert.Equal([0, -1], result);
    }

    [Fact]
    public void Solve_TwoRowsCompetingForOneAllowedColumn_TakesTheCheaper()
    {
        double[] costs = [5, X, 1, X];
        var result = new int[2];
        var total = new LinearAssignment().Solve(costs, 2, 2, result);
        Assert.Equal(1, total);
        Assert.Equal([-1, 0], result);
    }

    [Fact]
    public void Solve_AllowedPairsFirst_PrefersMorePairsOverLowerCost()
    {
        // Row 0 alone at column 0 costs 1, but both rows can be assigned (2 + 50).
        double[] costs = [1, 2, 50, X];
        var result = new int[2];
        var total = new LinearAssignment().Solve(costs, 2, 2, result);
        Assert.Equal(52, total);
        Assert.Equal([1, 0], result);
    }

    [Fact]
    public void Solve_EmptyMatrix_ReturnsZero()
    {
        var result = new int[3];
        Assert.Equal(0, new LinearAssignment().Solve([], 3, 0, result));
        Assert.Equal([-1, -1, -1], result);
    }

    [Fact]
    public void Solve_NaNCost_IsRejectedWithItsPosition()
    {
        double[] costs = [1, 2, double.NaN, 4];
        var ex = Assert.Throws<ArgumentException>(() => new LinearAssignment().Solve(costs, 2, 2, new int[2]));
        Assert.Contains("row 1, column 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Solve_RandomSmallMatrices_AgreeWithBruteForce()
    {
        var rng = new Random(2016);
        var solver = new LinearAssignment();
        for (var trial = 0; trial < 200; trial++)
        {
            var rows = rng.Next(1, 6);
            var columns = rng.Next(1, 6);
            var costs = new double[rows * columns];
            for (var k = 0; k < costs.Length; k++)
                costs[k] = rng.NextDouble() < 0.2 ? X : Math.Round(rng.NextDouble() * 100 - 20, 2);
            var result = new int[rows];
            var total = solver.Solve(costs, rows, columns, result);

            var (bestPairs, bestCost) = BruteForce(costs, rows, columns);
            var used = new HashSet<int>();
            var pairs = 0;
            var sum = 0.0;
            for (var r = 0; r < rows; r++)
            {
                if (result[r] < 0) continue;
                Assert.True(used.Add(result[r]), $"trial {trial}: column {result[r]} used twice");
                Assert.False(double.IsInfinity(costs[r * columns + result[r]]), $"trial {trial}: forbidden pair");
                pairs++;
                sum += costs[r * columns + result[r]];
            }
            Assert.Equal(bestPairs, pairs);
            Assert.Equal(bestCost, total, 9);
            Assert.Equal(sum, total, 9);
        }
    }

    [Fact]
    public void Solve_SecondCallOfSameSize_AllocatesNothing()
    {
        var rng = new Random(5);
        var costs = new double[30 * 40];
        for (var k = 0; k < costs.Length; k++) costs[k] = rng.NextDouble();
        var result = new int[40];
        var solver = new LinearAssignment();
        solver.Solve(costs, 30, 40, result);
        var before = GC.GetAllocatedBytesForCurrentThread();
        solver.Solve(costs, 30, 40, result);
        solver.Solve(costs, 40, 30, result);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>Most allowed pairs, then least cost, over every partial one-to-one map of rows to columns.</summary>
    private static (int Pairs, double Cost) BruteForce(double[] costs, int rows, int columns)
    {
        var best = (Pairs: -1, Cost: double.PositiveInfinity);
        var used = new bool[columns];
        void Recurse(int r, int pairs, double cost)
        {
            if (r == rows)
            {
                if (pairs > best.Pairs || (pairs == best.Pairs && cost < best.Cost)) best = (pairs, cost);
                return;
            }
            Recurse(r + 1, pairs, cost);
            for (var c = 0; c < columns; c++)
            {
                var v = costs[r * columns + c];
                if (used[c] || double.IsInfinity(v)) continue;
                used[c] = true;
                Recurse(r + 1, pairs + 1, cost + v);
                used[c] = false;
            }
        }
        Recurse(0, 0, 0);
        return best;
    }
}
