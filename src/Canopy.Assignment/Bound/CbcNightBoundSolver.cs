using System.Globalization;
using System.Text;
using Canopy.Assignment.Static;

namespace Canopy.Assignment.Bound;

/// <summary>
/// The most expected value any assigner could save in a <see cref="NightAssignmentProblem"/>, and the least spend for it,
/// by two mixed-integer solves with COIN-OR CBC (the same binary and LP plumbing as the exact static solver).
/// </summary>
/// <remarks>
/// Salvos per opportunity are integers n_k in [0, capacity]; a threat's kill probability y_i ≤ 1 - exp(L_i), with
/// L_i = Σ n_k ln(1 - Pk_k) its log-survival, linear in n. 1 - exp(L) is concave, so each tangent at a point L_j,
/// y_i ≤ 1 - exp(L_j)(1 - L_j) - exp(L_j) L_i, lies above it: the solve can only overstate y, so its optimum is an upper
/// bound on the true one, and equals it whenever every threat's log-survival at the optimum is a tangent point. Tangents
/// are placed at every sum of up to <see cref="TangentShots"/> salvos of a threat's distinct kill probabilities (so the
/// bound is exact for plans that fire at most that many salvos at any one threat) and at every multiple of each down to
/// a survival of 1e-4. Each solve stops at a gap of <see cref="RelativeGap"/>; the bound reported is CBC's proven one. Magazines are rows; reloads are rows
/// over intervals (<see cref="NightAssignmentProblem.ReloadIntervals"/>), a relaxation, so the bound stays an upper bound.
/// The second solve minimises the spend among plans that reach the first solve's best value.
/// </remarks>
public sealed class CbcNightBoundSolver
{
    /// <summary>Salvos per threat up to which the tangents make the linearisation exact.</summary>
    public const int TangentShots = 3;

    /// <summary>Gap, relative to the value at risk (first solve) or to the greatest spend (second), at which a solve stops.</summary>
    public const double RelativeGap = 1e-5;

    /// <summary>Log-survival below which no tangent is placed (a threat is then killed with probability 1 - 1e-4 or more).</summary>
    private static readonly double DeepestTangent = Math.Log(1e-4);

    /// <summary>The CBC binary (on PATH by default).</summary>
    public string CbcPath { get; init; } = "cbc";

    /// <summary>Whether to make the second solve (least spend for the best value); without it the spend is the first plan's.</summary>
    public bool LeastSpend { get; init; } = true;

    /// <summary>Wall time per solve; when it runs out the bound CBC has proved is reported.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long CBC may take past the time limit to stop and report the bound it proved, before it is killed.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(30);

