using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Canopy.Pipeline;
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
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1 };
        var assigner = new Option<AssignerKind>("--assigner") { Description = "Weapon assigner the pipeline runs", DefaultValueFactory = _ => AssignerKind.MarginalReturn };
        var command = new Command("simulate", "Wall time per run, simulated seconds per wall second and peak memory, on one core") { file, runs, seed, assigner };
        command.SetAction(parse =>
        {
            var console = AnsiConsole.Console;
            if (ScenarioFiles.LoadOrReport(parse.GetValue(file)!, console) is not { } scenario) return 1;
            var kind = parse.GetValue(assigner);
            var runner = new SimulationRunner(layout => DefaultPipeline.Create(layout, kind));
            var n = Math.Max(1, parse.GetValue(runs));
            var s0 = parse.GetValue(seed);
            var warm = runner.Run(scenario, s0);
            var walls = new List<double>();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            double simulated = 0;
            for (var i = 0; i < n; i++)
            {
                var sw = Stopwatch.StartNew();
                var r = runner.Run(scenario, s0 + 1 + i);
                walls.Add(sw.Elapsed.TotalSeconds);
                simulated += r.SimulatedSeconds;
            }
            var proc = Process.GetCurrentProcess();
            proc.Refresh();
            var mean = walls.Average();
            string F(double v, string f) => v.ToString(f, CultureInfo.InvariantCulture);
            console.WriteLine($"scenario: {scenario.Name}, {scenario.Waves.Sum(w => w.Count)} threats, warm-up run simulated {F(warm.SimulatedSeconds, "0")} s");
            console.WriteLine($"wall seconds per run: {F(mean, "0.000")} (min {F(walls.Min(), "0.000")}, max {F(walls.Max(), "0.000")}, {n} runs, one thread)");
            console.WriteLine($"simulated seconds per wall second: {F(simulated / walls.Sum(), "0")}");
            // CPU time of the whole process (the run's thread plus the GC's): the figure that does not depend on what else the machine runs.
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds / n;
            console.WriteLine($"CPU seconds per run: {F(cpu, "0.000")} (machine load average {F(LoadAverage(), "0.0")})");
            console.WriteLine($"peak memory (working set): {F(proc.PeakWorkingSet64 / 1048576.0, "0.0")} MiB");
            return 0;
        });
        return command;
    }

    private static double LoadAverage() =>
        File.Exists("/proc/loadavg") && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var load)
            ? load
            : double.NaN;
}
