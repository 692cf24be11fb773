using System.CommandLine;
using System.Globalization;
using System.Text;
using Canopy.Planning.Charts;
using Canopy.Planning.Supply;
using Spectre.Console;

namespace Canopy.Cli.Commands;

/// <summary><c>canopy plan supply FILE</c>: monthly production orders per partner and type (docs/planning.md).</summary>
internal static class SupplyCommand
{
    private static string F(double v, string format = "0.#") => v.ToString(format, CultureInfo.InvariantCulture);

    private static string M(double dollars) => dollars >= 1e9 ? F(dollars / 1e9, "0.##") + " B$" : dollars >= 1e6 ? F(dollars / 1e6, "0.#") + " M$" : F(dollars / 1e3, "0") + " k$";

    public static Command Create()
    {
        var file = new Argument<string>("plan") { Description = "Supply planning file (YAML)" };
        var csv = new Option<string?>("--csv") { Description = "Write the plan (month, type, demand, ordered, delivered, stock, short, below safety) as CSV" };
        var svg = new Option<string?>("--svg") { Description = "Write the stock chart (stock by type over the months against safety stock) as SVG" };
        var limit = new Option<int>("--time-limit") { Description = "Seconds CBC may take per solve", DefaultValueFactory = _ => 60 };
        var command = new Command("supply", "Monthly production orders per partner line (MILP with CBC) that keep every type above its safety stock at least cost and damage; infeasibility with its fix; sensitivity table") { file, csv, svg, limit };
        command.SetAction(parse =>
        {
            var console = AnsiConsole.Console;
            var path = parse.GetValue(file)!;
            var loaded = SupplyPlanLoader.Load(path);
            if (loaded.Plan is not { } plan)
            {
                foreach (var e in loaded.Errors) console.MarkupLine($"[red]{Markup.Escape(e.ToString())}[/]");
                console.MarkupLine($"[red]{loaded.Errors.Count} error(s) in {Markup.Escape(path)}[/]");
                return 1;
            }
            var solver = new CbcSupplySolver { TimeLimit = TimeSpan.FromSeconds(parse.GetValue(limit)) };
            IReadOnlyList<SensitivityRow> rows;
            try
            {
                rows = SupplySensitivity.Run(solver, plan);
            }
            catch (InvalidOperationException e)
            {
                console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
                return 1;
            }
            var result = rows[0].Result;
            if (!result.Solved)
            {
                console.MarkupLine("[red]CBC found no plan within the time limit[/]");
                return 1;
            }
            Render(console, plan, result);
            var table = new Table().Title("Sensitivity").AddColumns("variant", "cost", "rounds short", "shortfall damage", "first month dry", "first month below safety", "fix");
            foreach (var row in rows)
            {
                var r = row.Result;
                table.AddRow(Markup.Escape(row.Variant), M(r.Cost), F(r.Months.Sum(m => m.Short)), M(r.ShortfallDamage),
                    r.FirstDry is { } d ? $"{d.Month} ({Markup.Escape(d.Type)})" : "-", r.FirstBelowSafety is { } b ? $"{b.Month} ({Markup.Escape(b.Type)})" : "-",
                    Markup.Escape(FixSummary(r)));
            }
            console.Write(table);
            if (parse.GetValue(csv) is { } csvPath) File.WriteAllText(csvPath, Csv(result));
            if (parse.GetValue(svg) is { } svgPath)
            {
                File.WriteAllText(svgPath, PlanningCharts.Stock(plan, result));
                console.MarkupLine($"Stock chart written to [bold]{Markup.Escape(svgPath)}[/]");
            }
            return 0;
        });
        return command;
    }

    private static string FixSummary(SupplyResult r)
    {
        if (r.Feasible) return "none needed";
        if (!r.FixFound) return "no fix found";
        return string.Join("; ", r.Fixes.GroupBy(f => (f.What, f.Unit)).Select(g =>
            $"{g.Key.What} +{(g.Key.Unit == "$" ? M(g.Sum(f => f.Amount)) : F(g.Sum(f => f.Amount)) + " " + g.Key.Unit)} (months {string.Join(",", g.Select(f => f.Month))})"));
    }

