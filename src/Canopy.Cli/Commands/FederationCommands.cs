using System.CommandLine;
using System.Globalization;
using Canopy.Cli.Rendering;
using Canopy.Federation.Hosting;
using Canopy.Federation.Messages;
using Canopy.Federation.Node;
using Canopy.Federation.Transport;
using Canopy.Federation.Trust;
using Canopy.Federation.World;
using Spectre.Console;

namespace Canopy.Cli.Commands;

/// <summary>
/// <c>canopy world</c>, <c>canopy node</c> and <c>canopy shield</c>: a federation of nodes, one per nation, over RabbitMQ.
/// The broker's URI (with the party's user and password) comes from <c>--broker</c> or, better (it is then not on the
/// command line), from the environment variable CANOPY_BROKER.
/// </summary>
internal static class FederationCommands
{
    private const string BrokerVariable = "CANOPY_BROKER";

    private static Option<string?> BrokerOption() => new("--broker")
    {
        Description = $"Broker URI amqp://USER:PASSWORD@HOST:PORT/ (default: the environment variable {BrokerVariable})",
    };

    private static Option<string> KeysOption() => new("--keys")
    {
        Description = "Folder of the nations' keys: this party's private key NATION.key.pem, the partners' public keys NATION.pub.pem",
        DefaultValueFactory = _ => Path.Combine(".canopy", "keys"),
    };

    private static Uri? BrokerUri(string? given, IAnsiConsole console)
    {
        var text = given ?? Environment.GetEnvironmentVariable(BrokerVariable);
        if (text is not null && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "amqp" or "amqps" && uri.UserInfo.Contains(':', StringComparison.Ordinal))
            return uri;
        console.MarkupLine($"[red]--broker (or {BrokerVariable}) must be amqp://USER:PASSWORD@HOST:PORT/[/]");
        return null;
    }

