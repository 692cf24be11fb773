using System.Diagnostics;

namespace Canopy.Assignment.Static;

/// <summary>
/// Maximum marginal return, then iterated local search: descend by moving one weapon to another target and
/// swapping two weapons between targets, then by ejection chains (cyclic and path exchanges through several targets,
/// <see cref="EjectionChainSearch"/>); repeatedly destroy a few random targets' assignments, repair them greedily
/// and descend again, keeping the result when it is no worse. Runs until the budget ends (anytime).
/// </summary>
public sealed class IteratedLocalSearchSolver(int seed = 1) : IStaticWtaSolver
{
    /// <summary>Largest copies^2 x targets x slots for which the assignment-problem start is computed.</summary>
    public double GlobalAssignmentWork { get; init; } = 2e9;

    /// <summary>Most weapon copies freed by one destroy step.</summary>
    public int MaxDestroyed { get; init; } = 80;

    /// <inheritdoc />
    public WtaSolution Solve(WtaProblem problem, TimeSpan budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var clock = Stopwatch.StartNew();
        var random = new Random(seed);
        var hungarian = new HungarianAssignment();
        var buffers = new RepairBuffers();
        var slots = Math.Max(1, (int)Math.Ceiling(2.0 * problem.TotalWeapons / problem.Targets));
        var chains = new EjectionChainSearch(problem);
        var current = new LocalSearchState(problem);
        current.Load(MaximumMarginalReturnSolver.Assign(problem));
        current.Descend(cancellationToken);
        chains.Improve(current, cancellationToken);
        // A second start: every copy placed at once by one assignment problem, when that is affordable.
        if ((double)current.Copies * current.Copies * problem.Targets * slots <= GlobalAssignmentWork)
        {
            var global = new LocalSearchState(problem);
            var all = Enumerable.Range(0, global.Copies).ToList();
            global.RepairByAssignment(all, Math.Max(1, (int)Math.Ceiling((double)problem.TotalWeapons / problem.Targets)), hungarian, buffers);
            global.Descend(cancellationToken);
            chains.Improve(global, cancellationToken);
            if (global.Objective < current.Objective) current = global;
        }
        var trial = new LocalSearchState(problem);
        var best = new LocalSearchState(problem);
        best.CopyFrom(current);
        trial.CopyFrom(current);
        double currentObjective = current.Objective, bestObjective = currentObjective;
        var free = new List<int>();
        var destroyed = new bool[problem.Targets];
        var chosen = new List<int>();
        while (clock.Elapsed < budget && !cancellationToken.IsCancellationRequested && trial.Copies > 0)
        {
            Destroy(trial, random, free, destroyed, chosen);
            if (random.Next(2) == 0) trial.RepairByAssignment(free, slots, hungarian, buffers);
            else trial.Repair(free);
            trial.DescendDirty(cancellationToken);
            chains.Improve(trial, cancellationToken);
            var objective = trial.Objective;
            if (objective <= currentObjective * (1 + 1e-12))
            {
                current.CopyFrom(trial);
                currentObjective = objective;
                if (objective < bestObjective)
                {
                    best.CopyFrom(trial);
                    bestObjective = objective;
                }
            }
            else
            {
                trial.CopyFrom(current);
            }
        }
        var plan = best.ToPlan();
        return new WtaSolution(plan, problem.Objective(plan), double.NegativeInfinity, clock.Elapsed);
    }

    /// <summary>The target where the running sum of surviving values first exceeds <paramref name="mark"/>.</summary>
    private static int DrawByValue(LocalSearchState state, double mark)
    {
        var last = state.SurvivingValueCount - 1;
        for (var j = 0; j < last; j++)
        {
            mark -= state.SurvivingValue(j);
            if (mark < 0) return j;
        }
        return last;
    }

    /// <summary>Frees either random copies or every copy on random targets, up to a random count.</summary>
    private void Destroy(LocalSearchState state, Random random, List<int> free, bool[] destroyed, List<int> chosen)
    {
        free.Clear();
        var count = random.Next(Math.Min(2, state.Copies), Math.Min(MaxDestroyed, state.Copies) + 1);
        for (var u = 0; u < state.Copies; u++)
            if (state.TargetOf(u) < 0) free.Add(u);
        if (random.Next(2) == 0)
        {
            for (var tries = 0; free.Count < count && tries < 4 * count; tries++)
            {
                var u = random.Next(state.Copies);
                if (state.TargetOf(u) < 0) continue;
                state.Unassign(u);
                free.Add(u);
            }
            return;
        }
        chosen.Clear();
        var targets = destroyed.Length;
        var total = state.Objective;
        var byValue = random.Next(2) == 0;
        for (var tries = 0; free.Count < count && tries < 4 * count; tries++)
        {
            var j = byValue ? DrawByValue(state, random.NextDouble() * total) : random.Next(targets);
            if (destroyed[j]) continue;
            destroyed[j] = true;
            chosen.Add(j);
            for (var u = 0; u < state.Copies; u++)
                if (state.TargetOf(u) == j)
                {
                    state.Unassign(u);
                    free.Add(u);
                }
        }
        foreach (var j in chosen) destroyed[j] = false;
    }
}
