using System.CommandLine;
using Canopy.Cli.Rendering;
using Canopy.Assignment.Bound;
using Canopy.Pipeline;
using Canopy.Scenarios.Model;
using Canopy.Simulation.MonteCarlo;
using Canopy.Simulation.Results;
using Canopy.Simulation.Running;
using Spectre.Console;

namespace Canopy.Cli.Commands;

internal static class SimulateCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("scenario") { Description = "Scenario file (YAML)" };
        var seed = new Option<int>("--seed") { Description = "Random seed; same scenario and seed give identical results", DefaultValueFactory = _ => 1 };
        var runs = new Option<int>("--runs") { Description = "Number of Monte Carlo runs", DefaultValueFactory = _ => 1 };
        var events = new Option<bool>("--events") { Description = "Print the time line of the run" };
        var json = new Option<string?>("--json") { Description = "Write the full result as JSON to this file" };
        var export = new Option<string?>("--export-detections") { Description = "Write detections, sensors.yaml, truth.csv and tracks.csv of the run to this directory" };
        var compare = new Option<bool>("--compare-assigners") { Description = "Run the scenario under every assigner and print the figures side by side with each night's clairvoyant bound (share of its value saved), means with 95% bootstrap intervals" };
        var boundLimit = BoundCommand.TimeLimitOption();
        var asterixOut = new Option<string?>("--asterix-out") { Description = "Send the radars' plots as ASTERIX CAT048 (and CAT034 per tick), IFF replies as CAT048 SSR reports and ADS-B reports as CAT021 to udp://ADDRESS:PORT" };
        var edition = EditionOption.Create();
        var geoJson = new Option<string?>("--geojson") { Description = "Write the air picture (tracks, impacts, coverage, zones, assets) as GeoJSON" };
        var kml = new Option<string?>("--kml") { Description = "Write the air picture as KML 2.2" };
        var at = new Option<string?>("--at") { Description = "Time of the --geojson/--kml picture (seconds or e.g. '5 min'; default the end of the run)" };
        var assigner = new Option<AssignerKind>("--assigner") { Description = "Weapon assigner the pipeline runs (MarginalReturn, Greedy, RollingHorizon)", DefaultValueFactory = _ => AssignerKind.MarginalReturn };
        var parallel = new Option<int>("--parallel") { Description = "Runs at once in a Monte Carlo", DefaultValueFactory = _ => Environment.ProcessorCount };
        runs.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--runs must be at least 1"); });
        parallel.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--parallel must be at least 1"); });

        var command = new Command("simulate", "Run a scenario through the simulated world and the defence pipeline") { file, seed, runs, events, json, parallel, export, compare, assigner, boundLimit, asterixOut, edition, geoJson, kml, at };
        command.Validators.Add(r =>
        {
            if (r.GetValue(runs) > 1 && r.GetValue(export) is not null) r.AddError("--export-detections writes one run: leave out --runs");
            if (r.GetValue(compare) && r.GetValue(export) is not null) r.AddError("--export-detections writes one run of one assigner: leave out --compare-assigners");
            if (r.GetValue(asterixOut) is not null && (r.GetValue(runs) > 1 || r.GetValue(compare))) r.AddError("--asterix-out sends one run: leave out --runs and --compare-assigners");
            if (r.GetValue(asterixOut) is null && r.GetValue(edition) is { Length: > 0 }) r.AddError("--edition chooses the ASTERIX editions --asterix-out sends: give --asterix-out too");
            if ((r.GetValue(geoJson) is not null || r.GetValue(kml) is not null) && (r.GetValue(runs) > 1 || r.GetValue(compare))) r.AddError("--geojson and --kml draw one run: leave out --runs and --compare-assigners");
        });
        command.SetAction(parse =>
        {
            var console = AnsiConsole.Console;
            if (ScenarioFiles.LoadOrReport(parse.GetValue(file)!, console) is not { } scenario) return 1;
            var n = parse.GetValue(runs);
            if (parse.GetValue(compare))
            {
                return CompareAssigners(console, scenario, parse.GetValue(seed), n, parse.GetValue(parallel), parse.GetValue(boundLimit));
            }
            var kind = parse.GetValue(assigner);
            var runner = new SimulationRunner(layout => DefaultPipeline.Create(layout, kind));
            var jsonPath = parse.GetValue(json);
            if (parse.GetValue(asterixOut) is { } target)
                return EditionOption.ParseOrReport(parse, edition) is { } editions ? AsterixOut.Run(scenario, parse.GetValue(seed), target, editions, console) : 1;
            if (!PictureObserver.TryParseTime(parse.GetValue(at), out var pictureTime, out var atError))
            {
                console.MarkupLine($"[red]{Markup.Escape(atError!)}[/]");
                return 1;
            }
            if (n == 1)
            {
                using var exporter = parse.GetValue(export) is { } dir ? ExportDirectory.OpenOrReport(dir, scenario, console) : null;
                if (parse.GetValue(export) is not null && exporter is null) return 1;
                var wantsPicture = parse.GetValue(geoJson) is not null || parse.GetValue(kml) is not null;
                var picture = wantsPicture ? new PictureObserver(scenario, pictureTime) : null;
                var result = runner.Run(scenario, parse.GetValue(seed), observer: RunObservers.Combine(exporter, picture));
                if (picture?.Recorder.Picture is { } p) PictureObserver.Export(p, parse.GetValue(geoJson), parse.GetValue(kml));
                if (parse.GetValue(events)) RunReportRenderer.RenderEvents(console, result);
                RunReportRenderer.Render(console, result);
                if (jsonPath is not null)
                {
                    using var stream = File.Create(jsonPath);
                    ResultJson.Write(result, stream);
                }
                return 0;
            }

            MonteCarloResult? mc = null;
            console.Progress().AutoClear(true).Start(ctx =>
            {
                var task = ctx.AddTask($"{scenario.Name}: {n} runs", maxValue: n);
                var progress = new SynchronousProgress(done => task.Value = done);
                mc = new MonteCarloRunner(runner).Run(scenario, parse.GetValue(seed), n, parse.GetValue(parallel), progress);
            });
            RunReportRenderer.Render(console, mc!);
            if (jsonPath is not null)
            {
                using var stream = File.Create(jsonPath);
                ResultJson.Write(mc!, stream);
            }
            return 0;
        });
        return command;
    }

    private static int CompareAssigners(IAnsiConsole console, Scenario scenario, int seed, int runs, int parallel, int boundLimit)
    {
        var assigners = Enum.GetValues<AssignerKind>()
            .Select(kind => (kind.ToString(), (Func<Core.Defence.DefenceLayout, DefencePipeline>)(layout => DefaultPipeline.Create(layout, kind))))
            .ToList();
        var comparison = new AssignerComparison(assigners, new CbcNightBoundSolver { TimeLimit = TimeSpan.FromSeconds(boundLimit), LeastSpend = false });
        AssignerComparisonResult? result = null;
        try
        {
            console.Progress().AutoClear(true).Start(ctx =>
            {
                var task = ctx.AddTask($"{scenario.Name}: {runs} nights, {assigners.Count} assigners and the bound", maxValue: runs);
                result = comparison.Run(scenario, seed, runs, parallel, new SynchronousProgress(done => task.Value = done));
            });
        }
        catch (AggregateException e) when (e.InnerException is InvalidOperationException inner)
        {
            console.MarkupLine($"[red]{Markup.Escape(inner.Message)}[/]");
            return 1;
        }
        RunReportRenderer.RenderComparison(console, result!);
        return 0;
    }

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
