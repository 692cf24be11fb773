namespace Canopy.Assignment.Static;

/// <summary>One projected subgradient step on the weapon prices of a Lagrangian bound (both WTA problems relax the weapon counts).</summary>
internal static class PriceStep
{
    /// <summary>
    /// lambda_i += theta gap / |d|^2 d_i with d = used - counts, kept >= 0 (a component that would push a zero price
    /// below zero does not count); false, and nothing moves, when d is 0.
    /// </summary>
    public static bool Take(double[] lambda, IReadOnlyList<int> counts, int[] used, double theta, double gap)
    {
        double norm = 0;
        for (var i = 0; i < lambda.Length; i++)
        {
            var d = used[i] - counts[i];
            if (lambda[i] <= 0 && d < 0) d = 0;
            norm += (double)d * d;
        }
        if (norm == 0) return false;
        var step = theta * gap / norm;
        for (var i = 0; i < lambda.Length; i++) lambda[i] = Math.Max(0, lambda[i] + step * (used[i] - counts[i]));
        return true;
    }
}
