namespace Canopy.Assignment.Static;

/// <summary>
/// Maximum marginal return greedy: repeatedly fires the available weapon at the target where it removes the most
/// expected surviving value, V_j P_j p_ij. A priority queue over targets keyed by each target's best marginal
/// return, re-evaluated lazily (returns only fall as targets are shot and weapons run out), keeps every choice exact.
/// When the budget ends first it returns the weapons fired so far (a valid plan that keeps the rest).
/// </summary>
public sealed class MaximumMarginalReturnSolver : IStaticWtaSolver
{
    /// <summary>The clock the budget is measured on.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <inheritdoc />
    public WtaSolution Solve(WtaProblem problem, TimeSpan budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var deadline = SolverDeadline.Start(Time, budget, cancellationToken);
        var plan = Assign(problem, deadline);
        return new WtaSolution(plan, problem.Objective(plan), double.NegativeInfinity, deadline.Elapsed);
    }

    /// <summary>The greedy plan for <paramref name="problem"/>.</summary>
    public static WtaPlan Assign(WtaProblem problem) => Assign(problem, SolverDeadline.Start(TimeProvider.System, TimeSpan.MaxValue, CancellationToken.None));

    /// <summary>The greedy plan, or the part of it fired when <paramref name="deadline"/> ends.</summary>
    internal static WtaPlan Assign(WtaProblem problem, SolverDeadline deadline)
    {
        ArgumentNullException.ThrowIfNull(problem);
        int m = problem.WeaponTypes, n = problem.Targets;
        var remaining = problem.Counts.ToArray();
        var plan = new WtaPlan(m, n);
        // Each target's weapon types by falling kill probability; next[j] skips the types that ran out.
        var order = new int[n][];
        var next = new int[n];
        var survival = new double[n];
        var queue = new PriorityQueue<int, double>(n);
        var keys = new double[m];
        for (var j = 0; j < n; j++)
        {
            if ((j & 63) == 0 && deadline.Expired) return plan;
            var types = new int[m];
            for (var i = 0; i < m; i++)
            {
                types[i] = i;
                keys[i] = -problem.Kill(i, j);
            }
            Array.Sort(keys, types);
            order[j] = types;
            survival[j] = problem.Values[j];
        }
        double Best(int j, out int type)
        {
            var types = order[j];
            while (next[j] < types.Length && remaining[types[next[j]]] == 0) next[j]++;
            if (next[j] == types.Length)
            {
                type = -1;
                return 0;
            }
            type = types[next[j]];
            return survival[j] * problem.Kill(type, j);
        }
        for (var j = 0; j < n; j++)
            if (Best(j, out _) is var gain && gain > 0) queue.Enqueue(j, -gain);
        for (var step = 1; queue.TryDequeue(out var target, out var key); step++)
        {
            if ((step & 255) == 0 && deadline.Expired) break;
            var gain = Best(target, out var type);
            if (type < 0 || gain <= 0) continue;
            if (gain < -key)
            {
                queue.Enqueue(target, -gain);
                continue;
            }
            plan[type, target]++;
            remaining[type]--;
            survival[target] *= 1 - problem.Kill(type, target);
            var after = Best(target, out _);
            if (after > 0) queue.Enqueue(target, -after);
        }
        return plan;
    }
}
