using System.CommandLine;
using System.Runtime.InteropServices;
using Canopy.Core.Sensing;
using Canopy.Interop.Asterix.Feeds;
using Spectre.Console;

namespace Canopy.Cli.Commands;

/// <summary>`canopy listen SCENARIO --asterix udp://...`: the defence pipeline on plots received as ASTERIX CAT048/CAT034.</summary>
internal static class ListenCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("scenario") { Description = "Scenario file: its radars (SIC = sensor id, SAC 0), assets and fire units" };
        var asterix = new Option<string>("--asterix") { Description = "Where to receive ASTERIX", DefaultValueFactory = _ => "udp://127.0.0.1:8600" };
        var idle = new Option<double>("--idle") { Description = "Stop after this many seconds without a datagram", DefaultValueFactory = _ => 10 };
        var command = new Command("listen", "Run the defence pipeline on radar plots received as ASTERIX CAT048, one step per CAT034 end-of-scan message")
            { file, asterix, idle };
        command.SetAction(parse =>
        {
            var console = AnsiConsole.Console;
            if (ScenarioFiles.LoadOrReport(parse.GetValue(file)!, console) is not { } scenario) return 1;
            System.Net.IPEndPoint endpoint;
            IReadOnlyList<RadarSite> sites;
            try
            {
                endpoint = UdpUri.Parse(parse.GetValue(asterix)!);
                sites = AsterixFeeds.Sites(scenario);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                Console.Error.WriteLine($"--asterix: {e.Message}");
                return 1;
            }
            var tally = new AsterixFeeds.Tally(AsterixFeeds.Pipeline(scenario));
            using var listener = new AsterixUdpListener(endpoint, sites, AsterixFeeds.StartTimeOfDay(scenario));
            Console.WriteLine($"listening on udp://{listener.LocalEndPoint} for CAT048/CAT034 from {sites.Count} radars (SAC {AsterixFeeds.Sac}, SIC = sensor id)");
            Console.Out.Flush();
            var plots = new List<Plot>();
            long plotCount = 0;
            var timeout = TimeSpan.FromSeconds(Math.Max(0.1, parse.GetValue(idle)));
            while (listener.Receive(timeout, plots, out var stepTime))
            {
                if (stepTime is not { } t) continue;
                plotCount += plots.Count;
                tally.Step(t, CollectionsMarshal.AsSpan(plots));
                plots.Clear();
            }
            Console.WriteLine($"received {listener.Datagrams} datagrams ({listener.BadDatagrams} malformed), {listener.Records} records, {plotCount} plots, " +
                              $"{listener.UnknownSources} from unknown radars");
            if (listener.LastError is { } error) Console.WriteLine($"last fault: {error}");
            Console.WriteLine($"pipeline: {tally}");
            return 0;
        });
        return command;
    }
}