    public static Command World()
    {
        var scenarioFile = new Option<string>("--scenario") { Description = "Scenario file (YAML) whose sensors and fire units carry nations", Required = true };
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 1 };
        var broker = BrokerOption();
        var keys = KeysOption();
        var pace = new Option<double>("--pace") { Description = "Least wall seconds per tick (0: as fast as the nodes answer)", DefaultValueFactory = _ => 0 };
        var command = new Command("world", "Play the simulated raid and give each nation's node only its own sensors' plots") { scenarioFile, seed, broker, keys, pace };
        command.SetAction(async (parse, ct) =>
        {
            var console = AnsiConsole.Console;
            if (ScenarioFiles.LoadOrReport(parse.GetValue(scenarioFile)!, console) is not { } scenario) return 1;
            if (BrokerUri(parse.GetValue(broker), console) is not { } uri) return 1;
            var options = WorldOptions.Default with { Pace = TimeSpan.FromSeconds(parse.GetValue(pace)) };
            if (options.Validate() is { Count: > 0 } problems)
            {
                console.MarkupLine($"[red]{Markup.Escape(string.Join("; ", problems))}[/]");
                return 1;
            }
            var nations = NationNode.NationsOf(scenario);
            await using var link = FederationLinks.World(uri, nations, new NationKeys(parse.GetValue(keys)!));
            var world = new WorldRunner(scenario, parse.GetValue(seed), link, options);
            console.MarkupLine($"world: {Markup.Escape(scenario.Name)}, nations {string.Join(", ", nations)}, broker {Markup.Escape(uri.Host)}:{uri.Port}; waiting for the nodes");
            var run = await world.RunAsync(ct);
            RunReportRenderer.Render(console, run.Run);
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"world: {run.Ticks} ticks in {run.Elapsed.TotalSeconds:0.0} s, late answers {run.LateAnswers}, shots refused (not the nation's unit) {run.RejectedShots}, threats engaged by two nations {run.ThreatsEngagedByTwoNations}; received {link.Counters}"));
            return 0;
        });
        return command;
    }

    public static Command Node()
    {
        var nation = new Option<string>("--nation") { Description = "This node's nation code (e.g. UA)", Required = true };
        var scenarioFile = new Option<string>("--scenario") { Description = "Scenario file (YAML): this nation's sensors, fire units and the defended assets", Required = true };
        var broker = BrokerOption();
        var keys = KeysOption();
        var port = new Option<int>("--port") { Description = "Console port on 127.0.0.1 (0: none)", DefaultValueFactory = _ => 8601 };
        var wait = new Option<double>("--partner-wait") { Description = "Seconds a phase waits for a partner before going on alone", DefaultValueFactory = _ => 10 };
        var command = new Command("node", "Run one nation's pipeline from its own plots, exchange tracks, unit status and claims with its partners") { nation, scenarioFile, broker, keys, port, wait };
        command.SetAction(async (parse, ct) =>
        {
            var console = AnsiConsole.Console;
            if (ScenarioFiles.LoadOrReport(parse.GetValue(scenarioFile)!, console) is not { } scenario) return 1;
            if (BrokerUri(parse.GetValue(broker), console) is not { } uri) return 1;
            var code = parse.GetValue(nation)!;
            var nations = NationNode.NationsOf(scenario);
            if (!nations.Contains(code))
            {
                console.MarkupLine($"[red]nation {Markup.Escape(code)} has no sensor or fire unit in {Markup.Escape(scenario.Name)} (nations: {string.Join(", ", nations)})[/]");
                return 1;
            }
            var options = NodeOptions.Default with { PartnerWait = TimeSpan.FromSeconds(parse.GetValue(wait)) };
            if (options.Validate() is { Count: > 0 } problems)
            {
                console.MarkupLine($"[red]{Markup.Escape(string.Join("; ", problems))}[/]");
                return 1;
            }
            await using var link = FederationLinks.Node(uri, code, nations, new NationKeys(parse.GetValue(keys)!));
            var runner = new NodeRunner(new NationNode(scenario, code), link, options);
            NodeConsole? console2 = parse.GetValue(port) is > 0 and var p ? new NodeConsole(runner, p) : null;
            console.MarkupLine($"node {code}: broker {Markup.Escape(uri.Host)}:{uri.Port}" + (console2 is null ? "" : $", console {console2.Address}"));
            using var progress = new Timer(_ =>
            {
                var s = runner.Status();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"node {s.Nation}: {s.Mode}{(s.LinkUp ? "" : " (broker link lost)")} tick {s.Tick} t={s.Time:0} s, picture {s.PictureTracks} tracks, shots {s.Shots}, silent [{string.Join(",", s.SilentPartners)}], received {link.Counters}"));
            }, null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
            try
            {
                await runner.RunAsync(ct);
            }
            finally
            {
                if (console2 is not null) await console2.DisposeAsync();
            }
            var end = runner.Status();
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"node {code}: night over at tick {end.Tick}; proposed {end.Proposed}, held back by claims {end.Deconflicted}, shots {end.Shots}; partner picture latency median {end.LatencyMedianMs:0} ms, p95 {end.LatencyP95Ms:0} ms; received {link.Counters}"));
            return 0;
        });
        return command;
    }

    public static Command Shield()
    {
        var file = new Argument<string>("scenario") { Description = "Scenario file (YAML) with nations, e.g. scenarios/shield.yaml" };
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 1 };
        var port = new Option<int>("--port") { Description = "First node console port on 127.0.0.1 (the others follow)", DefaultValueFactory = _ => 8601 };
        var pace = new Option<double>("--pace") { Description = "Least wall seconds per tick (0: as fast as the nodes answer)", DefaultValueFactory = _ => 0 };
        var command = new Command("shield", "Start a private broker, the world and one node per nation on this machine, and print the consoles' addresses") { file, seed, port, pace };
        command.SetAction(async (parse, ct) =>
        {
            var console = AnsiConsole.Console;
            var path = Path.GetFullPath(parse.GetValue(file)!);
            if (ScenarioFiles.LoadOrReport(path, console) is not { } scenario) return 1;
            var self = Environment.ProcessPath ?? "dotnet";
            IReadOnlyList<string> command = Path.GetFileNameWithoutExtension(self) == "dotnet" ? [self, typeof(FederationCommands).Assembly.Location] : [self];
            console.MarkupLine("shield: starting a private RabbitMQ on 127.0.0.1 (up to a minute on a loaded machine)...");
            await using var shield = await ShieldLauncher.StartAsync(scenario,
                new ShieldOptions(command, path, parse.GetValue(seed), Path.Combine(".canopy", "shield"), parse.GetValue(port), Pace: parse.GetValue(pace)), ct);
            console.MarkupLine($"shield: broker {shield.Broker.Address} (node {Markup.Escape(shield.Broker.NodeName)}, data in {Markup.Escape(shield.Broker.Folder)})");
            foreach (var n in shield.Nodes) console.MarkupLine($"shield: node {n.Nation} console {n.Console} (log {Markup.Escape(n.Log)})");
            console.MarkupLine($"shield: world log {Markup.Escape(shield.WorldLog)}; Ctrl-C stops everything");
            var code = await shield.WaitForWorldAsync(ct);
            console.MarkupLine($"shield: the world finished (exit {code}); its report:");
            foreach (var line in await File.ReadAllLinesAsync(shield.WorldLog, ct)) Console.WriteLine(line);
            return code;
        });
        return command;
    }
}
