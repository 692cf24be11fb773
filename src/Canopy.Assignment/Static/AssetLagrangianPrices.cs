namespace Canopy.Assignment.Static;

/// <summary>
/// Weapon prices for the Lagrangian bound of the asset-based problem. For prices lambda_i >= 0, any plan keeps at most
/// sum_i lambda_i mu_i + sum_k phi_k(lambda) (<see cref="PricedAssetSubproblem"/>): on asset k it keeps
/// V_k(y_k) &lt;= phi_k + lambda . y_k, and sum_k y_k &lt;= mu. Subgradient steps (Polyak, aimed at the incumbent) lower
/// this bound, starting from the value the incumbent loses when one copy of each type is taken away.
/// </summary>
internal static class AssetLagrangianPrices
{
    /// <summary>The prices and per-asset subproblem bounds of the lowest bound found, and that bound.</summary>
    public static (double[] Lambda, double[] Phi, double Bound) Compute(AssetWtaProblem problem, int[] copyTypes, WtaPlan incumbent, double incumbentValue, long nodeLimit, Func<bool> stop)
    {
        int m = problem.WeaponTypes, assets = problem.Assets;
        var sub = new PricedAssetSubproblem(problem, copyTypes);
        var lambda = InitialPrices(problem, incumbent, incumbentValue);
        var phi = new double[assets];
        double[] bestLambda = (double[])lambda.Clone(), bestPhi = new double[assets];
        Array.Fill(bestPhi, double.PositiveInfinity); // no bound until one round of subproblems is done
        var best = double.PositiveInfinity;
        var used = new int[m];
        var none = new double[problem.Threats]; // no copy decided yet
        var theta = 1.0;
        var stall = 0;
        for (var iteration = 0; iteration < 100 && theta > 1e-4 && !stop(); iteration++)
        {
            Array.Clear(used);
            var bound = 0.0;
            for (var i = 0; i < m; i++) bound += lambda[i] * problem.Counts[i];
            for (var k = 0; k < assets; k++)
            {
                if (stop()) return (bestLambda, bestPhi, best);
                if (problem.ThreatsOn(k).IsEmpty)
                {
                    phi[k] = problem.AssetValues[k];
                    continue;
                }
                phi[k] = sub.Maximise(k, lambda, nodeLimit, 0, none, stop);
                for (var i = 0; i < m; i++) used[i] += sub.Used[i];
            }
            foreach (var v in phi) bound += v;
            var improved = bound < best;
            if (improved)
            {
                best = bound;
                lambda.CopyTo(bestLambda, 0);
                phi.CopyTo(bestPhi, 0);
            }
            stall = improved ? 0 : stall + 1;
            if (stall == 5) (theta, stall) = (theta / 2, 0); // five rounds without a lower bound: halve the step
            if (best - incumbentValue <= 1e-12 * incumbentValue) break;
            if (!PriceStep.Take(lambda, problem.Counts, used, theta, bound - incumbentValue)) break;
        }
        return (bestLambda, bestPhi, best);
    }

    /// <summary>For each type, the least value the incumbent loses when one of its copies of that type is withdrawn (0 when unused).</summary>
    private static double[] InitialPrices(AssetWtaProblem problem, WtaPlan plan, double value)
    {
        var lambda = new double[problem.WeaponTypes];
        var trial = plan.Clone();
        for (var i = 0; i < problem.WeaponTypes; i++)
        {
            var price = double.PositiveInfinity;
            for (var j = 0; j < problem.Threats; j++)
            {
                if (plan[i, j] == 0) continue;
                trial[i, j]--;
                price = Math.Min(price, value - problem.SurvivingValue(trial));
                trial[i, j]++;
            }
            lambda[i] = double.IsFinite(price) ? Math.Max(0, price) : 0;
        }
        return lambda;
    }
}
