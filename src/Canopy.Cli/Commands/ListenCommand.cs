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
        var cat062 = new Option<string?>("--cat062-out") { Description = "Publish the tracks of every step as ASTERIX CAT062 system tracks to udp://ADDRESS:PORT" };
        var idle = new Option<double>("--idle") { Description = "Stop after this many seconds without a datagram", DefaultValueFactory = _ => 10 };
        var command = new Command("listen", "Run the defence pipeline on radar plots received as ASTERIX CAT048, one step per CAT034 end-of-scan message")
            { file, asterix, idle, cat062 };
        command.SetAction(parse =>
        {
            var console = AnsiConsole.Console;
            if (ScenarioFiles.LoadOrReport(parse.GetValue(file)!, console) is not { } scenario) return 1;
            System.Net.IPEndPoint endpoint;
            System.Net.IPEndPoint? tracksTo;
            IReadOnlyList<RadarSite> sites;
            try
            {
                endpoint = UdpUri.Parse(parse.GetValue(asterix)!);
                tracksTo = parse.GetValue(cat062) is { } uri ? UdpUri.Parse(uri) : null;
                sites = AsterixFeeds.Sites(scenario);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                Console.Error.WriteLine(e.Message);
                return 1;
            }
            var tally = new AsterixFeeds.Tally(AsterixFeeds.Pipeline(scenario));
            using var listener = new AsterixUdpListener(endpoint, sites, AsterixFeeds.StartTimeOfDay(scenario));
            Console.WriteLine($"listening on udp://{listener.LocalEndPoint} for CAT048/CAT034 from {sites.Count} radars (SAC {AsterixFeeds.Sac}, SIC = sensor id)");
            Console.Out.Flush();
            using var publisher = tracksTo is null ? null : new TrackPublisher(tracksTo, scenario);
            var plots = new List<Plot>();
            long plotCount = 0;
            var timeout = TimeSpan.FromSeconds(Math.Max(0.1, parse.GetValue(idle)));
            while (listener.Receive(timeout, plots, out var stepTime))
            {
                if (stepTime is not { } t) continue;
                plotCount += plots.Count;
                var step = tally.Step(t, CollectionsMarshal.AsSpan(plots));
                publisher?.Publish(step);
                plots.Clear();
            }
            Console.WriteLine($"received {listener.Datagrams} datagrams ({listener.BadDatagrams} malformed), {listener.Records} records, {plotCount} plots, " +
                              $"{listener.UnknownSources} from unknown radars");
            if (listener.LastError is { } error) Console.WriteLine($"last fault: {error}");
            Console.WriteLine($"pipeline: {tally}");
            if (publisher is not null) Console.WriteLine($"CAT062: {publisher.Sender.Tracks} track reports in {publisher.Sender.Datagrams} datagrams to {parse.GetValue(cat062)}");
            return 0;
        });
        return command;
    }
}

/// <summary>Each pipeline step's tracks as CAT062 system tracks (SAC 0, SIC 0), positions relative to the scenario's region centre.</summary>
internal sealed class TrackPublisher(System.Net.IPEndPoint target, Canopy.Scenarios.Model.Scenario scenario) : IDisposable
{
    private readonly Canopy.Core.Geodesy.LocalFrame _frame = new(scenario.Region.Centre);
    private readonly double _start = AsterixFeeds.StartTimeOfDay(scenario);
    private readonly List<Canopy.Interop.Asterix.Categories.Cat062Record> _records = [];

    public SystemTrackSender Sender { get; } = new(target);

    public void Publish(Canopy.Pipeline.PipelineStep step)
    {
        _records.Clear();
        var timeOfDay = (_start + step.Time) % 86400;
        foreach (var t in step.Tracks)
            _records.Add(SystemTracks.ToRecord(t.Id, t.Status == Canopy.Tracking.TrackStatus.Confirmed, timeOfDay, t.Position, t.Velocity, _frame,
                new Canopy.Interop.Asterix.Coding.DataSource(AsterixFeeds.Sac, 0)));
        Sender.Send(CollectionsMarshal.AsSpan(_records));
    }

    public void Dispose() => Sender.Dispose();
}
