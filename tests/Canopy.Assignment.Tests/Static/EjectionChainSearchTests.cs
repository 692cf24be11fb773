using Canopy.Assignment.Static;

namespace Canopy.Assignment.Tests.Static;

public class EjectionChainSearchTests
{
    /// <summary>
    /// Three targets of value 1, one copy each of types A, B, C with survivals (rows A, B, C; columns targets 0..2)
    /// [[0.5, 0.1, 0.9], [0.9, 0.5, 0.1], [0.1, 0.9, 0.5]]. The plan A-0, B-1, C-2 scores 1.5; every swap also
    /// scores 1.5 and every single move leaves a target unshot (at least 1.55), but the cycle A-1, B-2, C-0 scores 0.3.
    /// </summary>
    private static WtaProblem Cyclic() => new([1, 1, 1], [1, 1, 1], [0.5, 0.9, 0.1, 0.1, 0.5, 0.9, 0.9, 0.1, 0.5]);

    private static WtaPlan Diagonal()
    {
        var plan = new WtaPlan(3, 3);
        for (var i = 0; i < 3; i++) plan[i, i] = 1;
        return plan;
    }

    [Fact]
    public void Descend_CyclicTrap_CannotImprove()
    {
        var state = new LocalSearchState(Cyclic(), WtaTestProblems.Neighbourhood(Cyclic()));
        state.Load(Diagonal());

        state.Descend(WtaTestProblems.NoDeadline);

        Assert.Equal(1.5, state.Objective, 12);
    }

    [Fact]
    public void Improve_CyclicTrap_FindsTheThreeCycle()
    {
        var problem = Cyclic();
        var state = new LocalSearchState(problem, WtaTestProblems.Neighbourhood(problem));
        state.Load(Diagonal());

        var improved = new EjectionChainSearch(problem, WtaTestProblems.Neighbourhood(problem)).Improve(state, WtaTestProblems.NoDeadline);

        var plan = state.ToPlan();
        Assert.True(improved);
        Assert.Equal(0.3, state.Objective, 12);
        Assert.Equal(1, plan[0, 1]);
        Assert.Equal(1, plan[1, 2]);
        Assert.Equal(1, plan[2, 0]);
    }

    [Fact]
    public void ImproveChanged_CyclicTrap_StartsOnlyFromChangedTargets()
    {
        var problem = Cyclic();
        var search = new EjectionChainSearch(problem, WtaTestProblems.Neighbourhood(problem));
        var state = new LocalSearchState(problem, WtaTestProblems.Neighbourhood(problem));
        state.Load(Diagonal());
        state.ClearChanged();

        var untouched = search.ImproveChanged(state, WtaTestProblems.NoDeadline);
        state.Assign(0, 0); // re-firing copy 0 at target 0 marks target 0 as changed
        var touched = search.ImproveChanged(state, WtaTestProblems.NoDeadline);

        Assert.False(untouched);
        Assert.True(touched);
        Assert.Equal(0.3, state.Objective, 12);
        Assert.Empty(state.Changed);
    }

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    public void Improve_RandomGreedyStart_NeverWorseAndKeepsCounts(int seed)
    {
        var problem = WtaTestProblems.Random(seed, 8, 12, 3);
        var state = new LocalSearchState(problem, WtaTestProblems.Neighbourhood(problem));
        state.Load(MaximumMarginalReturnSolver.Assign(problem));
        var before = state.Objective;

        new EjectionChainSearch(problem, WtaTestProblems.Neighbourhood(problem), near: 4).Improve(state, WtaTestProblems.NoDeadline);

        var plan = state.ToPlan();
        Assert.Null(plan.Violation(problem));
        Assert.True(state.Objective <= before);
        Assert.Equal(problem.Objective(plan), state.Objective, 9);
    }
}
