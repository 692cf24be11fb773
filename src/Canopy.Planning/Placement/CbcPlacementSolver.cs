using System.Globalization;
using System.Text;
using Canopy.Assignment.Static;

namespace Canopy.Planning.Placement;

/// <summary>
/// Solves a <see cref="PlacementProblem"/> exactly (to a relative gap of <see cref="RelativeGap"/>) as a mixed-integer
/// program with COIN-OR CBC, through the repository's deadline-aware <see cref="CbcProcess"/>. The same model with every
/// site fixed (<see cref="Evaluate"/>) values any given placement, e.g. the greedy baseline's or a shipped scenario's.
/// </summary>
public sealed class CbcPlacementSolver : IPlacementSolver
{
    /// <summary>Gap, relative to the value at risk, at which CBC stops.</summary>
    public const double RelativeGap = 1e-6;

    public string CbcPath { get; init; } = "cbc";

    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(60);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public Placement Solve(PlacementProblem problem, CancellationToken cancellationToken = default) =>
        Run(problem, fixedKinds: null, cancellationToken);

    /// <summary>The model's expected protected value of a given placement (kind per site, -1 for none).</summary>
    public double Evaluate(PlacementProblem problem, IReadOnlyList<int> kindAtSite, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(kindAtSite);
        if (kindAtSite.Count != problem.Sites.Count) throw new ArgumentException("one kind per site", nameof(kindAtSite));
        return Run(problem, kindAtSite, cancellationToken).ProtectedValue;
    }

