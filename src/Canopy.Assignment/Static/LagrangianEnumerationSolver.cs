using System.Globalization;
using System.Text;

namespace Canopy.Assignment.Static;

/// <summary>
/// Exact static WTA. Relaxing the weapon counts with prices lambda_i splits the problem by target; subgradient
/// steps on lambda raise the Lagrangian lower bound L. Any plan better than the incumbent U (from iterated local
/// search) can only give target j an x_j whose Lagrangian cost is within U - L of that target's minimum, so every
/// such x_j is enumerated and CBC (the COIN-OR `cbc` binary) solves the resulting set-partitioning MILP exactly
/// (one column per target, weapon counts as packing rows, exact surviving values as costs). Every phase asks the
/// deadline: the start search takes at most 5% of the budget and <see cref="StartSeconds"/>, the prices at most 40% and
/// <see cref="SubgradientSeconds"/> (less when their bound stalls), the enumeration stops at the deadline, and CBC is killed there.
/// When not one round of prices fits in their share (a very large instance), the rest of the budget goes to the heuristic.
/// </summary>
public sealed class LagrangianEnumerationSolver(int seed = 1) : IStaticWtaSolver
{
    /// <summary>Most enumerated columns before the solver gives up on proving optimality and reports the bound.</summary>
    public int MaxColumns { get; init; } = 2_000_000;

    /// <summary>Longest the iterated local search may run for the first incumbent (it takes at most 5% of the budget).</summary>
    public double StartSeconds { get; init; } = 3;

    /// <summary>
    /// Longest the subgradient search for prices may run, whatever the budget (it also stops when its bound stalls):
    /// the rest of a long budget is better spent on enumeration and CBC.
    /// </summary>
    public double SubgradientSeconds { get; init; } = 30;

    /// <summary>The CBC executable, found on PATH by default.</summary>
    public string CbcPath { get; init; } = "cbc";

    /// <summary>Where the folder for CBC's model and solution files is made (and removed when the solver returns).</summary>
    public string TempRoot { get; init; } = Path.GetTempPath();

    /// <summary>The clock the budget is measured on.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <inheritdoc />
    public WtaSolution Solve(WtaProblem problem, TimeSpan budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var deadline = SolverDeadline.Start(Time, budget, cancellationToken);
        var start = new IteratedLocalSearchSolver(seed).Solve(problem, deadline.Share(0.05, TimeSpan.FromSeconds(StartSeconds)));
        var best = start.Plan;
        var upper = start.Objective;
        var sub = new TargetSubproblem(problem);
        var lambda = InitialPrices(problem, best);
        var (lower, bestLambda, minima) = Subgradient(problem, sub, lambda, upper, deadline.Share(0.4, TimeSpan.FromSeconds(SubgradientSeconds)));
        if (double.IsNegativeInfinity(lower) && !deadline.Expired)
        {
            // Not one round of per-target minima fitted in the prices' share (10^6 weapons: one target's minimum
            // alone can outlast it): no proof is within reach, so the rest of the budget goes to the heuristic.
            var rest = new IteratedLocalSearchSolver(seed).Solve(problem, deadline);
            if (rest.Objective < upper) (best, upper) = (rest.Plan, rest.Objective);
        }
        if (upper - lower <= 1e-9 * upper || double.IsNegativeInfinity(lower) || deadline.Expired)
            return new WtaSolution(best, upper, Math.Min(lower, upper), deadline.Elapsed);
        // Enumerate within U - L; when that is too many columns, within a smaller slack, growing it as U falls
        // (the restricted MILP is a proof once its slack covers U - L).
        var slack = upper - lower;
        var folder = Directory.CreateDirectory(Path.Combine(TempRoot, "canopy-cbc-" + Path.GetRandomFileName()));
        try
        {
            while (!deadline.Expired)
            {
                var complete = slack >= upper - lower;
                if (complete) slack = upper - lower + 1e-9 * upper;
                var columns = Enumerate(problem, sub, bestLambda, minima, slack, deadline);
                if (deadline.Expired) break;
                if (columns is null)
                {
                    if (slack < 1e-9 * upper) break;
                    slack /= 4;
                    continue;
                }
                var model = Path.Combine(folder.FullName, "model.lp");
                File.WriteAllText(model, SetPartitioningModel(problem, columns));
                if (deadline.Remaining.TotalSeconds < 1) break;
                var result = CbcProcess.Run(CbcPath, model, deadline, upper);
                if (result.Values is { } values && Decode(problem, columns, values) is { } plan && plan.Violation(problem) is null && problem.Objective(plan) < upper)
                {
                    best = plan;
                    upper = problem.Objective(plan);
                }
                var proved = result.Optimal || result.Infeasible;
                if (complete || (proved && slack >= upper - lower))
                {
                    lower = proved ? upper : Math.Max(lower, Math.Min(result.Bound, upper));
                    break;
                }
                if (!proved) break;
                slack = Math.Max(2 * slack, upper - lower);
            }
        }
        finally
        {
            DeleteQuietly(folder);
        }
        return new WtaSolution(best, upper, Math.Min(lower, upper), deadline.Elapsed);
    }

