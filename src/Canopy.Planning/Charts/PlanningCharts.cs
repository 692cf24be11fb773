using Canopy.Planning.Placement;
using Canopy.Planning.Supply;

namespace Canopy.Planning.Charts;

/// <summary>The planning charts: stock by type over the months against safety stock; cost against protected value of alternative plans.</summary>
public static class PlanningCharts
{
    /// <summary>One solid line per type (stock at the end of months 0..N, month 0 the stock on hand) and one dashed line per type at its safety stock.</summary>
    public static string Stock(SupplyPlan plan, SupplyResult result)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(result);
        var months = Enumerable.Range(0, plan.Months + 1).Select(m => (double)m).ToList();
        var series = new List<ChartSeries>();
        foreach (var type in plan.Types)
        {
            var stock = new List<double> { type.Stock };
            stock.AddRange(result.Months.Where(m => m.Type == type.Name).OrderBy(m => m.Month).Select(m => m.Stock));
            series.Add(new ChartSeries(type.Name, stock));
        }
        foreach (var type in plan.Types)
            series.Add(new ChartSeries($"{type.Name} safety", [.. months.Select(_ => type.SafetyStock)], Dashed: true));
        return SvgChart.Lines($"{plan.Name}: stock by type (rounds) against safety stock", "month", "rounds in stock", months, series);
    }

    /// <summary>
    /// Each simulated force and growth as a point: its defenders' spend per night (M$) against the value it protected
    /// per night (value at risk less damage, means over the sampled nights).
    /// </summary>
    public static string CostValue(IReadOnlyList<ForceNights> nights)
    {
        ArgumentNullException.ThrowIfNull(nights);
        var points = nights.Select(n => new ChartPoint($"{n.Force} x{n.Growth:0.##}",
            n.Figures.TryGetValue("spend.defender", out var s) ? s.Mean / 1e6 : 0,
            (n.Figures.TryGetValue("value.at_risk", out var r) ? r.Mean : 0) - (n.Figures.TryGetValue("damage.total", out var d) ? d.Mean : 0))).ToList();
        return SvgChart.Scatter("Cost against protected value per night (means over sampled nights)", "defender spend per night (M$)", "value protected (value units)", points);
    }
}
