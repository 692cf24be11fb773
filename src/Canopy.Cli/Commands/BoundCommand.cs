using System.CommandLine;
using System.Globalization;
using Canopy.Assignment.Bound;
using Canopy.Core.Quantities;
using Canopy.Simulation.Bound;
using Spectre.Console;

namespace Canopy.Cli.Commands;

/// <summary><c>canopy bound SCENARIO --seed S</c>: the clairvoyant bound of one night.</summary>
internal static class BoundCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("scenario") { Description = "Scenario file (YAML)" };
        var seed = new Option<int>("--seed") { Description = "Random seed: the night `simulate --seed` runs", DefaultValueFactory = _ => 1 };
        var limit = TimeLimitOption();
        var command = new Command("bound", "The most expected value any assigner could save in one night (clairvoyant: true paths, every fire unit's windows, magazines, reloads) and the least spend for it") { file, seed, limit };
        command.SetAction(parse =>
        {
            var console = AnsiConsole.Console;
            if (ScenarioFiles.LoadOrReport(parse.GetValue(file)!, console) is not { } scenario) return 1;
            var (threats, problem) = ClairvoyantNight.Build(scenario, parse.GetValue(seed));
            NightBound bound;
            try
            {
                bound = new CbcNightBoundSolver { TimeLimit = TimeSpan.FromSeconds(parse.GetValue(limit)) }.Solve(problem);
            }
            catch (InvalidOperationException e)
            {
                console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
                return 1;
            }
            var atRisk = problem.ThreatValues.Sum();
            var table = new Table().Title($"{Markup.Escape(scenario.Name)}, seed {parse.GetValue(seed)}: clairvoyant bound")
                .AddColumns("figure", "value");
            table.AddRow("threats (with value at risk)", $"{threats.Count} ({problem.ThreatValues.Count(v => v > 0)})");
            table.AddRow("engagement windows", $"{problem.Opportunities.Count}");
            table.AddRow("value at risk", F(atRisk));
            table.AddRow("[bold]expected value saved, upper bound[/]", $"{F(bound.UpperBound)} ({F(atRisk > 0 ? 100 * bound.UpperBound / atRisk : 100)} %)");
            table.AddRow("expected value saved by the plan found", F(bound.PlanValue));
            table.AddRow("least spend for it", Money.FromDollars(bound.Spend).ToString());
            table.AddRow("bound proven optimal", bound.Proven ? $"yes (within {CbcNightBoundSolver.RelativeGap:0e0} of the value at risk)" : "no (time limit: the bound is CBC's proven one)");
            table.AddRow("least spend proven", bound.SpendProven ? "yes" : "no (time limit: the cheapest plan found)");
            console.Write(table);

            var plan = new Table().Title("The plan: salvos by fire unit and threat class").AddColumns("fire unit", "class", "salvos", "spend");
            foreach (var g in problem.Opportunities.Select((o, k) => (o, n: bound.Salvos[k])).Where(p => p.n > 0)
                         .GroupBy(p => (Unit: problem.Units[p.o.Unit].Id, Class: threats[p.o.Threat].Class)).OrderBy(g => g.Key.Unit).ThenBy(g => g.Key.Class))
                plan.AddRow(Markup.Escape(g.Key.Unit), g.Key.Class.ToString(), $"{g.Sum(p => p.n)}", Money.FromDollars(g.Sum(p => p.n * p.o.Cost)).ToString());
            console.Write(plan);
            return 0;
        });
        return command;
    }

    /// <summary>Wall seconds per CBC solve (the bound command, and the bound of every compared run).</summary>
    public static Option<int> TimeLimitOption()
    {
        var limit = new Option<int>("--bound-time-limit") { Description = "Wall seconds per CBC solve of the clairvoyant bound", DefaultValueFactory = _ => 60 };
        limit.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--bound-time-limit must be at least 1 s"); });
        return limit;
    }

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
