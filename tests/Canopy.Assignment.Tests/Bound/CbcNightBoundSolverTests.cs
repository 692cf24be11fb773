using Canopy.Assignment.Bound;

namespace Canopy.Assignment.Tests.Bound;

public class CbcNightBoundSolverTests
{
    /// <summary>
    /// A random small night: 3 to 4 threats, 2 to 3 units with 1 to 3 salvos and a reload, windows that hold one or two
    /// salvos, and at most three windows per threat (so no plan fires more salvos at a threat than the tangents cover).
    /// </summary>
    private static NightAssignmentProblem RandomNight(Random rng)
    {
        var threats = rng.Next(3, 5);
        var units = Enumerable.Range(0, rng.Next(2, 4))
            .Select(u => new NightFireUnit($"U{u}", rng.Next(1, 4), 10)).ToArray();
        var opportunities = new List<EngagementOpportunity>();
        for (var i = 0; i < threats; i++)
            foreach (var u in Enumerable.Range(0, units.Length).OrderBy(_ => rng.Next()).Take(rng.Next(1, 4)))
            {
                var start = rng.Next(0, 60);
                var length = rng.Next(0, 2) * 10 + rng.Next(0, 5);
                opportunities.Add(new EngagementOpportunity(u, i, start, start + length, 0.3 + 0.6 * rng.NextDouble(),
                    1000 * rng.Next(1, 20)));
            }
        var values = Enumerable.Range(0, threats).Select(_ => (double)rng.Next(1, 50)).ToArray();
        return new NightAssignmentProblem(values, units, opportunities);
    }

    /// <summary>Every plan within the capacities that keeps the unit limits: the best value, and the least spend for it.</summary>
    private static (double Value, double Spend) BruteForce(NightAssignmentProblem problem)
    {
        var n = problem.Opportunities.Count;
        var plan = new int[n];
        var plans = new List<(double Value, double Spend)>();
        void Enumerate(int k)
        {
            if (k == n)
            {
                if (problem.Respects(plan)) plans.Add((problem.ExpectedValueSaved(plan), problem.Spend(plan)));
                return;
            }
            for (var s = 0; s <= problem.Capacity(k); s++)
            {
                plan[k] = s;
                Enumerate(k + 1);
            }
            plan[k] = 0;
        }
        Enumerate(0);
        var best = plans.Max(p => p.Value);
        return (best, plans.Where(p => p.Value >= best * (1 - 1e-7)).Min(p => p.Spend));
    }

    [Fact]
    public void Solve_SmallNights_EqualsBruteForce()
    {
        var rng = new Random(2026);
        var solver = new CbcNightBoundSolver { TimeLimit = TimeSpan.FromSeconds(30) };
        for (var night = 0; night < 12; night++)
        {
            var problem = RandomNight(rng);
            var (value, spend) = BruteForce(problem);

            var bound = solver.Solve(problem);

            var tolerance = 2 * CbcNightBoundSolver.RelativeGap * problem.ThreatValues.Sum();
            Assert.InRange(bound.UpperBound, value - 1e-9, value + tolerance);
            Assert.Equal(value, bound.PlanValue, 6);
            Assert.True(problem.Respects(bound.Salvos), $"night {night}: the plan breaks a unit's limits");
            Assert.Equal(spend, bound.Spend, 3);
        }
    }

    [Fact]
    public void Solve_TwoSalvosAtOneThreat_CountsTheProductOfSurvivals()
    {
        // One threat worth 10, two units with one salvo each (Pk 0.5 and 0.8): both fire, 10 x (1 - 0.5 x 0.2) = 9.
        var problem = new NightAssignmentProblem([10],
            [new NightFireUnit("A", 1, 5), new NightFireUnit("B", 1, 5)],
            [new EngagementOpportunity(0, 0, 0, 30, 0.5, 100), new EngagementOpportunity(1, 0, 0, 30, 0.8, 200)]);

        var bound = new CbcNightBoundSolver().Solve(problem);

        Assert.Equal(9, bound.PlanValue, 9);
        Assert.InRange(bound.UpperBound, 9 - 1e-9, 9 + 2e-4);
        Assert.Equal(300, bound.Spend, 6);
    }

    [Fact]
    public void TangentPoints_AreZeroAndEverySumOfUpToThreeSalvos()
    {
        var l = Math.Log(0.5);
        var points = CbcNightBoundSolver.TangentPoints([l, l]).ToList();
        // 0, l, 2l, 3l, then multiples down to a survival of 1e-4 (0.5^13 = 1.2e-4).
        var expected = Enumerable.Range(0, 14).Select(m => -m * Math.Log(2)).Order().ToList();
        Assert.Equal(expected.Count, points.Count);
        for (var k = 0; k < expected.Count; k++) Assert.Equal(expected[k], points[k], 9);
    }
}
