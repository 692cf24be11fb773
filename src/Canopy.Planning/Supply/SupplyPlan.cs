namespace Canopy.Planning.Supply;

/// <summary>
/// A supply planning problem in numbers: a horizon of months, the attack tempo, each interceptor (or drone) type's stock,
/// safety stock and consumption, the partners with their monthly budgets, and their production lines.
/// </summary>
/// <param name="NightsPerMonth">Nights of attack in month 1.</param>
/// <param name="MonthlyGrowth">Growth per month of the raid size (and so of consumption per night): 0.05 is +5 % a month.</param>
/// <param name="TempoFactor">Scales consumption (1 as planned; 1.25 and 1.5 in the sensitivity table).</param>
public sealed record SupplyPlan(
    string Name,
    int Months,
    double NightsPerMonth,
    double MonthlyGrowth,
    IReadOnlyList<StockType> Types,
    IReadOnlyList<Partner> Partners,
    IReadOnlyList<ProductionLine> Lines,
    double TempoFactor = 1)
{
    /// <summary>Rounds of type <paramref name="type"/> consumed in month <paramref name="month"/> (1-based).</summary>
    public double Demand(int type, int month) =>
        Types[type].PerNight * NightsPerMonth * TempoFactor * Math.Pow(1 + MonthlyGrowth, month - 1);

    public void Validate()
    {
        if (Months is < 1 or > 120) throw new ArgumentException("the horizon must be 1 to 120 months");
        if (!(NightsPerMonth >= 0) || !(MonthlyGrowth > -1) || !(TempoFactor >= 0)) throw new ArgumentException("nights per month, growth and tempo must be sensible");
        foreach (var l in Lines)
        {
            if (l.Type < 0 || l.Type >= Types.Count || l.Partner < 0 || l.Partner >= Partners.Count) throw new ArgumentException($"line {l.Name} refers to an unknown type or partner");
            if (l.MonthlyCapacity < 0 || l.UnitCost < 0 || l.LeadTimeMonths < 0 || l.RampUpMonths < 0) throw new ArgumentException($"line {l.Name}: negative capacity, cost, lead time or ramp-up");
        }
    }
}

/// <summary>One kind of round kept in stock.</summary>
/// <param name="PerNight">Rounds consumed per night at the planned tempo (e.g. from <c>canopy plan placement --runs</c>).</param>
/// <param name="ShortfallCost">Expected damage, in dollars, of one round that is needed and not there.</param>
public sealed record StockType(string Name, double Stock, double SafetyStock, double PerNight, double ShortfallCost);

/// <summary>A partner nation and its monthly budget (share of GDP x GDP / 12).</summary>
public sealed record Partner(string Nation, double MonthlyBudget);

/// <summary>
/// A production line: up to <paramref name="MonthlyCapacity"/> rounds of one type a month once ramped up (capacity in
/// month m is capacity x min(1, m / ramp-up)), delivered <paramref name="LeadTimeMonths"/> months after the order.
/// </summary>
public sealed record ProductionLine(string Name, int Partner, int Type, double MonthlyCapacity, double UnitCost, int LeadTimeMonths, int RampUpMonths)
{
    public double Capacity(int month) => RampUpMonths <= 0 ? MonthlyCapacity : MonthlyCapacity * Math.Min(1.0, (double)month / RampUpMonths);
}

/// <summary>One month of the plan for one type: what was ordered and delivered, the stock at the month's end, and any shortfall.</summary>
/// <param name="Short">Rounds needed and not in stock (the month runs dry).</param>
/// <param name="BelowSafety">Rounds by which the end stock falls below the safety stock.</param>
public sealed record TypeMonth(int Month, string Type, double Demand, double Ordered, double Delivered, double Stock, double Short, double BelowSafety);

/// <summary>What a partner or line would need, beyond what the file gives, for the plan to hold without shortfall.</summary>
public sealed record SupplyFix(int Month, string What, double Amount, string Unit);

/// <summary>
/// The solved plan: orders per line and month, the stock by type and month, cost, expected shortfall damage, and when the
/// plan cannot keep every type at its safety stock, the fixes (extra budget or capacity) that would.
/// </summary>
public sealed record SupplyResult(
    bool Solved,
    bool Optimal,
    double[,] Orders,
    IReadOnlyList<TypeMonth> Months,
    double Cost,
    double ShortfallDamage,
    IReadOnlyList<SupplyFix> Fixes,
    bool FixFound)
{
    /// <summary>The first month some type runs dry (needed rounds not in stock), or null.</summary>
    public TypeMonth? FirstDry => Months.Where(m => m.Short > 1e-6).OrderBy(m => m.Month).FirstOrDefault();

    /// <summary>The first month some type ends below its safety stock, or null.</summary>
    public TypeMonth? FirstBelowSafety => Months.Where(m => m.BelowSafety > 1e-6).OrderBy(m => m.Month).FirstOrDefault();

    public bool Feasible => FirstDry is null && FirstBelowSafety is null;
}
