using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Canopy.Assignment.Static;

/// <summary>
/// Exact static WTA by outer approximation. With s_j = sum_i q_ij x_ij the objective sum_j V_j exp(s_j) is convex
/// in s, so tangents z_j >= V_j e^a (1 + s_j - a) under-estimate it and the MILP min sum_j z_j over them is a lower
/// bound. CBC (the COIN-OR `cbc` binary) solves that MILP; the tangents at its solution are added and it is solved
/// again until the true objective of the best plan meets the bound within <see cref="RelativeGap"/>. An iterated
/// local search supplies the first incumbent, whose objective is passed to CBC as a cutoff.
/// </summary>
public sealed class OuterApproximationCbcSolver(int seed = 1) : IStaticWtaSolver
{
    private static readonly double[] GridSurvivals = [1, 0.6, 0.35, 0.2, 0.1, 0.05, 0.02, 0.005];

    /// <summary>Optimality tolerance on (objective - bound) / objective.</summary>
    public double RelativeGap { get; init; } = 1e-5;

    /// <summary>Share of the budget (at most 10 s) given to the heuristic that finds the first incumbent.</summary>
    public double HeuristicShare { get; init; } = 0.05;

    /// <summary>The CBC executable, found on PATH by default.</summary>
    public string CbcPath { get; init; } = "cbc";

    /// <inheritdoc />
    public WtaSolution Solve(WtaProblem problem, TimeSpan budget, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var clock = Stopwatch.StartNew();
        var heuristicBudget = TimeSpan.FromSeconds(Math.Min(10, budget.TotalSeconds * HeuristicShare));
        var start = new IteratedLocalSearchSolver(seed).Solve(problem, heuristicBudget, cancellationToken);
        var best = start.Plan;
        var upper = start.Objective;
        var lower = double.NegativeInfinity;
        var tangents = new List<double>[problem.Targets];
        var log = LogSurvivals(problem, best);
        for (var j = 0; j < problem.Targets; j++)
        {
            tangents[j] = [.. GridSurvivals.Select(p => Math.Log(p)).Where(a => a >= MinLogSurvival(problem, j))];
            tangents[j].Add(log[j]);
        }
        var folder = Directory.CreateTempSubdirectory("canopy-wta-");
        try
        {
            while (!cancellationToken.IsCancellationRequested && upper - lower > RelativeGap * upper)
            {
                var left = budget - clock.Elapsed;
                if (left.TotalSeconds < 0.5) break;
                var model = Path.Combine(folder.FullName, "model.lp");
                File.WriteAllText(model, Model(problem, tangents));
                var result = RunCbc(model, Path.Combine(folder.FullName, "solution.txt"), left, upper, problem, cancellationToken);
                if (result.Infeasible)
                {
                    lower = upper;
                    break;
                }
                lower = Math.Max(lower, Math.Min(result.Bound, upper));
                if (result.Plan is null) break;
                var objective = problem.Objective(result.Plan);
                if (objective < upper)
                {
                    upper = objective;
                    best = result.Plan;
                }
                var s = LogSurvivals(problem, result.Plan);
                var added = 0;
                for (var j = 0; j < problem.Targets; j++)
                {
                    if (tangents[j].Contains(s[j])) continue;
                    tangents[j].Add(s[j]);
                    added++;
                }
                if (added == 0 && !result.Optimal) break;
                if (added == 0) lower = Math.Max(lower, Math.Min(objective, upper));
            }
        }
        finally
        {
            folder.Delete(true);
        }
        return new WtaSolution(best, problem.Objective(best), Math.Min(lower, upper), clock.Elapsed);
    }

    private static double MinLogSurvival(WtaProblem problem, int j)
    {
        double s = 0;
        for (var i = 0; i < problem.WeaponTypes; i++) s += problem.Counts[i] * problem.LogSurvival(i, j);
        return s;
    }

    private static double[] LogSurvivals(WtaProblem problem, WtaPlan plan)
    {
        var s = new double[problem.Targets];
        for (var i = 0; i < problem.WeaponTypes; i++)
            for (var j = 0; j < problem.Targets; j++)
                if (plan[i, j] != 0) s[j] += plan[i, j] * problem.LogSurvival(i, j);
        return s;
    }

