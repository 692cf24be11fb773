namespace Canopy.Assignment.Static;

/// <summary>
/// Maximum marginal return on the asset objective: repeatedly fires the available weapon at the threat where it adds
/// the most expected surviving asset value, until every weapon is fired, no shot adds anything or the budget ends
/// (then the weapons fired so far are the plan).
/// </summary>
public sealed class MaximumMarginalReturnAssetSolver : IAssetWtaSolver
{
    /// <summary>The clock the budget is measured on.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <inheritdoc />
    public AssetWtaSolution Solve(AssetWtaProblem problem, TimeSpan budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var deadline = SolverDeadline.Start(Time, budget, cancellationToken);
        var state = new AssetSearchState(problem);
        state.AddGreedily(Enumerable.Range(0, state.Copies).ToList(), deadline);
        var plan = state.ToPlan();
        return new AssetWtaSolution(plan, problem.SurvivingValue(plan), deadline.Elapsed);
    }
}
