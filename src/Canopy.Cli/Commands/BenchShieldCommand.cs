using System.CommandLine;
using System.Globalization;
using Canopy.Federation.Evaluation;
using Canopy.Federation.Hosting;
using Canopy.Simulation.Running;
using Spectre.Console;

namespace Canopy.Cli.Commands;

/// <summary>
/// <c>canopy bench shield</c>: the federated night over a private broker, in this process (a node per nation, each with its
/// own broker user, key and connection): messages per second per node, broker CPU (its beam.smp in /proc), latency from the
/// world's plots to a partner's fused picture (median, p95), and leakers, damage and rounds against the in-process
/// federated night and the single-process night.
/// </summary>
internal static class BenchShieldCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("scenario") { Description = "Scenario file (YAML) with nations", DefaultValueFactory = _ => "scenarios/shield.yaml" };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1 };
        var command = new Command("shield", "Messages per second per node, broker CPU, plot-to-partner-picture latency, federated against single-process results") { file, seed };
        command.SetAction(async (parse, ct) =>
        {
            var console = AnsiConsole.Console;
            if (ScenarioFiles.LoadOrReport(parse.GetValue(file)!, console) is not { } scenario) return 1;
            var s = parse.GetValue(seed);
            string F(double v, string f) => v.ToString(f, CultureInfo.InvariantCulture);
            var folder = Path.Combine(".canopy", "bench-shield");
            var bench = await ShieldBench.RunAsync(scenario, s, folder, ct);
            var table = new Table().Title($"Federated night over RabbitMQ: {Markup.Escape(scenario.Name)}, seed {s}, {bench.Run.Ticks} ticks in {F(bench.Wall.TotalSeconds, "0.0")} s wall");
            foreach (var c in new[] { "Node", "Messages in/s", "Messages out/s", "Latency median (ms)", "Latency p95 (ms)", "Dropped", "Shots" }) table.AddColumn(c);
            foreach (var n in bench.Nodes)
                table.AddRow(n.Nation, F(n.InPerSecond, "0"), F(n.OutPerSecond, "0"), F(n.LatencyMedianMs, "0"), F(n.LatencyP95Ms, "0"), n.Dropped.ToString(CultureInfo.InvariantCulture),
                    n.Shots.ToString(CultureInfo.InvariantCulture));
            console.Write(table);
            console.WriteLine($"broker CPU: {F(bench.BrokerCpuSeconds, "0.0")} s over {F(bench.Wall.TotalSeconds, "0.0")} s wall ({F(100 * bench.BrokerCpuSeconds / Math.Max(1e-3, bench.Wall.TotalSeconds), "0")} % of one core); machine load average {F(LoadAverage(), "0.0")}");
            console.WriteLine("latency: from the world's sending of a tick's plots to a partner's tracks of that tick in this node's fused picture (target p95 < 250 ms on loopback)");
            var inProcess = new FederatedNight(scenario, s).Run();
            var single = SimulationRunner.CreateDefault().Run(scenario, s);
            var results = new Table().Title("Leakers, damage and rounds");
            foreach (var c in new[] { "Night", "Leaked", "Destroyed", "Damage", "Rounds", "Threats engaged by two nations" }) results.AddColumn(c);
            void Row(string name, Canopy.Simulation.Results.RunResult r, string twice) => results.AddRow(name, r.Threats.Sum(t => t.Leaked).ToString(CultureInfo.InvariantCulture),
                r.Threats.Sum(t => t.Destroyed).ToString(CultureInfo.InvariantCulture), F(r.TotalDamage, "0.0"), r.Interceptors.Sum(i => i.Rounds).ToString(CultureInfo.InvariantCulture), twice);
            Row("federated over RabbitMQ", bench.Run.Run, bench.Run.ThreatsEngagedByTwoNations.ToString(CultureInfo.InvariantCulture));
            Row("federated in process", inProcess.Run, inProcess.ThreatsEngagedByTwoNations.ToString(CultureInfo.InvariantCulture));
            Row("single process", single, "");
            console.Write(results);
            return 0;
        });
        return command;
    }

    private static double LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }
}
