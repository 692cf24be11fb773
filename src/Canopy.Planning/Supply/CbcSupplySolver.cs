using System.Globalization;
using System.Text;
using Canopy.Assignment.Static;

namespace Canopy.Planning.Supply;

/// <summary>
/// Monthly production orders per line by a mixed-integer program solved with COIN-OR CBC.
/// </summary>
/// <remarks>
/// Orders q[l,m] (whole rounds, at most the line's ramped capacity, paid in the month ordered within the partner's
/// monthly budget) are delivered L_l months later. Stock balance per type and month: s[m] = s[m-1] + deliveries - demand
/// + short[m], s ≥ 0; s[m] + below[m] ≥ safety. Minimise Σ cost x q + <see cref="SafetyPenalty"/> x below + (2 x
/// <see cref="SafetyPenalty"/> + shortfall damage) x short: a round missing weighs more than a round below safety (so
/// short never props up the safety stock), which weighs more than any purchase, and among equal shortfalls the expected
/// damage decides which type goes short. The safety stock holds whenever it can. When it cannot, a second solve without shortfall finds the least
/// extra (in this order of preference) monthly budget per partner, capacity per line, and stock on hand at the start
/// that would make the plan hold; those slacks are the fixes reported.
/// </remarks>
public sealed class CbcSupplySolver
{
    /// <summary>Cost, per round and month below safety stock, that makes keeping the safety stock come first.</summary>
    public const double SafetyPenalty = 1e9;

    /// <summary>Weights of the fix solve: a dollar of extra budget, a round of extra capacity (times its unit cost), a round of extra stock on hand.</summary>
    private const double CapacityWeight = 10, StockWeight = 1e6;

