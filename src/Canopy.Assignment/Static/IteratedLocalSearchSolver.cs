namespace Canopy.Assignment.Static;

/// <summary>
/// Iterated local search. Starts from one assignment problem that places every copy at once (or, when that is too
/// large, from maximum marginal return); descends by moving one weapon to another target and swapping two weapons
/// between targets, then by ejection chains (cyclic and path exchanges through several targets,
/// <see cref="EjectionChainSearch"/>); then repeatedly frees the weapons on a few targets (drawn by value, uniformly,
/// or related through a freed weapon type) or a few random weapons, repairs (in a share of the steps exactly on the freed
/// targets when that is small, <see cref="ExactRepair"/>; else greedily or by an assignment problem), descends again, and keeps the result when it is no worse than the current plan or within
/// <see cref="RecordDeviation"/> of the best. Runs until the budget ends (anytime); every random draw comes from the seed.
/// </summary>
public sealed class IteratedLocalSearchSolver(int seed = 1) : IStaticWtaSolver
{
    /// <summary>Largest copies^2 x targets x slots for which the assignment-problem start is computed.</summary>
    public double GlobalAssignmentWork { get; init; } = 2e9;

    /// <summary>Most weapon copies freed by one destroy step.</summary>
    public int MaxDestroyed { get; init; } = 80;

    /// <summary>A trial is also accepted when within this relative deviation of the best objective (record-to-record travel).</summary>
    public double RecordDeviation { get; init; } = 1e-3;

    /// <summary>
    /// Share of the steps that free whole targets whose repair is exact (<see cref="ExactRepair"/>, when small enough);
    /// the others are repaired greedily or by an assignment problem. The exact repair only puts the copies back on the
    /// targets they came from: it leaves multi-target traps but does not diversify, and used on every such step it
    /// raised the 10 s gap of wta_200x400x3 from 0.10% to 0.52% (docs/wta.md).
    /// </summary>
    public double ExactRepairShare { get; init; } = 0.25;

    /// <summary>The clock the budget is measured on.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <inheritdoc />
    public WtaSolution Solve(WtaProblem problem, TimeSpan budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return Solve(problem, SolverDeadline.Start(Time, budget, cancellationToken));
    }

    /// <summary>Solves within <paramref name="deadline"/>; the greedy plan (or its fired part) when the deadline ends before the search can start.</summary>
    internal WtaSolution Solve(WtaProblem problem, SolverDeadline deadline)
    {
        var greedy = MaximumMarginalReturnSolver.Assign(problem, deadline);
        var hood = deadline.Expired ? null : LethalNeighbourhood.Build(problem, deadline);
        if (hood is null) return new WtaSolution(greedy, problem.Objective(greedy), double.NegativeInfinity, deadline.Elapsed);
        var random = new Random(seed);
        var hungarian = new HungarianAssignment();
        var buffers = new RepairBuffers();
        var slots = Math.Max(1, (int)Math.Ceiling(2.0 * problem.TotalWeapons / problem.Targets));
        var chains = new EjectionChainSearch(problem, hood);
        var current = new LocalSearchState(problem, hood);
        // The assignment-problem start, when affordable, beat the greedy one (both followed by chains) on every
        // benchmark instance compared (mu = 2 and 3, 100x200 to 300x600); it may take half the budget.
        var all = Enumerable.Range(0, current.Copies).ToList();
        var startSlots = Math.Max(1, (int)Math.Ceiling((double)problem.TotalWeapons / problem.Targets));
        if ((double)current.Copies * current.Copies * problem.Targets * slots > GlobalAssignmentWork
            || !current.RepairByAssignment(all, startSlots, hungarian, buffers, deadline.Share(0.5, TimeSpan.MaxValue)))
            current.Load(greedy);
        current.Descend(deadline);
        chains.Improve(current, deadline);
        // Two more states for the perturbation loop cost about 0.3 s at 10^6 weapons: not when the budget is spent.
        if (deadline.Expired) return Result(problem, current, deadline);
        var trial = new LocalSearchState(problem, hood, current);
        var best = new LocalSearchState(problem, hood, current);
        best.CopyFrom(current);
        trial.CopyFrom(current);
        double currentObjective = current.Objective, bestObjective = currentObjective;
        var free = new List<int>();
        var destroyed = new bool[problem.Targets];
        var chosen = new List<int>();
        var exact = new ExactRepair();
        while (!deadline.Expired && trial.Copies > 0)
        {
            Destroy(trial, random, free, destroyed, chosen, chains);
            if (chosen.Count > 0 && random.NextDouble() < ExactRepairShare && exact.TryRepair(trial, free, chosen)) trial.Repair(free, deadline);
            else if (random.Next(2) != 0 || !trial.RepairByAssignment(free, slots, hungarian, buffers, deadline)) trial.Repair(free, deadline);
            trial.DescendDirty(deadline);
            chains.ImproveChanged(trial, deadline);
            var objective = trial.Objective;
            if (objective <= currentObjective * (1 + 1e-12) || objective <= bestObjective * (1 + RecordDeviation))
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
        return Result(problem, best, deadline);
    }

    private static WtaSolution Result(WtaProblem problem, LocalSearchState state, SolverDeadline deadline)
    {
        var plan = state.ToPlan();
        return new WtaSolution(plan, problem.Objective(plan), double.NegativeInfinity, deadline.Elapsed);
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

    /// <summary>Frees either random copies or every copy on random targets (by value, uniform or related), up to a random count.</summary>
    private void Destroy(LocalSearchState state, Random random, List<int> free, bool[] destroyed, List<int> chosen, EjectionChainSearch chains)
    {
        free.Clear();
        chosen.Clear();
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
        var targets = destroyed.Length;
        var total = state.Objective;
        // Targets drawn by surviving value, uniformly, or related: lethal targets of a weapon type just freed.
        var mode = random.Next(3);
        for (var tries = 0; free.Count < count && tries < 4 * count; tries++)
        {
            int j;
            if (mode == 2 && free.Count > 0)
            {
                var near = chains.Near(state.TypeOf(free[random.Next(free.Count)]));
                j = near[random.Next(near.Length)];
            }
            else j = mode == 0 ? DrawByValue(state, random.NextDouble() * total) : random.Next(targets);
            if (destroyed[j]) continue;
            destroyed[j] = true;
            chosen.Add(j);
            for (var u = state.FirstOn(j); u >= 0;)
            {
                var next = state.NextOnTarget(u);
                state.Unassign(u);
                free.Add(u);
                u = next;
            }
        }
        foreach (var j in chosen) destroyed[j] = false;
    }
}
