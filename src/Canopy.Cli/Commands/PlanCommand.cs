using System.CommandLine;
using System.Globalization;
using System.Text;
using Canopy.Planning.Charts;
using Canopy.Planning.Nights;
using Canopy.Planning.Placement;
using Canopy.Simulation.MonteCarlo;
using Spectre.Console;

namespace Canopy.Cli.Commands;

/// <summary><c>canopy plan placement FILE</c> and <c>canopy plan supply FILE</c> (docs/planning.md).</summary>
internal static class PlanCommand
{
    public static Command Create()
    {
        var command = new Command("plan", "Plan the shield: where units stand (placement) and what to build (supply)");
        command.Subcommands.Add(Placement());
        command.Subcommands.Add(SupplyCommand.Create());
        return command;
    }

    private static string F(double v, string format = "0.#") => v.ToString(format, CultureInfo.InvariantCulture);

    private static Command Placement()
    {
        var file = new Argument<string>("plan") { Description = "Placement planning file (YAML)" };
        var output = new Option<string?>("--out") { Description = "Write the placed scenario here (default: next to the plan, NAME.yaml)" };
        var runs = new Option<int>("--runs") { Description = "Sampled nights per force and growth for the Monte Carlo (0: none)", DefaultValueFactory = _ => 0 };
        var seed = new Option<int>("--seed") { Description = "Seed of the sampled nights", DefaultValueFactory = _ => 1 };
        var growth = new Option<string>("--growth") { Description = "Raid growths to simulate, comma-separated (e.g. 1,1.5,2); the base force only at the first", DefaultValueFactory = _ => "1" };
        var parallel = new Option<int>("--parallel") { Description = "Nights at once in this process", DefaultValueFactory = _ => Environment.ProcessorCount };
        var limit = new Option<int>("--time-limit") { Description = "Seconds CBC may take", DefaultValueFactory = _ => 60 };
        var csv = new Option<string?>("--csv") { Description = "Write the Monte Carlo figures (force, growth, figure, mean, 95 % interval) as CSV" };
        var broker = WorkerCommand.BrokerOption();
        var workers = WorkerCommand.WorkersOption();
        var svg = new Option<string?>("--svg") { Description = "Write the chart of cost against protected value of the simulated forces as SVG" };
        runs.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 0) r.AddError("--runs must not be negative"); });
        parallel.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--parallel must be at least 1"); });
        var command = new Command("placement", "Choose sites for the plan's systems (MILP with CBC, greedy baseline), write the placed scenario, and compare it with the base scenario's force over sampled nights")
            { file, output, runs, seed, growth, parallel, limit, csv, svg, broker, workers };
        command.SetAction(parse =>
        {
            var console = AnsiConsole.Console;
            var path = parse.GetValue(file)!;
            var loaded = PlacementPlanLoader.Load(path);
            if (loaded.Plan is not { } plan)
            {
                foreach (var e in loaded.Errors) console.MarkupLine($"[red]{Markup.Escape(e.ToString())}[/]");
                console.MarkupLine($"[red]{loaded.Errors.Count} error(s) in {Markup.Escape(path)}[/]");
                return 1;
            }
            var growths = new List<double>();
            foreach (var g in parse.GetValue(growth)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!double.TryParse(g, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || v <= 0 || v > 10)
                {
                    console.MarkupLine($"[red]--growth: '{Markup.Escape(g)}' is not a growth in (0, 10][/]");
                    return 1;
                }
                growths.Add(v);
            }
            if (growths.Count == 0) growths.Add(1);
            PlacementOutcome outcome;
            try
            {
                outcome = new PlacementStudy(new CbcPlacementSolver { TimeLimit = TimeSpan.FromSeconds(parse.GetValue(limit)) }).Place(plan);
            }
            catch (InvalidOperationException e)
            {
                console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
                return 1;
            }
            var outPath = parse.GetValue(output) ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", plan.Name + ".yaml");
            File.WriteAllText(outPath, outcome.PlacedYaml);
            RenderPlacement(console, plan, outcome);
            console.MarkupLine($"Placed scenario written to [bold]{Markup.Escape(outPath)}[/]");
            var n = parse.GetValue(runs);
            if (n == 0) return 0;

            INightExecutor executor = new InProcessNightExecutor(parse.GetValue(parallel));
            using var remote = parse.GetValue(broker) is { } uri ? WorkerCommand.Connect(uri, parse.GetValue(workers), console) : null;
            if (parse.GetValue(broker) is not null)
            {
                if (remote is null) return 1;
                executor = remote;
            }
            var forces = new List<(string, string)> { ("placed", outcome.PlacedYaml), ("base", plan.BaseYaml) };
            IReadOnlyList<ForceNights>? nights = null;
            var total = n * (forces.Count + growths.Count - 1);
            console.Progress().AutoClear(true).Start(ctx =>
            {
                var task = ctx.AddTask($"{total} sampled nights", maxValue: total);
                var progress = new SynchronousProgress(done => task.Value = done);
                var first = PlacementStudy.Nights(executor, forces, [growths[0]], parse.GetValue(seed), n, progress);
                var rest = growths.Count > 1
                    ? PlacementStudy.Nights(executor, [forces[0]], growths.Skip(1).ToList(), parse.GetValue(seed), n,
                        new SynchronousProgress(done => task.Value = n * forces.Count + done))
                    : [];
                nights = [.. first, .. rest];
            });
            if (parse.GetValue(csv) is { } csvPath) File.WriteAllText(csvPath, Csv(nights!));
            RenderNights(console, nights!);
            if (parse.GetValue(svg) is { } svgPath)
            {
                File.WriteAllText(svgPath, PlanningCharts.CostValue(nights!));
                console.MarkupLine($"Chart written to [bold]{Markup.Escape(svgPath)}[/]");
            }
            return 0;
        });
        return command;
    }

    private static void RenderPlacement(IAnsiConsole console, PlacementPlan plan, PlacementOutcome o)
    {
        var atRisk = o.Problem.ValueAtRisk;
        string Share(double v) => atRisk > 0 ? $"{F(v, "0.0")} ({F(100 * v / atRisk, "0.0")} %)" : F(v);
        var model = new Table().Title($"{Markup.Escape(plan.Name)}: expected protected value per night (model, value units)").AddColumns("plan", "protected value", "note");
        model.AddRow("value at risk", F(atRisk, "0.0"), $"{o.Problem.Corridors.Count} corridors, {o.Problem.Sites.Count} candidate sites");
        model.AddRow("[bold]MILP (CBC)[/]", Share(o.Optimal.ProtectedValue), o.Optimal.Proven ? "optimal (gap 1e-6)" : "time limit: best found");
        model.AddRow("greedy baseline", Share(o.GreedyModelValue), $"its own allocation {F(o.Greedy.ProtectedValue, "0.0")}");
        model.AddRow("base scenario's force", o.ShippedModelValue is { } shipped ? Share(shipped) : "-", Markup.Escape(Path.GetFileName(plan.BasePath)));
        console.Write(model);
        var units = new Table().Title("Placed units").AddColumns("system", "site", "lat", "lon", "height");
        for (var s = 0; s < o.Optimal.KindAtSite.Count; s++)
        {
            if (o.Optimal.KindAtSite[s] < 0) continue;
            var p = o.Sites[s].Position;
            units.AddRow(Markup.Escape(plan.Systems[o.Optimal.KindAtSite[s]].Name), Markup.Escape(o.Sites[s].Name),
                F(p.LatitudeDeg, "0.0000"), F(p.LongitudeDeg, "0.0000"), F(p.HeightM, "0") + " m");
        }
        console.Write(units);
    }

    private static readonly string[] Headline = ["leakers", "damage.total", "value.expected_saved", "spend.defender", "threats.launched"];

    private static void RenderNights(IAnsiConsole console, IReadOnlyList<ForceNights> nights)
    {
        var table = new Table().Title($"Sampled nights ({nights[0].Figures.Values.First().Runs} per force and growth): mean [[95 % interval]]").AddColumn("figure");
        foreach (var n in nights) table.AddColumn($"{n.Force} x{F(n.Growth, "0.##")}");
        var names = Headline.Concat(nights.SelectMany(n => n.Figures.Keys).Where(k => k.StartsWith("interceptors.", StringComparison.Ordinal) && k.EndsWith(".rounds", StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal));
        foreach (var name in names)
            table.AddRow([Markup.Escape(name), .. nights.Select(n => n.Figures.TryGetValue(name, out var f) ? Markup.Escape($"{F(f.Mean)} [{F(f.Low95)}, {F(f.High95)}]") : "-")]);
        console.Write(table);
        var placed = nights.FirstOrDefault(n => n.Force == "placed");
        var base_ = nights.FirstOrDefault(n => n.Force == "base" && n.Growth == placed?.Growth);
        if (placed is null || base_ is null) return;
        foreach (var name in new[] { "leakers", "damage.total" })
        {
            var (a, b) = (placed.Figures[name], base_.Figures[name]);
            var verdict = NightStatistics.Apart(a, b) ? (a.Mean < b.Mean ? "[green]placed better, 95 % intervals apart[/]" : "[red]base better, intervals apart[/]") : "[yellow]95 % intervals overlap[/]";
            console.MarkupLine($"{name}: placed {F(a.Mean)} [[{F(a.Low95)}, {F(a.High95)}]] vs base {F(b.Mean)} [[{F(b.Low95)}, {F(b.High95)}]]: {verdict}");
        }
    }

    private static string Csv(IReadOnlyList<ForceNights> nights)
    {
        var text = new StringBuilder("force,growth,figure,runs,mean,low95,high95\n");
        foreach (var n in nights)
            foreach (var f in n.Figures.Values)
                text.Append(CultureInfo.InvariantCulture, $"{n.Force},{n.Growth},{f.Name},{f.Runs},{f.Mean:R},{f.Low95:R},{f.High95:R}\n");
        return text.ToString();
    }

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
