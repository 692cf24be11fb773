using System.Diagnostics;

namespace Canopy.Assignment.Static;

/// <summary>
/// Maximum marginal return on the asset objective: repeatedly fires the available weapon at the threat where it adds
/// the most expected surviving asset value, until every weapon is fired or no shot adds anything.
/// </summary>
public sealed class MaximumMarginalReturnAssetSolver : IAssetWtaSolver
{
    /// <inheritdoc />
    public AssetWtaSolution Solve(AssetWtaProblem problem, TimeSpan budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var clock = Stopwatch.StartNew();
        var state = new AssetSearchState(problem);
        state.AddGreedily(Enumerable.Range(0, state.Copies).ToList());
        var plan = state.ToPlan();
        return new AssetWtaSolution(plan, problem.SurvivingValue(plan), clock.Elapsed);
    }
}
