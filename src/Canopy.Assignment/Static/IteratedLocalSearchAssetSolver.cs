namespace Canopy.Assignment.Static;

/// <summary>
/// Asset-based WTA by maximum marginal return, then iterated local search: descend by moving one weapon to another
/// threat and swapping two weapons between threats; then repeatedly free the weapons on one random threat or on every
/// threat aimed at one random asset, plus a few random weapons, re-add them (first at the threats aimed at another
/// random asset, "defend that one instead"; or greedily; or at random threats) and descend again, keeping the result
/// when it is no worse. An asset is only saved when all its lethal threats are shot, so single-weapon moves alone
/// cannot shift the defence from one asset to another; the asset-level steps can. Runs until the budget ends
/// (anytime); every random choice comes from the seed.
/// </summary>
public sealed class IteratedLocalSearchAssetSolver(int seed = 1) : IAssetWtaSolver
{
    /// <summary>Most weapon copies freed by one perturbation.</summary>
    public int MaxFreed { get; init; } = 6;

    /// <summary>The clock the budget is measured on.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <inheritdoc />
    public AssetWtaSolution Solve(AssetWtaProblem problem, TimeSpan budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return Solve(problem, SolverDeadline.Start(Time, budget, cancellationToken));
    }

    /// <summary>Solves within <paramref name="deadline"/> (every phase, the greedy start included, stops there).</summary>
    internal AssetWtaSolution Solve(AssetWtaProblem problem, SolverDeadline deadline)
    {
        var random = new Random(seed);
        var current = new AssetSearchState(problem);
        var free = Enumerable.Range(0, current.Copies).ToList();
        current.AddGreedily(free, deadline);
        current.Descend(deadline);
        // Two more states for the perturbation loop cost a few tenths of a second at 10^6 weapons: not when the budget is spent.
        if (deadline.Expired) return Result(problem, current, deadline);
        var trial = new AssetSearchState(problem);
        var best = new AssetSearchState(problem);
        trial.CopyFrom(current);
        best.CopyFrom(current);
        double currentValue = current.Value, bestValue = currentValue;
        while (!deadline.Expired && trial.Copies > 0)
        {
            Perturb(trial, random, free);
            if (random.Next(3) == 0)
            {
                // Defend another asset instead: the freed copies go first to the threats aimed at a random asset.
                trial.AddGreedily(free, trial.AssetOf(random.Next(trial.Threats)), deadline);
                trial.AddGreedily(free, deadline);
            }
            else if (random.Next(2) == 0) trial.AddGreedily(free, deadline);
            else
                foreach (var u in free) trial.Move(u, random.Next(trial.Threats));
            trial.Descend(deadline);
            var value = trial.Value;
            if (value >= currentValue * (1 - 1e-12))
            {
                current.CopyFrom(trial);
                currentValue = value;
                if (value > bestValue)
                {
                    best.CopyFrom(trial);
                    bestValue = value;
                }
            }
            else
            {
                trial.CopyFrom(current);
            }
        }
        return Result(problem, best, deadline);
    }

    private static AssetWtaSolution Result(AssetWtaProblem problem, AssetSearchState state, SolverDeadline deadline)
    {
        var plan = state.ToPlan();
        return new AssetWtaSolution(plan, problem.SurvivingValue(plan), deadline.Elapsed);
    }

    /// <summary>Frees the unassigned copies and every copy on one random threat or on every threat aimed at one asset, plus a few random copies.</summary>
    private void Perturb(AssetSearchState state, Random random, List<int> free)
    {
        free.Clear();
        var mode = random.Next(3);
        var threat = mode == 1 ? random.Next(state.Threats) : -1;
        var asset = mode == 2 ? state.AssetOf(random.Next(state.Threats)) : -1;
        for (var u = 0; u < state.Copies; u++)
            if (state.TargetOf(u) is var j && (j == threat || (asset >= 0 && j >= 0 && state.AssetOf(j) == asset))) free.Add(u);
        var count = random.Next(1, Math.Min(MaxFreed, state.Copies) + 1);
        for (var tries = 0; free.Count < count && tries < 4 * count; tries++)
        {
            var u = random.Next(state.Copies);
            if (!free.Contains(u)) free.Add(u);
        }
        foreach (var u in free) state.Move(u, -1);
    }
}
