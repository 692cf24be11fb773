using System.CommandLine;
using Canopy.Cli.Rendering;
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
        var geoJson = new Option<string?>("--geojson") { Description = "Write the air picture (tracks, impacts, coverage, zones, assets) as GeoJSON" };
        var kml = new Option<string?>("--kml") { Description = "Write the air picture as KML 2.2" };
        var at = new Option<string?>("--at") { Description = "Time of the --geojson/--kml picture (seconds or e.g. '5 min'; default the end of the run)" };
        var parallel = new Option<int>("--parallel") { Description = "Runs at once in a Monte Carlo", DefaultValueFactory = _ => Environment.ProcessorCount };
        runs.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--runs must be at least 1"); });
        parallel.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) r.AddError("--parallel must be at least 1"); });

        var command = new Command("simulate", "Run a scenario through the simulated world and the defence pipeline") { file, seed, runs, events, json, parallel, geoJson, kml, at };
        command.SetAction(parse =>
        {
            var console = AnsiConsole.Console;
            if (ScenarioFiles.LoadOrReport(parse.GetValue(file)!, console) is not { } scenario) return 1;
            var runner = SimulationRunner.CreateDefault();
            var n = parse.GetValue(runs);
            var jsonPath = parse.GetValue(json);
            if (!PictureObserver.TryParseTime(parse.GetValue(at), out var pictureTime, out var atError))
            {
                console.MarkupLine($"[red]{Markup.Escape(atError!)}[/]");
                return 1;
            }
            if (n == 1)
            {
                var picture = new PictureObserver(scenario, pictureTime);
                var result = runner.Run(scenario, parse.GetValue(seed), default, picture);
                if (picture.Recorder.Picture is { } p && (parse.GetValue(geoJson) is not null || parse.GetValue(kml) is not null))
                    PictureObserver.Export(p, parse.GetValue(geoJson), parse.GetValue(kml));
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

    private sealed class SynchronousProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