    /// <summary>The MILP in CPLEX LP format: x_i_j integer shots, s_j log survival, z_j surviving value.</summary>
    private static string Model(WtaProblem problem, List<double>[] tangents)
    {
        int m = problem.WeaponTypes, n = problem.Targets;
        var lp = new StringBuilder(64 * m * n);
        void Line(FormattableString text) => lp.Append(text.ToString(CultureInfo.InvariantCulture)).Append('\n');
        lp.Append("Minimize\n obj:");
        for (var j = 0; j < n; j++) lp.Append(CultureInfo.InvariantCulture, $" + z{j}");
        lp.Append("\nSubject To\n");
        for (var i = 0; i < m; i++)
        {
            lp.Append(CultureInfo.InvariantCulture, $" w{i}:");
            for (var j = 0; j < n; j++) lp.Append(CultureInfo.InvariantCulture, $" + x{i}_{j}");
            Line($" <= {problem.Counts[i]}");
        }
        for (var j = 0; j < n; j++)
        {
            lp.Append(CultureInfo.InvariantCulture, $" s{j}: s{j}");
            for (var i = 0; i < m; i++) lp.Append(CultureInfo.InvariantCulture, $" + {-problem.LogSurvival(i, j):R} x{i}_{j}");
            lp.Append(" = 0\n");
            for (var k = 0; k < tangents[j].Count; k++)
            {
                var a = tangents[j][k];
                var slope = problem.SurvivingValue(j, a);
                Line($" t{j}_{k}: z{j} - {slope:R} s{j} >= {slope * (1 - a):R}");
            }
        }
        lp.Append("Bounds\n");
        for (var j = 0; j < n; j++) Line($" {MinLogSurvival(problem, j):R} <= s{j} <= 0");
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++) Line($" x{i}_{j} <= {problem.Counts[i]}");
        lp.Append("Generals\n");
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++) Line($" x{i}_{j}");
        lp.Append("End\n");
        return lp.ToString();
    }

    private sealed record CbcResult(WtaPlan? Plan, double Bound, bool Optimal, bool Infeasible);

    private CbcResult RunCbc(string model, string solution, TimeSpan left, double cutoff, WtaProblem problem, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(CbcPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])[model, "-timeMode", "elapsed", "-sec", F(Math.Max(1, left.TotalSeconds - 0.2)), "-ratioGap", F(RelativeGap / 10), "-cutoff", F(cutoff), "-solve", "-solution", solution])
            info.ArgumentList.Add(arg);
        if (File.Exists(solution)) File.Delete(solution);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {CbcPath}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"the exact solver needs the COIN-OR CBC binary `{CbcPath}` (apt-get install coinor-cbc): {e.Message}", e);
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            using (cancellationToken.Register(() => process.Kill(true)))
                process.WaitForExit();
            return Parse(output.Result, solution, problem);
        }
    }

    private static CbcResult Parse(string output, string solution, WtaProblem problem)
    {
        var result = output.Split('\n').FirstOrDefault(l => l.StartsWith("Result - ", StringComparison.Ordinal)) ?? "";
        if (result.Contains("infeasible", StringComparison.OrdinalIgnoreCase)) return new CbcResult(null, double.PositiveInfinity, true, true);
        var optimal = result.Contains("Optimal solution found", StringComparison.Ordinal);
        var bound = double.NegativeInfinity;
        var boundLine = output.Split('\n').FirstOrDefault(l => l.StartsWith("Lower bound:", StringComparison.Ordinal));
        if (boundLine is not null && double.TryParse(boundLine["Lower bound:".Length..].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var b)) bound = b;
        if (!File.Exists(solution)) return new CbcResult(null, bound, optimal, false);
        var lines = File.ReadAllLines(solution);
        if (lines.Length == 0 || lines[0].StartsWith("Infeasible", StringComparison.Ordinal) || lines[0].Contains("no integer solution", StringComparison.OrdinalIgnoreCase))
            return new CbcResult(null, bound, optimal, optimal);
        var plan = new WtaPlan(problem.WeaponTypes, problem.Targets);
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 3 || f[1][0] != 'x') continue;
            var name = f[1].AsSpan(1);
            var cut = name.IndexOf('_');
            var i = int.Parse(name[..cut], CultureInfo.InvariantCulture);
            var j = int.Parse(name[(cut + 1)..], CultureInfo.InvariantCulture);
            plan[i, j] = (int)Math.Round(double.Parse(f[2], CultureInfo.InvariantCulture));
        }
        return new CbcResult(plan, bound, optimal, false);
    }

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