    /// <summary>The clock the time limit is measured on.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public NightBound Solve(NightAssignmentProblem problem, CancellationToken cancellationToken = default)
    {
        var useful = Enumerable.Range(0, problem.Opportunities.Count)
            .Where(k => problem.ThreatValues[problem.Opportunities[k].Threat] > 0 && problem.Opportunities[k].KillProbability > 0)
            .ToList();
        var salvos = new int[problem.Opportunities.Count];
        if (useful.Count == 0) return new NightBound(0, 0, 0, true, salvos);

        var folder = Directory.CreateTempSubdirectory("canopy-bound-");
        try
        {
            var model = Path.Combine(folder.FullName, "value.lp");
            File.WriteAllText(model, Model(problem, useful, minimumValue: null));
            // CBC stops at an absolute gap of 1e-9 x cutoff; a cutoff no plan can reach (the objective is -value <= 0)
            // sets that gap to RelativeGap of the value at risk.
            var atRisk = problem.ThreatValues.Sum();
            var first = CbcProcess.Run(CbcPath, model, SolverDeadline.Start(Time, TimeLimit, cancellationToken), RelativeGap * 1e9 * atRisk, StopGrace);
            if (first.Values is null)
                return new NightBound(Math.Min(-first.Bound, problem.ThreatValues.Sum()), 0, 0, false, salvos);
            var modelValue = ModelValue(problem, first.Values);
            // Optimal means within the allowed gap, which is added; otherwise CBC's proven bound, or failing that the value at risk.
            var upper = first.Optimal ? modelValue + RelativeGap * atRisk
                : double.IsFinite(first.Bound) ? Math.Max(modelValue, -first.Bound)
                : atRisk;
            upper = Math.Min(upper, atRisk);
            Read(first.Values, useful, salvos);

            if (!LeastSpend)
                return new NightBound(upper, problem.ExpectedValueSaved(salvos), problem.Spend(salvos), first.Optimal, salvos);
            var spendModel = Path.Combine(folder.FullName, "spend.lp");
            File.WriteAllText(spendModel, Model(problem, useful, minimumValue: modelValue * (1 - 1e-7)));
            var ceiling = (useful.Sum(k => problem.Opportunities[k].Cost * problem.Capacity(k)) + 1) * RelativeGap * 1e9;
            var second = CbcProcess.Run(CbcPath, spendModel, SolverDeadline.Start(Time, TimeLimit, cancellationToken), ceiling, StopGrace);
            var cheaper = (int[])salvos.Clone();
            if (second.Values is not null)
            {
                Read(second.Values, useful, cheaper);
                if (problem.Spend(cheaper) <= problem.Spend(salvos)) salvos = cheaper;
            }
            return new NightBound(upper, problem.ExpectedValueSaved(salvos), problem.Spend(salvos), first.Optimal, salvos)
            {
                SpendProven = second.Optimal,
            };
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static void Read(IReadOnlyDictionary<string, double> values, List<int> useful, int[] salvos)
    {
        Array.Clear(salvos);
        foreach (var k in useful)
            salvos[k] = values.TryGetValue(N(k), out var v) ? (int)Math.Round(v) : 0;
    }

    /// <summary>Σ value x y as the model counts it (tangent-capped).</summary>
    private static double ModelValue(NightAssignmentProblem problem, IReadOnlyDictionary<string, double> values)
    {
        var sum = 0.0;
        for (var i = 0; i < problem.ThreatValues.Count; i++)
            sum += problem.ThreatValues[i] * values.GetValueOrDefault(Y(i));
        return sum;
    }

    private static string N(int k) => string.Create(CultureInfo.InvariantCulture, $"n{k}");
    private static string Y(int i) => string.Create(CultureInfo.InvariantCulture, $"y{i}");
    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Log of a salvo's survival, kept finite for a sure kill.</summary>
    private static double LogSurvival(double pk) => Math.Log(Math.Max(1e-9, 1 - pk));

    /// <summary>
    /// Maximise Σ value x y (written as minimising its negative), or, given <paramref name="minimumValue"/>, minimise the
    /// spend among plans worth at least that.
    /// </summary>
    private static string Model(NightAssignmentProblem problem, List<int> useful, double? minimumValue)
    {
        var byThreat = useful.GroupBy(k => problem.Opportunities[k].Threat).OrderBy(g => g.Key).ToList();
        var lp = new StringBuilder();
        lp.Append("Minimize\n obj:");
        if (minimumValue is null)
            foreach (var g in byThreat) lp.Append(" - ").Append(F(problem.ThreatValues[g.Key])).Append(' ').Append(Y(g.Key));
        else
            foreach (var k in useful) lp.Append(" + ").Append(F(problem.Opportunities[k].Cost)).Append(' ').Append(N(k));
        lp.Append("\nSubject To\n");
        var row = 0;
        foreach (var g in byThreat)
        {
            foreach (var point in TangentPoints(g.Select(k => LogSurvival(problem.Opportunities[k].KillProbability))))
            {
                var slope = Math.Exp(point);
                lp.Append(CultureInfo.InvariantCulture, $" c{row++}: {Y(g.Key)}");
                foreach (var k in g)
                    lp.Append(" - ").Append(F(-slope * LogSurvival(problem.Opportunities[k].KillProbability))).Append(' ').Append(N(k));
                lp.Append(" <= ").Append(F(1 - slope * (1 - point))).Append('\n');
            }
        }
        for (var u = 0; u < problem.Units.Count; u++)
        {
            var of = useful.Where(k => problem.Opportunities[k].Unit == u).ToList();
            if (of.Sum(problem.Capacity) <= problem.Units[u].Salvos) continue;
            lp.Append(CultureInfo.InvariantCulture, $" m{u}:");
            foreach (var k in of) lp.Append(" + ").Append(N(k));
            lp.Append(" <= ").Append(problem.Units[u].Salvos).Append('\n');
        }
        foreach (var (unit, start, end, limit) in problem.ReloadIntervals())
        {
            var inside = useful.Where(k => problem.Inside(k, unit, start, end)).ToList();
            if (inside.Sum(problem.Capacity) <= limit) continue;
            lp.Append(CultureInfo.InvariantCulture, $" r{row++}:");
            foreach (var k in inside) lp.Append(" + ").Append(N(k));
            lp.Append(" <= ").Append(limit).Append('\n');
        }
        if (minimumValue is { } least)
        {
            lp.Append(" value:");
            foreach (var g in byThreat) lp.Append(" + ").Append(F(problem.ThreatValues[g.Key])).Append(' ').Append(Y(g.Key));
            lp.Append(" >= ").Append(F(least)).Append('\n');
        }
        lp.Append("Bounds\n");
        foreach (var k in useful) lp.Append(CultureInfo.InvariantCulture, $" 0 <= {N(k)} <= {problem.Capacity(k)}\n");
        foreach (var g in byThreat) lp.Append(CultureInfo.InvariantCulture, $" 0 <= {Y(g.Key)} <= 1\n");
        lp.Append("Generals\n");
        foreach (var k in useful) lp.Append(' ').Append(N(k)).Append('\n');
        lp.Append("End\n");
        return lp.ToString();
    }

    /// <summary>0 and every sum of 1 to <see cref="TangentShots"/> of the distinct log-survivals (with repetition).</summary>
    internal static IEnumerable<double> TangentPoints(IEnumerable<double> logSurvivals)
    {
        var distinct = logSurvivals.Select(l => Math.Round(l, 12)).Distinct().ToArray();
        var points = new HashSet<double> { 0 };
        var frontier = new List<double> { 0 };
        for (var shots = 1; shots <= TangentShots; shots++)
        {
            var next = new List<double>();
            foreach (var sum in frontier)
                foreach (var l in distinct)
                {
                    var s = Math.Round(sum + l, 12);
                    if (points.Add(s)) next.Add(s);
                }
            frontier = next;
        }
        foreach (var l in distinct)
            for (var m = TangentShots + 1; l < 0 && m * l >= DeepestTangent; m++)
                points.Add(Math.Round(m * l, 12));
        return points.Order();
    }
}

/// <summary>What <see cref="CbcNightBoundSolver"/> found.</summary>
/// <param name="UpperBound">No plan saves more expected value (value units).</param>
/// <param name="PlanValue">Expected value the best plan found saves (exact product form): a lower bound.</param>
/// <param name="Spend">What that plan costs: the least spend found for its value.</param>
/// <param name="Proven">The value solve finished within its gap (so the bound is the optimum, to the gap, when the tangents are exact).</param>
/// <param name="Salvos">The plan: salvos per opportunity.</param>
public sealed record NightBound(double UpperBound, double PlanValue, double Spend, bool Proven, IReadOnlyList<int> Salvos)
{
    /// <summary>The spend solve finished: no plan worth the best value costs less.</summary>
    public bool SpendProven { get; init; }
}
