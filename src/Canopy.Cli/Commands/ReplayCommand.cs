using System.CommandLine;
using Canopy.Interop.Asterix.Feeds;
using Canopy.Interop.Asterix.Files;
using Spectre.Console;

namespace Canopy.Cli.Commands;

/// <summary>`canopy replay FILE --scenario S [--speed 10]`: a recorded pcap or raw ASTERIX file through the pipeline of `canopy listen`.</summary>
internal static class ReplayCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A pcap/pcapng of UDP datagrams (as `listen --record` writes) or raw ASTERIX data blocks" };
        var scenarioFile = new Option<string>("--scenario") { Description = "Scenario file: its radars (SIC = sensor id, SAC 0), assets and fire units", Required = true };
        var speed = new Option<double>("--speed") { Description = "Times real time (capture times for a pcap, CAT034 times for raw ASTERIX); 0 = as fast as possible", DefaultValueFactory = _ => 1 };
        var cat062 = new Option<string?>("--cat062-out") { Description = "Publish the tracks of every step as ASTERIX CAT062 system tracks to udp://ADDRESS:PORT" };
        var edition = EditionOption.Create();
        var partner = new Option<string[]>("--partner") { Description = "SAC/SIC whose CAT062 system tracks and CAT021 ADS-B reports are used (repeatable; default 0/255, the simulated ADS-B station)", AllowMultipleArgumentsPerToken = true };
        var cotOut = CotOut.CreateOptions();
        var command = new Command("replay", "Replay a recorded ASTERIX file through the defence pipeline, as `canopy listen` runs it on live datagrams")
            { file, scenarioFile, speed, cat062, edition, partner, cotOut.Endpoint, cotOut.Protobuf };
        command.SetAction(parse =>
        {
            if (ScenarioFiles.LoadOrReport(parse.GetValue(scenarioFile)!, AnsiConsole.Console) is not { } scenario) return 1;
            if (EditionOption.ParseOrReport(parse, edition) is not { } editions) return 1;
            var path = parse.GetValue(file)!;
            if (parse.GetValue(speed) is var s && (double.IsNaN(s) || s < 0))
            {
                Console.Error.WriteLine($"--speed {s}: a factor of 0 or more expected (0 = as fast as possible)");
                return 1;
            }
            IReadOnlyList<UdpDatagram> datagrams;
            IReadOnlyList<RadarSite> sites;
            System.Net.IPEndPoint? tracksTo;
            AsterixFeedOptions options;
            try
            {
                datagrams = ReplaySource.Datagrams(File.ReadAllBytes(path), out var cut);
                if (cut is not null) Console.Error.WriteLine($"{path}: warning: {cut}"); // a killed recorder's capture: every whole packet replays
                sites = AsterixFeeds.Sites(scenario);
                tracksTo = parse.GetValue(cat062) is { } uri ? UdpUri.Parse(uri) : null;
                options = ListenCommand.FeedOptions(parse.GetValue(partner) ?? [], []);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine(e is FormatException && !e.Message.StartsWith('\'') ? $"{path}: {e.Message}" : e.Message);
                return 1;
            }
            if (!CotOut.TryCreate(parse, cotOut, scenario, out var picturesOut)) return 1;
            using var stopCotOut = picturesOut;
            using var publisher = tracksTo is null ? null : new TrackPublisher(tracksTo, scenario);
            var feed = new PlotFeed(scenario, sites, publisher, editions, null, picturesOut, options);
            var pacer = new ReplayPacer(s);
            foreach (var d in datagrams)
            {
                pacer.WaitFor(d.Time);
                if (feed.Decode(d.Payload.Span, d.Offset, null, d.Time) is not { } t) continue;
                if (double.IsNaN(d.Time)) pacer.WaitFor(t);
                feed.Step(t);
            }
            feed.PrintSummary("replayed", parse.GetValue(cat062));
            return 0;
        });
        return command;
    }
}