    private static void Render(IAnsiConsole console, SupplyPlan plan, SupplyResult r)
    {
        var orders = new Table().Title($"{Markup.Escape(plan.Name)}: production orders (rounds ordered per month)").AddColumn("line").AddColumn("unit cost");
        for (var m = 1; m <= plan.Months; m++) orders.AddColumn(new TableColumn($"m{m}").RightAligned());
        orders.AddColumn(new TableColumn("cost").RightAligned());
        for (var l = 0; l < plan.Lines.Count; l++)
        {
            var line = plan.Lines[l];
            orders.AddRow([Markup.Escape(line.Name), M(line.UnitCost), .. Enumerable.Range(0, plan.Months).Select(m => F(r.Orders[l, m], "0")),
                M(Enumerable.Range(0, plan.Months).Sum(m => r.Orders[l, m]) * line.UnitCost)]);
        }
        console.Write(orders);
        var budget = new Table().Title("Spend per partner and month against budget").AddColumn("partner").AddColumn("budget / month");
        for (var m = 1; m <= plan.Months; m++) budget.AddColumn(new TableColumn($"m{m}").RightAligned());
        for (var p = 0; p < plan.Partners.Count; p++)
        {
            var partner = p;
            budget.AddRow([Markup.Escape(plan.Partners[p].Nation), M(plan.Partners[p].MonthlyBudget),
                .. Enumerable.Range(0, plan.Months).Select(m => M(Enumerable.Range(0, plan.Lines.Count).Where(l => plan.Lines[l].Partner == partner).Sum(l => r.Orders[l, m] * plan.Lines[l].UnitCost)))]);
        }
        console.Write(budget);
        var stock = new Table().Title("Stock at month end (rounds): demand / stock / short").AddColumn("type").AddColumn("on hand").AddColumn("safety");
        for (var m = 1; m <= plan.Months; m++) stock.AddColumn(new TableColumn($"m{m}").RightAligned());
        foreach (var type in plan.Types)
            stock.AddRow([Markup.Escape(type.Name), F(type.Stock), F(type.SafetyStock),
                .. r.Months.Where(x => x.Type == type.Name).OrderBy(x => x.Month).Select(x => $"{F(x.Demand, "0")} / {(x.BelowSafety > 0 ? "[red]" : "")}{F(x.Stock, "0")}{(x.BelowSafety > 0 ? "[/]" : "")}{(x.Short > 0 ? $" / [red]{F(x.Short, "0")}[/]" : "")}")]);
        console.Write(stock);
        console.MarkupLine($"Cost [bold]{M(r.Cost)}[/], expected shortfall damage [bold]{M(r.ShortfallDamage)}[/], {(r.Optimal ? "optimal" : "best found in the time limit")}");
        if (r.Feasible)
            console.MarkupLine("[green]Every type stays at or above its safety stock in every month.[/]");
        else
        {
            if (r.FirstDry is { } d) console.MarkupLine($"[red]{Markup.Escape(d.Type)} runs dry in month {d.Month}: {F(d.Short)} rounds short ({F(r.Months.Sum(m => m.Short))} over the horizon)[/]");
            if (r.FirstBelowSafety is { } b) console.MarkupLine($"[red]{Markup.Escape(b.Type)} falls below its safety stock in month {b.Month} by {F(b.BelowSafety)} rounds[/]");
            console.MarkupLine(r.FixFound ? $"What would fix it: {Markup.Escape(FixSummary(r))}" : "[red]no fix found within the time limit[/]");
        }
    }

    private static string Csv(SupplyResult r)
    {
        var text = new StringBuilder("month,type,demand,ordered,delivered,stock,short,below_safety\n");
        foreach (var m in r.Months)
            text.Append(CultureInfo.InvariantCulture, $"{m.Month},{m.Type},{m.Demand:R},{m.Ordered:R},{m.Delivered:R},{m.Stock:R},{m.Short:R},{m.BelowSafety:R}\n");
        return text.ToString();
    }
}