    public string CbcPath { get; init; } = "cbc";

    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(60);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public SupplyResult Solve(SupplyPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        plan.Validate();
        var folder = Directory.CreateTempSubdirectory("canopy-supply-");
        try
        {
            var main = Run(folder, "plan.lp", Model(plan, fix: false), plan, cancellationToken);
            if (main.Values is null) return new SupplyResult(false, false, new double[plan.Lines.Count, plan.Months], [], 0, 0, [], false);
            var (orders, months, cost, damage) = Read(plan, main.Values);
            var result = new SupplyResult(true, main.Optimal, orders, months, cost, damage, [], true);
            if (result.Feasible) return result;
            var fix = Run(folder, "fix.lp", Model(plan, fix: true), plan, cancellationToken);
            return fix.Values is null ? result with { FixFound = false } : result with { Fixes = Fixes(plan, fix.Values) };
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private CbcProcess.Result Run(DirectoryInfo folder, string name, string model, SupplyPlan plan, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder.FullName, name);
        File.WriteAllText(path, model);
        // A cutoff no plan reaches: the largest objective any plan could have, so CBC's absolute gap is tiny against it.
        var ceiling = 1 + plan.Lines.Sum(l => l.UnitCost * l.MonthlyCapacity * plan.Months)
                        + plan.Types.Select((t, i) => (t.ShortfallCost + 3 * SafetyPenalty) * (Enumerable.Range(1, plan.Months).Sum(m => plan.Demand(i, m)) + t.SafetyStock) * plan.Months).Sum();
        return CbcProcess.Run(CbcPath, path, SolverDeadline.Start(Time, TimeLimit, cancellationToken), ceiling * 1e3, TimeSpan.FromSeconds(10));
    }

    private static string Q(int l, int m) => string.Create(CultureInfo.InvariantCulture, $"q{l}_{m}");
    private static string S(int i, int m) => string.Create(CultureInfo.InvariantCulture, $"s{i}_{m}");
    private static string U(int i, int m) => string.Create(CultureInfo.InvariantCulture, $"u{i}_{m}");
    private static string V(int i, int m) => string.Create(CultureInfo.InvariantCulture, $"v{i}_{m}");
    private static string Eb(int p, int m) => string.Create(CultureInfo.InvariantCulture, $"eb{p}_{m}");
    private static string Ec(int l, int m) => string.Create(CultureInfo.InvariantCulture, $"ec{l}_{m}");
    private static string Es(int i) => string.Create(CultureInfo.InvariantCulture, $"es{i}");
    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Orders of line l in month m are useful when they arrive within the horizon.</summary>
    private static bool Useful(SupplyPlan plan, int l, int m) => m + plan.Lines[l].LeadTimeMonths <= plan.Months && plan.Lines[l].Capacity(m) > 0;

    internal static string Model(SupplyPlan plan, bool fix)
    {
        var (types, lines, months) = (plan.Types.Count, plan.Lines.Count, plan.Months);
        var lp = new StringBuilder("\\ Canopy supply model\nMinimize\n obj:");
        for (var l = 0; l < lines; l++)
            for (var m = 1; m <= months; m++)
                if (Useful(plan, l, m)) lp.Append(" + ").Append(F(plan.Lines[l].UnitCost)).Append(' ').Append(Q(l, m));
        if (!fix)
        {
            for (var i = 0; i < types; i++)
                for (var m = 1; m <= months; m++)
                    lp.Append(" + ").Append(F(2 * SafetyPenalty + plan.Types[i].ShortfallCost)).Append(' ').Append(U(i, m))
                      .Append(" + ").Append(F(SafetyPenalty)).Append(' ').Append(V(i, m));
        }
        else
        {
            for (var p = 0; p < plan.Partners.Count; p++)
                for (var m = 1; m <= months; m++) lp.Append(" + 1 ").Append(Eb(p, m));
            for (var l = 0; l < lines; l++)
                for (var m = 1; m <= months; m++)
                    if (m + plan.Lines[l].LeadTimeMonths <= months)
                        lp.Append(" + ").Append(F(CapacityWeight * Math.Max(1, plan.Lines[l].UnitCost))).Append(' ').Append(Ec(l, m));
            for (var i = 0; i < types; i++) lp.Append(" + ").Append(F(StockWeight * (1 + plan.Lines.Select(l => l.UnitCost).DefaultIfEmpty(0).Max()))).Append(' ').Append(Es(i));
        }
        lp.Append("\nSubject To\n");
        for (var i = 0; i < types; i++)
            for (var m = 1; m <= months; m++)
            {
                // s[m] - s[m-1] - deliveries (- short) = -demand, s[0] the stock on hand (plus, in the fix solve, extra stock).
                lp.Append(CultureInfo.InvariantCulture, $" bal{i}_{m}: {S(i, m)}");
                if (m > 1) lp.Append(" - ").Append(S(i, m - 1));
                else if (fix) lp.Append(" - ").Append(Es(i));
                for (var l = 0; l < lines; l++)
                {
                    var ordered = m - plan.Lines[l].LeadTimeMonths;
                    if (plan.Lines[l].Type == i && ordered >= 1 && Useful(plan, l, ordered)) lp.Append(" - ").Append(Q(l, ordered));
                    if (fix && plan.Lines[l].Type == i && ordered >= 1) lp.Append(" - ").Append(Ec(l, ordered));
                }
                if (!fix) lp.Append(" - ").Append(U(i, m));
                var rhs = -plan.Demand(i, m) + (m == 1 ? plan.Types[i].Stock : 0);
                lp.Append(" = ").Append(F(rhs)).Append('\n');
                lp.Append(CultureInfo.InvariantCulture, $" safe{i}_{m}: {S(i, m)}");
                if (!fix) lp.Append(" + ").Append(V(i, m));
                lp.Append(" >= ").Append(F(plan.Types[i].SafetyStock)).Append('\n');
            }
        for (var p = 0; p < plan.Partners.Count; p++)
            for (var m = 1; m <= months; m++)
            {
                var of = Enumerable.Range(0, lines).Where(l => plan.Lines[l].Partner == p && Useful(plan, l, m)).ToList();
                if (of.Count == 0) continue;
                lp.Append(CultureInfo.InvariantCulture, $" budget{p}_{m}:");
                foreach (var l in of) lp.Append(" + ").Append(F(plan.Lines[l].UnitCost)).Append(' ').Append(Q(l, m));
                if (fix) lp.Append(" - ").Append(Eb(p, m));
                lp.Append(" <= ").Append(F(plan.Partners[p].MonthlyBudget)).Append('\n');
            }
        lp.Append("Bounds\n");
        for (var l = 0; l < lines; l++)
            for (var m = 1; m <= months; m++)
                if (Useful(plan, l, m)) lp.Append(CultureInfo.InvariantCulture, $" 0 <= {Q(l, m)} <= {F(Math.Floor(plan.Lines[l].Capacity(m) + 1e-9))}\n");
        var general = Enumerable.Range(0, lines).SelectMany(l => Enumerable.Range(1, months).Where(m => Useful(plan, l, m)).Select(m => Q(l, m))).ToList();
        if (general.Count > 0)
        {
            lp.Append("Generals\n");
            foreach (var q in general) lp.Append(' ').Append(q).Append('\n');
        }
        lp.Append("End\n");
        return lp.ToString();
    }

    private static (double[,] Orders, List<TypeMonth> Months, double Cost, double Damage) Read(SupplyPlan plan, IReadOnlyDictionary<string, double> x)
    {
        var orders = new double[plan.Lines.Count, plan.Months];
        double cost = 0, damage = 0;
        for (var l = 0; l < plan.Lines.Count; l++)
            for (var m = 1; m <= plan.Months; m++)
            {
                orders[l, m - 1] = Math.Round(x.GetValueOrDefault(Q(l, m)));
                cost += orders[l, m - 1] * plan.Lines[l].UnitCost;
            }
        var months = new List<TypeMonth>();
        for (var i = 0; i < plan.Types.Count; i++)
            for (var m = 1; m <= plan.Months; m++)
            {
                double ordered = 0, delivered = 0;
                for (var l = 0; l < plan.Lines.Count; l++)
                {
                    if (plan.Lines[l].Type != i) continue;
                    ordered += orders[l, m - 1];
                    var at = m - plan.Lines[l].LeadTimeMonths;
                    if (at >= 1) delivered += orders[l, at - 1];
                }
                var shortfall = Clean(x.GetValueOrDefault(U(i, m)));
                damage += shortfall * plan.Types[i].ShortfallCost;
                months.Add(new TypeMonth(m, plan.Types[i].Name, plan.Demand(i, m), ordered, delivered, Clean(x.GetValueOrDefault(S(i, m))), shortfall, Clean(x.GetValueOrDefault(V(i, m)))));
            }
        return (orders, months, cost, damage);
    }

    private static List<SupplyFix> Fixes(SupplyPlan plan, IReadOnlyDictionary<string, double> x)
    {
        var fixes = new List<SupplyFix>();
        for (var m = 1; m <= plan.Months; m++)
        {
            for (var p = 0; p < plan.Partners.Count; p++)
                if (Clean(x.GetValueOrDefault(Eb(p, m))) is var e and > 0) fixes.Add(new SupplyFix(m, $"budget of {plan.Partners[p].Nation}", e, "$"));
            for (var l = 0; l < plan.Lines.Count; l++)
                if (Clean(x.GetValueOrDefault(Ec(l, m))) is var c and > 0) fixes.Add(new SupplyFix(m, $"capacity of line {plan.Lines[l].Name}", c, "rounds"));
        }
        for (var i = 0; i < plan.Types.Count; i++)
            if (Clean(x.GetValueOrDefault(Es(i))) is var s and > 0) fixes.Add(new SupplyFix(0, $"stock on hand of {plan.Types[i].Name} (no line delivers in time)", s, "rounds"));
        return fixes;
    }

    private static double Clean(double v) => Math.Abs(v) < 1e-6 ? 0 : v;
}
