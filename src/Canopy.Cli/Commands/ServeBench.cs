using Canopy.Pipeline;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Canopy.Scenarios.Model;
using Canopy.Server.Approval;
using Canopy.Server.Decisions;
using Canopy.Server.Live;
using Canopy.Simulation.Running;
using Spectre.Console;

namespace Canopy.Cli.Commands;

/// <summary>
/// `canopy bench serve`: the server's cost of one live (hub) picture push (build + JSON) with many tracks: the scenario's
/// waves are scaled and launched within five minutes until the tracker holds the wanted number of tracks.
/// </summary>
internal static class ServeBench
{
    public static Command Create()
    {
        var file = new Argument<string>("scenario") { Description = "Scenario file (YAML)", DefaultValueFactory = _ => "scenarios/quiet-night.yaml" };
        var tracks = new Option<int>("--tracks") { Description = "Live tracks to reach before measuring", DefaultValueFactory = _ => 1000 };
        var pictures = new Option<int>("--pictures") { Description = "Pictures built and serialised for the timing", DefaultValueFactory = _ => 100 };
        tracks.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 1 or > 100_000) r.AddError("--tracks must be between 1 and 100000"); });
        pictures.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 1 or > 100_000) r.AddError("--pictures must be between 1 and 100000"); });
        var browser = new Option<bool>("--browser") { Description = "Also run the live console in headless Chromium and print its push latency and frame time" };
        var unscaled = new Option<bool>("--unscaled")
        {
            Description = "Run the scenario as written (no scaling, no compressed launches) until it holds --tracks tracks (the record night peaks near 390)",
        };
        var seconds = new Option<int>("--seconds") { Description = "How long the browser watches, wall seconds", DefaultValueFactory = _ => 15 };
        seconds.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 3 or > 600) r.AddError("--seconds must be between 3 and 600"); });
        var command = new Command("serve", "Server push cost per live picture (build + JSON) with 1,000 tracks; --browser adds the console's latency and frame time")
            { file, tracks, pictures, browser, seconds, unscaled };
        command.SetAction(parse =>
        {
            var console = AnsiConsole.Console;
            if (ScenarioFiles.LoadOrReport(parse.GetValue(file)!, console) is not { } scenario) return 1;
            var wanted = parse.GetValue(tracks);
            var total = scenario.Waves.Sum(w => w.Count);
            var factor = (int)Math.Ceiling(wanted * 1.5 / Math.Max(1, total));
            var scaled = parse.GetValue(unscaled) ? scenario : scenario with
            {
                Waves = [.. scenario.Waves.Select(w => w with { Count = w.Count * factor, LaunchEnd = w.LaunchStart + Core.Quantities.Duration.FromSeconds(300) })],
            };
            var db = Path.Combine(Path.GetTempPath(), $"canopy-bench-{Environment.ProcessId}.db");
            try
            {
                var log = new SqliteDecisionLog(db);
                var reached = Measure(console, scaled, wanted, parse.GetValue(pictures), log);
                if (parse.GetValue(browser)) return BrowserBench.Run(console, scaled, reached, db, parse.GetValue(seconds));
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var file in new[] { db, db + "-wal", db + "-shm" }) File.Delete(file); // the record is in WAL mode
            }
            return 0;
        });
        return command;
    }

    /// <returns>Simulated seconds at which the wanted number of tracks was reached.</returns>
    private static double Measure(IAnsiConsole console, Scenario scenario, int wanted, int pictures, IDecisionLog log)
    {
        OperatorApprovalAssigner gate = null!;
        var session = new SimulationSession(scenario, 1, layout => DefaultPipeline.Create(layout, AssignerKind.MarginalReturn,
            inner => gate = new OperatorApprovalAssigner(inner, log, "bench", TimeProvider.System)));
        Pipeline.PipelineStep? step = null;
        var stepping = Stopwatch.StartNew();
        var steps = 0;
        while (!session.Finished && (step is null || step.Tracks.Count < wanted) && steps < 12 * 3600)
        {
            step = session.Step() ?? step;
            steps++;
        }
        var stepSeconds = stepping.Elapsed.TotalSeconds / Math.Max(1, steps);
        var clock = new RunClockState(false, 1);
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };
        var build = new List<double>();
        var serialise = new List<double>();
        var bytes = 0;
        for (var i = 0; i < pictures + 5; i++)
        {
            var sw = Stopwatch.StartNew();
            var picture = PictureBuilder.BuildLive("bench", session, step, gate, clock, [], TimeProvider.System);
            var built = sw.Elapsed.TotalMilliseconds;
            bytes = JsonSerializer.SerializeToUtf8Bytes(picture, json).Length;
            var total = sw.Elapsed.TotalMilliseconds;
            if (i < 5) continue; // warm-up
            build.Add(built);
            serialise.Add(total - built);
        }
        string F(double v, string f) => v.ToString(f, CultureInfo.InvariantCulture);
        var perPush = build.Average() + serialise.Average();
        console.WriteLine($"scenario: {scenario.Name} with {scenario.Waves.Sum(w => w.Count)} threats; {step?.Tracks.Count ?? 0} tracks, " +
                          $"{step?.Threats.Count ?? 0} threats evaluated after {F(session.Time, "0")} s simulated");
        console.WriteLine($"pipeline step with these tracks: {F(stepSeconds * 1000, "0.00")} ms mean over {steps} steps");
        console.WriteLine($"live picture build: {F(build.Average(), "0.00")} ms mean (p95 {F(Percentile(build, 0.95), "0.00")} ms); " +
                          $"JSON: {F(serialise.Average(), "0.00")} ms mean, {F(bytes / 1024.0, "0")} KiB per picture on the hub");
        console.WriteLine($"server push cost per picture: {F(perPush, "0.00")} ms, i.e. at most {F(1000 / perPush, "0")} pictures/s " +
                          $"(the live clock pushes {F(1 / LiveRun.FramePeriod, "0")}/s)");
        return session.Time;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
    }
}
