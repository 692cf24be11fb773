using Canopy.Assignment.Static;

namespace Canopy.Assignment.Tests.Static;

public class StaticWtaSolverTests
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(0.2);

    [Fact]
    public void MaximumMarginalReturn_TwoByTwo_TakesTheHandComputedOrder()
    {
        // Returns: weapon 1 at target 0 removes 10 x 0.6 = 6, the most; then weapon 0 removes 5 x 0.9 = 4.5 at
        // target 1 against 4 x 0.5 = 2 at target 0. Objective 10 x 0.4 + 5 x 0.1 = 4.5.
        var problem = WtaTestProblems.TwoByTwo();

        var solution = new MaximumMarginalReturnSolver().Solve(problem, Short, CancellationToken.None);

        Assert.Equal(1, solution.Plan[1, 0]);
        Assert.Equal(1, solution.Plan[0, 1]);
        Assert.Equal(4.5, solution.Objective, 12);
    }

    [Fact]
    public void MaximumMarginalReturn_SecondShotWorthMore_StacksOnOneTarget()
    {
        // V = (100, 1): after 0.5 of target 0 is gone, 50 x 0.5 = 25 still beats 1 x 0.5 at target 1.
        var problem = new WtaProblem([2], [100, 1], [0.5, 0.5]);

        var plan = MaximumMarginalReturnSolver.Assign(problem);

        Assert.Equal(2, plan[0, 0]);
        Assert.Equal(26, problem.Objective(plan), 12);
    }

    [Fact]
    public void Hungarian_ThreeByFour_FindsTheHandCheckedAssignment()
    {
        // Rows take columns 1, 0, 3 for 1 + 2 + 1 = 4; no other assignment is as cheap.
        double[] cost = [4, 1, 3, 9, 2, 0, 5, 9, 3, 2, 2, 1];
        var columnOf = new int[3];

        new HungarianAssignment().Solve(cost, 3, 4, columnOf);

        Assert.Equal([1, 0, 3], columnOf);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void IteratedLocalSearch_SmallRandom_FindsTheBruteForceOptimum(int seed)
    {
        var problem = WtaTestProblems.Random(seed, 3, 4, 2);

        var solution = new IteratedLocalSearchSolver(seed).Solve(problem, Short, CancellationToken.None);

        Assert.Null(solution.Plan.Violation(problem));
        Assert.Equal(WtaTestProblems.BruteForceOptimum(problem), solution.Objective, 9);
        Assert.Equal(problem.Objective(solution.Plan), solution.Objective);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    public void Exact_SmallRandom_AgreesWithBruteForceAndProvesIt(int seed)
    {
        var problem = WtaTestProblems.Random(seed, 3, 4, 2);
        var optimum = WtaTestProblems.BruteForceOptimum(problem);

        var solution = new LagrangianEnumerationSolver(seed).Solve(problem, TimeSpan.FromSeconds(5), CancellationToken.None);

        Assert.Null(solution.Plan.Violation(problem));
        Assert.Equal(optimum, solution.Objective, 9);
        // Proven to the solver's relative tolerance of 1e-9.
        Assert.InRange(solution.LowerBound, optimum * (1 - 2e-9), optimum * (1 + 1e-12));
        Assert.Equal(problem.Objective(solution.Plan), solution.Objective);
    }

    [Fact]
    public void EverySolver_LargerRandom_KeepsWeaponCounts()
    {
        var problem = WtaTestProblems.Random(21, 12, 20, 3);
        IStaticWtaSolver[] solvers = [new MaximumMarginalReturnSolver(), new IteratedLocalSearchSolver(3), new LagrangianEnumerationSolver(3)];

        foreach (var solver in solvers)
        {
            var solution = solver.Solve(problem, TimeSpan.FromSeconds(2), CancellationToken.None);

            Assert.Null(solution.Plan.Violation(problem));
            Assert.Equal(problem.Objective(solution.Plan), solution.Objective);
            Assert.True(double.IsNegativeInfinity(solution.LowerBound) || solution.LowerBound <= solution.Objective + 1e-9, solver.GetType().Name);
        }
    }
}
