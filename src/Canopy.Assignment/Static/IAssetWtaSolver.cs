namespace Canopy.Assignment.Static;

/// <summary>
/// The asset-based static WTA role: an anytime solver that returns the best plan found when it finishes, when
/// <c>budget</c> runs out or when cancelled, whichever comes first.
/// </summary>
public interface IAssetWtaSolver
{
    /// <summary>Solves <paramref name="problem"/> within <paramref name="budget"/> of wall time.</summary>
    AssetWtaSolution Solve(AssetWtaProblem problem, TimeSpan budget, CancellationToken cancellationToken);
}
