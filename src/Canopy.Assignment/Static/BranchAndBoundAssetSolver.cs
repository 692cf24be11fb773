namespace Canopy.Assignment.Static;

/// <summary>
/// Exact asset-based WTA by depth-first branch and bound. Firing a weapon never lowers the surviving value (it lowers
/// some S_j, and every factor 1 - lethality_j S_j is >= 0), so some optimal plan fires every copy: the search assigns
/// the copies one at a time to a threat, copies of one type in non-decreasing threat order (they are
/// interchangeable), strongest types first. Two bounds, the smaller counts. (1) Every threat takes every copy still
/// unassigned: with E_j = ln S_j of the assigned copies + sum_i r_i q_ij (r_i copies of type i left,
/// q_ij = ln(1 - p_ij) &lt;= 0), sum_k W_k prod_j (1 - lethality_j e^E_j) is at least the value of every completion,
/// because a completion's S_j is at least e^E_j and the objective falls as any S_j rises. (2) The Lagrangian bound of
/// <see cref="AssetLagrangianPrices"/>, weapon prices found by subgradient before the search (20% of the budget),
/// each asset then buying its own weapons. Children are tried best bound first and pruned when their bound does not
/// beat the incumbent (relative 1e-12), which starts from the iterated local search. When the budget ends, the upper
/// bound is the largest bound of the subtrees still open, or the incumbent's value when none is.
/// </summary>
public sealed class BranchAndBoundAssetSolver(int seed = 1) : IAssetWtaSolver
{
    /// <summary>Largest copies x threats the search tables may hold; past it (or past 10,000 weapons) the iterated local search takes the whole budget and its plan is returned with the bound sum_k W_k.</summary>
    public int MaxCells { get; init; } = 4_000_000;

    /// <summary>Longest the iterated local search may run for the first incumbent (it takes at most 5% of the budget).</summary>
    public double StartSeconds { get; init; } = 2;

    /// <summary>Most nodes of one asset's priced subproblem while the prices are searched.</summary>
    public long SubproblemNodes { get; init; } = 200_000;

    /// <summary>The clock the budget is measured on.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <inheritdoc />
    public AssetWtaSolution Solve(AssetWtaProblem problem, TimeSpan budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var deadline = SolverDeadline.Start(Time, budget, cancellationToken);
        var tooLarge = (long)problem.TotalWeapons * problem.Threats > MaxCells || problem.TotalWeapons > 10_000;
        // Too large to search: the whole budget goes to the heuristic, with the trivial bound.
        var start = new IteratedLocalSearchAssetSolver(seed).Solve(problem, tooLarge ? deadline : deadline.Share(0.05, TimeSpan.FromSeconds(StartSeconds)));
        if (tooLarge || deadline.Expired)
            return start with { Elapsed = deadline.Elapsed, UpperBound = problem.TotalAssetValue };
        var prices = deadline.Share(0.2, TimeSpan.MaxValue);
        var (lambda, phi, bound) = AssetLagrangianPrices.Compute(problem, AssetBranchAndBound.CopyTypes(problem), start.Plan, start.SurvivingValue, SubproblemNodes,
            () => prices.Expired);
        // The search's tables (copies x threats per depth) take about a second at 10^4 weapons: not once the budget is spent.
        if (deadline.Expired)
            return start with { Elapsed = deadline.Elapsed, UpperBound = Math.Max(start.SurvivingValue, Math.Min(problem.TotalAssetValue, bound)) };
        var search = new AssetBranchAndBound(problem, start.Plan, start.SurvivingValue, lambda, phi);
        var upper = search.Run(() => deadline.Expired);
        var plan = search.Best;
        var value = problem.SurvivingValue(plan);
        return new AssetWtaSolution(plan, value, deadline.Elapsed, Math.Max(upper, value));
    }
}
