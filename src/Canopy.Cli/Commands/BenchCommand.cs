using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Canopy.Pipeline;
using Canopy.Scenarios.Model;
using Canopy.Simulation.Running;
using Spectre.Console;

namespace Canopy.Cli.Commands;

/// <summary>`canopy bench ...`: figures measured here, printed, never asserted in tests.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var command = new Command("bench", "Measure Canopy's speed on this machine");
        command.Subcommands.Add(CreateSimulate());
        command.Subcommands.Add(BenchTrackCommand.Create());
        command.Subcommands.Add(BenchAssignCommand.Create());
        command.Subcommands.Add(BenchWtaCommand.Create());
        command.Subcommands.Add(AsterixBenchCommand.Create());
        command.Subcommands.Add(ServeBench.Create());
        command.Subcommands.Add(BenchShieldCommand.Create());
        return command;
    }

    private static Command CreateSimulate()
    {
        var file = new Argument<string>("scenario") { Description = "Scenario file (YAML)" };
        var runs = new Option<int>("--runs") { Description = "Timed runs (after one warm-up run)", DefaultValueFactory = _ => 3 };
        var seed = new Option<int>("--seed") { Description = "Seed of the warm-up run; the timed runs take the next ones", DefaultValueFactory = _ => 1 };
        var assigner = new Option<AssignerKind>("--assigner") { Description = "Weapon assigner the pipeline runs", DefaultValueFactory = _ => AssignerKind.MarginalReturn };
        var command = new Command("simulate",
            "CPU seconds per run (median and range), wall time, simulated seconds per wall second, time per stage and peak memory, on one thread")
            { file, runs, seed, assigner };
        command.SetAction(parse =>
        {
            var console = AnsiConsole.Console;
            if (ScenarioFiles.LoadOrReport(parse.GetValue(file)!, console) is not { } scenario) return 1;
            var kind = parse.GetValue(assigner);
            var n = Math.Max(1, parse.GetValue(runs));
            var s0 = parse.GetValue(seed);
            var warm = Run(scenario, s0, kind, null);
            var walls = new List<double>();
            var cpus = new List<double>();
            var times = new StageTimes();
            double simulated = 0;
            for (var i = 0; i < n; i++)
            {
                var cpuBefore = ProcessCpu();
                var start = Stopwatch.GetTimestamp();
                var r = Run(scenario, s0 + 1 + i, kind, times);
                walls.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
                // CPU time of the whole process (the run's thread plus the GC's): the figure that does not depend on what else the machine runs.
                cpus.Add((ProcessCpu() - cpuBefore).TotalSeconds);
                simulated += r.SimulatedSeconds;
            }
            var proc = Process.GetCurrentProcess();
            proc.Refresh();
            string F(double v, string f) => v.ToString(f, CultureInfo.InvariantCulture);
            string Spread(List<double> v) => $"median {F(Median(v), "0.000")} (min {F(v.Min(), "0.000")}, max {F(v.Max(), "0.000")}, {n} runs)";
            console.WriteLine($"scenario: {scenario.Name}, {scenario.Waves.Sum(w => w.Count)} threats, warm-up run (seed {s0}) simulated {F(warm.SimulatedSeconds, "0")} s, timed runs seeds {s0 + 1}..{s0 + n}");
            console.WriteLine($"CPU seconds per run: {Spread(cpus)}, machine load average {F(LoadAverage(), "0.0")}");
            console.WriteLine($"wall seconds per run: {Spread(walls)}, one thread");
            console.WriteLine($"simulated seconds per wall second: {F(simulated / walls.Sum(), "0")}");
            var table = new Table().AddColumn("stage").AddColumn(new TableColumn("wall s per run").RightAligned()).AddColumn(new TableColumn("share").RightAligned());
            var total = times.Total.TotalSeconds;
            foreach (var stage in Enum.GetValues<Stage>())
            {
                var seconds = times[stage].TotalSeconds;
                table.AddRow(stage.ToString(), F(seconds / n, "0.000"), F(total > 0 ? 100 * seconds / total : 0, "0.0") + " %");
            }
            table.AddRow("all", F(total / n, "0.000"), "100 %");
            console.Write(table);
            console.WriteLine($"peak memory (working set): {F(proc.PeakWorkingSet64 / 1048576.0, "0.0")} MiB");
            return 0;
        });
        return command;
    }

    /// <summary>One night, its stages timed into <paramref name="times"/> when given.</summary>
    private static Simulation.Results.RunResult Run(Scenario scenario, int seed, AssignerKind kind, StageTimes? times)
    {
        var session = new SimulationSession(scenario, seed, layout => DefaultPipeline.Create(layout, kind)) { Times = times };
        while (!session.Finished) session.Step();
        return session.Result();
    }

    private static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double LoadAverage() =>
        File.Exists("/proc/loadavg") && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var load)
            ? load
            : double.NaN;
}