    /// <summary>Removes the model folder; a folder that cannot be removed must not turn a solved plan into a crash.</summary>
    private static void DeleteQuietly(DirectoryInfo folder)
    {
        try
        {
            folder.Delete(true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Every x_j within <paramref name="slack"/> of target j's Lagrangian minimum; null past <see cref="MaxColumns"/> (or <see cref="MaxColumnCells"/>) or at the deadline.</summary>
    private List<int[]>[]? Enumerate(WtaProblem problem, TargetSubproblem sub, double[] lambda, double[] minima, double slack, SolverDeadline deadline)
    {
        var columns = new List<int[]>[problem.Targets];
        var total = 0;
        var most = (int)Math.Min(MaxColumns, MaxColumnCells / problem.WeaponTypes);
        for (var j = 0; j < problem.Targets; j++)
        {
            columns[j] = [];
            if (!sub.Enumerate(j, lambda, minima[j] + slack, columns[j], most - total, deadline)) return null;
            total += columns[j].Count;
        }
        return columns;
    }

    private static WtaPlan Decode(WtaProblem problem, List<int[]>[] columns, IReadOnlyDictionary<string, double> values)
    {
        var plan = new WtaPlan(problem.WeaponTypes, problem.Targets);
        for (var j = 0; j < problem.Targets; j++)
            for (var k = 0; k < columns[j].Count; k++)
                if (values.TryGetValue(Name(j, k), out var y) && y > 0.5)
                    for (var i = 0; i < problem.WeaponTypes; i++) plan[i, j] += columns[j][k][i];
        return plan;
    }

    /// <summary>Starting prices: what removing one copy of each type from the incumbent would cost.</summary>
    private static double[] InitialPrices(WtaProblem problem, WtaPlan plan)
    {
        var s = new double[problem.Targets];
        for (var i = 0; i < problem.WeaponTypes; i++)
            for (var j = 0; j < problem.Targets; j++) s[j] += plan[i, j] * problem.LogSurvival(i, j);
        var lambda = new double[problem.WeaponTypes];
        for (var i = 0; i < problem.WeaponTypes; i++)
        {
            var price = double.PositiveInfinity;
            for (var j = 0; j < problem.Targets; j++)
                if (plan[i, j] > 0) price = Math.Min(price, problem.SurvivingValue(j, s[j]) * (Math.Exp(-problem.LogSurvival(i, j)) - 1));
            lambda[i] = double.IsFinite(price) ? price : 0;
        }
        return lambda;
    }

    /// <summary>Subgradient steps between two checks of progress.</summary>
    private const int Window = 50;

    /// <summary>Most ints the enumerated columns may hold (400 MB), whatever <see cref="MaxColumns"/> says.</summary>
    private const long MaxColumnCells = 100_000_000;

    /// <summary>
    /// Subgradient ascent on the Lagrangian dual with Polyak steps, until the bound proves the incumbent, stalls
    /// (see <see cref="Window"/>) or the deadline; returns the best bound, its prices and per-target minima.
    /// </summary>
    private static (double Lower, double[] Lambda, double[] Minima) Subgradient(WtaProblem problem, TargetSubproblem sub, double[] lambda, double upper, SolverDeadline deadline)
    {
        int m = problem.WeaponTypes, n = problem.Targets;
        var used = new int[m];
        var minima = new double[n];
        var bestMinima = new double[n];
        var bestLambda = (double[])lambda.Clone();
        var lower = double.NegativeInfinity;
        var theta = 2.0;
        var stall = 0;
        var checkpoint = double.NegativeInfinity;
        for (var iteration = 0; iteration < 3000 && !deadline.Expired && theta > 1e-5; iteration++)
        {
            // Stop when the last Window steps closed less than 1% of the gap left: how long the bound keeps rising
            // depends on the instance, not on the budget, so a longer limit does not delay the proof.
            if (iteration > 0 && iteration % Window == 0)
            {
                if (lower - checkpoint < 0.01 * (upper - lower)) break;
                checkpoint = lower;
            }
            Array.Clear(used);
            var bound = 0.0;
            for (var j = 0; j < n; j++)
            {
                minima[j] = sub.Minimise(j, lambda, problem.Values[j], deadline);
                if (sub.Stopped) return (lower, bestLambda, bestMinima); // a minimum cut short bounds nothing
                bound += minima[j];
                for (var i = 0; i < m; i++) used[i] += sub.Best[i];
            }
            for (var i = 0; i < m; i++) bound -= lambda[i] * problem.Counts[i];
            if (bound > lower + 1e-9 * Math.Abs(upper))
            {
                lower = bound;
                lambda.CopyTo(bestLambda, 0);
                minima.CopyTo(bestMinima, 0);
                stall = 0;
            }
            else if (++stall >= 20)
            {
                theta /= 2;
                stall = 0;
            }
            if (upper - lower <= 1e-9 * upper) break;
            if (!PriceStep.Take(lambda, problem.Counts, used, theta, upper - bound)) break;
        }
        return (lower, bestLambda, bestMinima);
    }

    private static string Name(int j, int k) => string.Create(CultureInfo.InvariantCulture, $"y{j}_{k}");

    /// <summary>Choose one column per target, weapon counts as packing rows, exact surviving values as costs.</summary>
    private static string SetPartitioningModel(WtaProblem problem, List<int[]>[] columns)
    {
        int m = problem.WeaponTypes, n = problem.Targets;
        var lp = new StringBuilder();
        var rows = new List<(int Column, int Count)>[m];
        for (var i = 0; i < m; i++) rows[i] = [];
        lp.Append("Minimize\n obj:");
        for (var j = 0; j < n; j++)
            for (var k = 0; k < columns[j].Count; k++)
            {
                var x = columns[j][k];
                double s = 0;
                for (var i = 0; i < m; i++) s += x[i] * problem.LogSurvival(i, j);
                lp.Append(CultureInfo.InvariantCulture, $" + {problem.SurvivingValue(j, s):R} {Name(j, k)}");
            }
        lp.Append("\nSubject To\n");
        for (var j = 0; j < n; j++)
        {
            lp.Append(CultureInfo.InvariantCulture, $" t{j}:");
            for (var k = 0; k < columns[j].Count; k++) lp.Append(CultureInfo.InvariantCulture, $" + {Name(j, k)}");
            lp.Append(" = 1\n");
        }
        for (var i = 0; i < m; i++)
        {
            var terms = new StringBuilder();
            for (var j = 0; j < n; j++)
                for (var k = 0; k < columns[j].Count; k++)
                    if (columns[j][k][i] > 0) terms.Append(CultureInfo.InvariantCulture, $" + {columns[j][k][i]} {Name(j, k)}");
            if (terms.Length > 0) lp.Append(CultureInfo.InvariantCulture, $" w{i}:{terms} <= {problem.Counts[i]}\n");
        }
        lp.Append("Binaries\n");
        for (var j = 0; j < n; j++)
            for (var k = 0; k < columns[j].Count; k++) lp.Append(' ').Append(Name(j, k)).Append('\n');
        lp.Append("End\n");
        return lp.ToString();
    }
}
