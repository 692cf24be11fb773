using System.Diagnostics;

namespace Canopy.Assignment.Static;

/// <summary>
/// Maximum marginal return, then iterated local search: descend by moving one weapon to another target and
/// swapping two weapons between targets, then repeatedly destroy a few random targets' assignments, repair them
/// greedily and descend again, keeping the result when it is no worse. Runs until the budget ends (anytime).
/// </summary>
public sealed class IteratedLocalSearchSolver(int seed = 1) : IStaticWtaSolver
{
    /// <summary>Most targets cleared by one destroy step.</summary>
    public int MaxDestroyed { get; init; } = 8;

    /// <inheritdoc />
    public WtaSolution Solve(WtaProblem problem, TimeSpan budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var clock = Stopwatch.StartNew();
        var random = new Random(seed);
        var current = new LocalSearchState(problem);
        current.Load(MaximumMarginalReturnSolver.Assign(problem));
        current.Descend(cancellationToken);
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
            var count = random.Next(2, Math.Min(MaxDestroyed, problem.Targets) + 1);
            chosen.Clear();
            for (var c = 0; c < count; c++)
            {
                var j = random.Next(problem.Targets);
                if (destroyed[j]) continue;
                destroyed[j] = true;
                chosen.Add(j);
            }
            free.Clear();
            for (var u = 0; u < trial.Copies; u++)
                if (trial.TargetOf(u) is var t && (t < 0 || destroyed[t]))
                {
                    trial.Unassign(u);
                    free.Add(u);
                }
            foreach (var j in chosen) destroyed[j] = false;
            trial.Repair(free);
            trial.Descend(cancellationToken);
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
}