    private Placement Run(PlacementProblem problem, IReadOnlyList<int>? fixedKinds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var empty = Enumerable.Repeat(-1, problem.Sites.Count).ToArray();
        var atRisk = problem.ValueAtRisk;
        if (atRisk <= 0) return new Placement(fixedKinds ?? empty, 0, true);
        var folder = Directory.CreateTempSubdirectory("canopy-placement-");
        try
        {
            var model = Path.Combine(folder.FullName, "placement.lp");
            File.WriteAllText(model, Model(problem, fixedKinds));
            var result = CbcProcess.Run(CbcPath, model, SolverDeadline.Start(Time, TimeLimit, cancellationToken), 1e9 * RelativeGap * atRisk, TimeSpan.FromSeconds(10));
            if (result.Infeasible) throw new InvalidOperationException("the placement model is infeasible (a fixed placement breaks a count, distance or budget)");
            if (result.Values is null) return new Placement(fixedKinds ?? empty, 0, false);
            var kinds = fixedKinds?.ToArray() ?? empty;
            if (fixedKinds is null)
                foreach (var (name, v) in result.Values)
                    if (name.StartsWith('x') && v > 0.5)
                    {
                        var parts = name[1..].Split('_');
                        kinds[int.Parse(parts[1], CultureInfo.InvariantCulture)] = int.Parse(parts[0], CultureInfo.InvariantCulture);
                    }
            var value = 0.0;
            for (var j = 0; j < problem.Corridors.Count; j++)
                value += problem.Corridors[j].ValuePerThreat * result.Values.GetValueOrDefault(K(j));
            return new Placement(kinds, value, result.Optimal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string X(int t, int s) => string.Create(CultureInfo.InvariantCulture, $"x{t}_{s}");
    private static string A(int t, int s, int j) => string.Create(CultureInfo.InvariantCulture, $"a{t}_{s}_{j}");
    private static string K(int j) => string.Create(CultureInfo.InvariantCulture, $"k{j}");
    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The LP-format model; with <paramref name="fixedKinds"/> every x is fixed by its bounds.</summary>
    internal static string Model(PlacementProblem problem, IReadOnlyList<int>? fixedKinds)
    {
        var (kinds, sites, corridors) = (problem.Kinds.Count, problem.Sites.Count, problem.Corridors.Count);
        var useful = new List<(int T, int S)>();
        for (var t = 0; t < kinds; t++)
            for (var s = 0; s < sites; s++)
                if (fixedKinds is null ? problem.Useful(t, s) : fixedKinds[s] == t)
                    useful.Add((t, s));
        bool Engages(int t, int s, int j) =>
            problem.Exposure[t, s, j] > 0 && problem.SalvoKill[t, j] > 0 && problem.Corridors[j].ValuePerThreat > 0;

        var lp = new StringBuilder("\\ Canopy placement model\nMinimize\n obj:");
        for (var j = 0; j < corridors; j++)
            if (problem.Corridors[j].ValuePerThreat > 0)
                lp.Append(" - ").Append(F(problem.Corridors[j].ValuePerThreat)).Append(' ').Append(K(j));
        lp.Append("\nSubject To\n");
        for (var j = 0; j < corridors; j++)
        {
            if (problem.Corridors[j].ValuePerThreat <= 0) continue;
            lp.Append(CultureInfo.InvariantCulture, $" kill{j}: {K(j)}");
            foreach (var (t, s) in useful)
                if (Engages(t, s, j)) lp.Append(" - ").Append(F(problem.SalvoKill[t, j])).Append(' ').Append(A(t, s, j));
            lp.Append(" <= 0\n");
        }
        foreach (var (t, s) in useful)
        {
            var any = false;
            for (var j = 0; j < corridors; j++)
            {
                if (!Engages(t, s, j)) continue;
                any = true;
                var reach = problem.Exposure[t, s, j] * problem.Corridors[j].Threats;
                lp.Append(CultureInfo.InvariantCulture, $" reach{t}_{s}_{j}: {A(t, s, j)} - {F(reach)} {X(t, s)} <= 0\n");
            }
            if (!any) continue;
            lp.Append(CultureInfo.InvariantCulture, $" mag{t}_{s}:");
            for (var j = 0; j < corridors; j++)
                if (Engages(t, s, j)) lp.Append(" + ").Append(A(t, s, j));
            lp.Append(CultureInfo.InvariantCulture, $" - {problem.Kinds[t].Salvos} {X(t, s)} <= 0\n");
        }
        if (fixedKinds is null)
        {
            for (var s = 0; s < sites; s++)
            {
                var at = useful.Where(u => u.S == s).ToList();
                if (at.Count < 2) continue;
                lp.Append(CultureInfo.InvariantCulture, $" site{s}:");
                foreach (var (t, _) in at) lp.Append(" + ").Append(X(t, s));
                lp.Append(" <= 1\n");
            }
            var c = 0;
            foreach (var (a, b) in problem.Conflicts)
            {
                var pair = useful.Where(u => u.S == a || u.S == b).ToList();
                if (!pair.Any(u => u.S == a) || !pair.Any(u => u.S == b)) continue;
                lp.Append(CultureInfo.InvariantCulture, $" near{c++}:");
                foreach (var (t, s) in pair) lp.Append(" + ").Append(X(t, s));
                lp.Append(" <= 1\n");
            }
            for (var t = 0; t < kinds; t++)
            {
                var of = useful.Where(u => u.T == t).ToList();
                if (problem.Kinds[t].Count is not { } n || of.Count <= n) continue;
                lp.Append(CultureInfo.InvariantCulture, $" count{t}:");
                foreach (var (_, s) in of) lp.Append(" + ").Append(X(t, s));
                lp.Append(CultureInfo.InvariantCulture, $" <= {n}\n");
            }
            if (problem.Budget is { } budget && useful.Count > 0)
            {
                lp.Append(" budget:");
                foreach (var (t, s) in useful) lp.Append(" + ").Append(F(problem.Kinds[t].UnitCost)).Append(' ').Append(X(t, s));
                lp.Append(" <= ").Append(F(budget)).Append('\n');
            }
        }
        lp.Append("Bounds\n");
        for (var j = 0; j < corridors; j++)
            if (problem.Corridors[j].ValuePerThreat > 0)
                lp.Append(CultureInfo.InvariantCulture, $" 0 <= {K(j)} <= {F(problem.Corridors[j].Threats)}\n");
        foreach (var (t, s) in useful)
            lp.Append(fixedKinds is null ? $" 0 <= {X(t, s)} <= 1\n" : $" {X(t, s)} = 1\n");
        if (fixedKinds is null && useful.Count > 0)
        {
            lp.Append("Binaries\n");
            foreach (var (t, s) in useful) lp.Append(' ').Append(X(t, s)).Append('\n');
        }
        lp.Append("End\n");
        return lp.ToString();
    }
}
