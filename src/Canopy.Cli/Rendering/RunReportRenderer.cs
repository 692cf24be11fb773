using System.Globalization;
using Canopy.Simulation.MonteCarlo;
using Canopy.Simulation.Results;
using Spectre.Console;

namespace Canopy.Cli.Rendering;

/// <summary>Prints a run's report, its time line, or a Monte Carlo summary to the console.</summary>
public static class RunReportRenderer
{
    private static string F(double v, string format = "0.##") => v.ToString(format, CultureInfo.InvariantCulture);

    public static void Render(IAnsiConsole console, RunResult r)
    {
        console.Write(new Rule($"[bold]{Markup.Escape(r.Scenario)}[/] seed {r.Seed}, {F(r.SimulatedSeconds / 60, "0.0")} min simulated").LeftJustified());

        var threats = new Table().Title("Threats").AddColumns("class", "launched", "detected", "tracked", "engaged", "destroyed", "leaked", "attacker spend");
        foreach (var t in r.Threats)
            threats.AddRow(t.Class, $"{t.Launched}", $"{t.Detected}", $"{t.Tracked}", $"{t.Engaged}", $"{t.Destroyed}", $"{t.Leaked}", Money(t.AttackerSpend));
        threats.AddRow("[bold]all[/]", Sum(r, t => t.Launched), Sum(r, t => t.Detected), Sum(r, t => t.Tracked), Sum(r, t => t.Engaged),
            Sum(r, t => t.Destroyed), Sum(r, t => t.Leaked), Money(r.AttackerSpend));
        console.Write(threats);
        RenderAircraft(console, r);

        var shots = new Table().Title("Interceptors spent").AddColumns("effector", "engagements", "rounds", "cost");
        foreach (var e in r.Interceptors) shots.AddRow(e.EffectorClass, $"{e.Engagements}", $"{e.Rounds}", Money(e.Cost));
        shots.AddRow("[bold]all[/]", $"{r.Interceptors.Sum(e => e.Engagements)}", $"{r.Interceptors.Sum(e => e.Rounds)}", Money(r.DefenderSpend));
        console.Write(shots);

        var assets = new Table().Title("Damage to defended assets").AddColumns("asset", "kind", "value", "hits", "damage", "share");
        foreach (var a in r.Assets)
            assets.AddRow(Markup.Escape(a.Name), a.Kind, F(a.Value), $"{a.Hits}", F(a.Damage), a.Value > 0 ? F(100 * a.Damage / a.Value, "0.0") + " %" : "-");
        assets.AddRow("[bold]all[/]", "", F(r.TotalAssetValue), $"{r.Assets.Sum(a => a.Hits)}", F(r.TotalDamage),
            r.TotalAssetValue > 0 ? F(100 * r.TotalDamage / r.TotalAssetValue, "0.0") + " %" : "-");
        console.Write(assets);

        console.MarkupLine($"Defender spend [bold]{Money(r.DefenderSpend)}[/], attacker spend [bold]{Money(r.AttackerSpend)}[/] " +
                           $"(destroyed: {Money(r.AttackerSpendDestroyed)}), cost-exchange ratio [bold]{F(r.CostExchangeRatio, "0.00")}[/] " +
                           "(defender spend / value of threats destroyed)");
        console.MarkupLine($"Expected damage (pipeline's belief): [bold]{F(r.ExpectedDamage, "0.#")}[/] undefended, " +
                           $"[bold]{F(r.ExpectedDamageAfterDefence, "0.#")}[/] after its salvos; realised [bold]{F(r.TotalDamage, "0.#")}[/]");
        console.MarkupLine($"Impact-point rule: [bold]{r.ImpactRule.ThreatsNotEngaged}[/] engageable threats to no defended area left alone, " +
                           $"saving [bold]{Money(r.ImpactRule.SalvoCostSaved)}[/] of salvos; {r.ImpactRule.HitsLetThrough} of them hit an asset");
    }

    private static void RenderAircraft(IAnsiConsole console, RunResult r)
    {
        if (r.Aircraft.Count > 0)
        {
            var aircraft = new Table().Title("Aircraft (not threats)").AddColumns("identity", "flown", "tracked", "assessed as threat", "engaged", "destroyed");
            foreach (var a in r.Aircraft)
                aircraft.AddRow(a.Identity, $"{a.Flown}", $"{a.Tracked}", $"{a.AssessedAsThreat}", $"{a.Engaged}", $"{a.Destroyed}");
            console.Write(aircraft);
        }
        if (r.Classification.Count == 0) return;
        var assessed = Enum.GetNames<Core.Defence.ThreatClass>().Where(n => r.Classification.Any(c => c.AssessedClass == n)).ToList();
        var confusion = new Table().Title("Classification (true class by last assessed class)").AddColumn("true class");
        foreach (var a in assessed) confusion.AddColumn(new TableColumn(a).RightAligned());
        foreach (var truth in r.Classification.Select(c => c.TrueClass).Distinct())
            confusion.AddRow([truth, .. assessed.Select(a => $"{r.Classification.Where(c => c.TrueClass == truth && c.AssessedClass == a).Sum(c => c.Count)}")]);
        console.Write(confusion);
    }

    /// <summary>
    /// Figures of the same scenario under several assigners side by side (one run each, or Monte Carlo means), with
    /// the totals over threat classes first.
    /// </summary>
    /// <summary>
    /// Assigners side by side on the same nights: destroyed and leaked by class, damage, spend, cost exchange, expected value
    /// saved and its share of each night's clairvoyant bound, as means with 95 % percentile-bootstrap intervals.
    /// </summary>
    public static void RenderComparison(IAnsiConsole console, AssignerComparisonResult r)
    {
        var what = r.Runs == 1 ? $"seed {r.Seed}" : $"means of {r.Runs} nights from seed {r.Seed}, 95% percentile-bootstrap intervals";
        console.Write(new Rule($"[bold]{Markup.Escape(r.Scenario)}[/]: assigners against the clairvoyant bound, {Markup.Escape(what)}").LeftJustified());
        var table = new Table().AddColumn("figure");
        foreach (var a in r.Assigners) table.AddColumn(new TableColumn(Markup.Escape(a.Assigner)).RightAligned());
        var byName = r.Assigners.Select(a => a.Figures.ToDictionary(f => f.Name)).ToList();
        foreach (var name in byName.SelectMany(d => d.Keys).Distinct().Where(Compared))
            table.AddRow([Markup.Escape(name), .. byName.Select(d => d.TryGetValue(name, out var f) ? Markup.Escape(WithInterval(f, r.Runs)) : "-")]);
        console.Write(table);
        if (r.Bound.Count == 0) return;
        var bound = new Table().Title("The clairvoyant bound of the same nights").AddColumns("figure", "mean");
        foreach (var f in r.Bound) bound.AddRow(Markup.Escape(f.Name), Markup.Escape(WithInterval(f, r.Runs)));
        console.Write(bound);
    }

    private static bool Compared(string name) =>
        name.EndsWith(".destroyed", StringComparison.Ordinal) || name.EndsWith(".leaked", StringComparison.Ordinal)
        || name is "damage.total" or "spend.defender" or "cost_exchange_ratio" or "value.at_risk" or "value.expected_saved" or "bound.share";

    private static string WithInterval(FigureStatistics f, int runs)
    {
        var mean = Figure(f.Name, f.Mean);
        return runs == 1 ? mean : $"{mean} [{Figure(f.Name, f.Low95)}, {Figure(f.Name, f.High95)}]";
    }

    private static string Figure(string name, double value) =>
        name.EndsWith(".cost", StringComparison.Ordinal) || name.StartsWith("spend.", StringComparison.Ordinal) || name is "rule.salvo_cost_saved" or "bound.plan_spend"
            ? Money(value)
            : name == "bound.share" ? F(100 * value, "0.#") + " %" : F(value, "0.##");

    public static void RenderEvents(IAnsiConsole console, RunResult r)
    {
        var table = new Table().Title("Time line").AddColumns("time", "event", "threat", "track", "effector", "detail");
        foreach (var e in r.Events)
            table.AddRow(Clock(e.Time), e.Kind.ToString(), e.ThreatId >= 0 ? $"{e.ThreatClass} {e.ThreatId}" : "", e.TrackId >= 0 ? $"T{e.TrackId}" : "",
                Markup.Escape(e.Effector ?? ""), Markup.Escape(e.Detail));
        console.Write(table);
    }

    public static void Render(IAnsiConsole console, MonteCarloResult mc)
    {
        console.Write(new Rule($"[bold]{Markup.Escape(mc.Scenario)}[/] Monte Carlo, {mc.Runs} runs from seed {mc.Seed}").LeftJustified());
        var table = new Table().AddColumns("figure", "mean", "95% interval", "std dev");
        foreach (var f in mc.Figures)
            table.AddRow(Markup.Escape(f.Name), F(f.Mean, "0.###"), $"[[{F(f.Low95, "0.###")}, {F(f.High95, "0.###")}]]", F(f.StandardDeviation, "0.###"));
        console.Write(table);
    }

    public static string Clock(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Round(seconds));
        return t.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);
    }

    private static string Sum(RunResult r, Func<ThreatClassOutcome, int> f) => r.Threats.Sum(f).ToString(CultureInfo.InvariantCulture);

    private static string Money(double usd) => Core.Quantities.Money.FromDollars(usd).ToString();
}
