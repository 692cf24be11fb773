using System.CommandLine;
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
        var record = new Option<string?>("--record") { Description = "Also write every datagram received to this pcap file (for `canopy replay`)" };
        var edition = EditionOption.Create();
        var geoJson = new Option<string?>("--geojson") { Description = "At the end, write the picture of the last step (tracks, threats, fire units where they are) to this GeoJSON file" };
        var cotIn = new Option<string?>("--cot-in") { Description = "Receive friendly units' CoT positions (XML or TAK protobuf) on udp://ADDRESS:PORT or tcp://ADDRESS:PORT: mobile fire groups (scenario key cot-uid, optionally cot-from) move in the pipeline" };
        var partner = new Option<string[]>("--partner") { Description = "SAC/SIC whose CAT062 system tracks and CAT021 ADS-B reports are used (repeatable; default 0/255, the simulated ADS-B station)", AllowMultipleArgumentsPerToken = true };
        var from = new Option<string[]>("--from") { Description = "Accept ASTERIX datagrams only from these IP addresses (repeatable; default any)", AllowMultipleArgumentsPerToken = true };
        var status = new Option<double>("--status") { Description = "Print the feed's counters to stderr every this many seconds (0: never)", DefaultValueFactory = _ => 10 };
        var cotOut = CotOut.CreateOptions();
        var command = new Command("listen", "Run the defence pipeline on ASTERIX received over UDP: CAT048 radar plots (one step per CAT034 end of scan), CAT062 partner tracks, CAT021 ADS-B")
            { file, asterix, idle, cat062, record, edition, partner, from, status, cotIn, cotOut.Endpoint, cotOut.Protobuf, geoJson };
        command.SetAction(parse =>
        {
            var console = AnsiConsole.Console;
            if (ScenarioFiles.LoadOrReport(parse.GetValue(file)!, console) is not { } scenario) return 1;
            if (EditionOption.ParseOrReport(parse, edition) is not { } editions) return 1;
            System.Net.IPEndPoint endpoint;
            System.Net.IPEndPoint? tracksTo;
            IReadOnlyList<RadarSite> sites;
            AsterixFeedOptions options;
            try
            {
                endpoint = UdpUri.Parse(parse.GetValue(asterix)!);
                tracksTo = parse.GetValue(cat062) is { } uri ? UdpUri.Parse(uri) : null;
                sites = AsterixFeeds.Sites(scenario);
                options = FeedOptions(parse.GetValue(partner) ?? [], parse.GetValue(from) ?? []);
            }
            catch (Exception e) when (e is FormatException or ArgumentException)
            {
                Console.Error.WriteLine(e.Message);
                return 1;
            }
            if (!CotIn.TryStart(parse.GetValue(cotIn), scenario, out var cot)) return 1;
            using var stopCot = cot;
            if (!CotOut.TryCreate(parse, cotOut, scenario, out var picturesOut)) return 1;
            using var stopCotOut = picturesOut;
            using var publisher = tracksTo is null ? null : new TrackPublisher(tracksTo, scenario);
            var feed = new PlotFeed(scenario, sites, publisher, editions, cot?.Board, picturesOut, options);
            using var listener = new AsterixUdpListener(endpoint, feed.Decoder);
            using var recording = OpenRecording(parse.GetValue(record), listener.LocalEndPoint);
            if (recording is null && parse.GetValue(record) is not null) return 1;
            Console.WriteLine($"listening on udp://{listener.LocalEndPoint} for CAT048/CAT034 from {sites.Count} radars (SAC {AsterixFeeds.Sac}, SIC = sensor id), CAT062 system tracks and CAT021 ADS-B (editions {editions})");
            Console.Out.Flush();
            var idleFor = Math.Max(0.1, parse.GetValue(idle));
            var every = parse.GetValue(status);
            var nextStatus = every > 0 ? every : double.PositiveInfinity;
            var lastDatagram = 0.0;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (clock.Elapsed.TotalSeconds - lastDatagram < idleFor)
            {
                var wait = Math.Min(idleFor - (clock.Elapsed.TotalSeconds - lastDatagram), nextStatus - clock.Elapsed.TotalSeconds);
                if (listener.TryReceive(TimeSpan.FromSeconds(Math.Max(0.001, wait)), out var datagram))
                {
                    lastDatagram = clock.Elapsed.TotalSeconds;
                    recording?.Write((DateTimeOffset.UtcNow - DateTimeOffset.UnixEpoch).TotalSeconds, datagram.Span);
                    Receive(feed, datagram.Span, listener);
                }
                if (clock.Elapsed.TotalSeconds < nextStatus) continue;
                Console.Error.WriteLine($"[{clock.Elapsed.TotalSeconds:F0} s] {feed.Status(listener.KernelDrops)}");
                nextStatus += every;
            }
            feed.PrintSummary("received", parse.GetValue(cat062));
            Console.WriteLine(listener.KernelDrops is { } drops ? $"kernel: {drops} datagrams dropped (receive buffer full)" : "kernel: drops not readable");
            if (parse.GetValue(geoJson) is { } geoJsonPath && !ExportPicture(feed, geoJsonPath)) return 1;
            if (cot is not null)
            {
                Console.WriteLine(cot.Feed.ToString());
                foreach (var e in cot.Board.Effectors.Where(e => cot.Board.TryGetPosition(e.Id, out _)))
                    Console.WriteLine(System.FormattableString.Invariant($"fire unit {e.Id} last reported at {e.Position.LatitudeDeg:F5}, {e.Position.LongitudeDeg:F5}"));
            }
            if (recording is not null) Console.WriteLine($"recorded {recording.Datagrams} datagrams to {parse.GetValue(record)}");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// One datagram through the feed. The decoder never throws on input; should a pipeline step fail all the same, the datagram
    /// is dropped, the fault counted as a restart of the feed and printed, and listening goes on: the defence is not stopped.
    /// </summary>
    private static void Receive(PlotFeed feed, ReadOnlySpan<byte> datagram, AsterixUdpListener listener)
    {
        try
        {
            feed.Receive(datagram, listener.From, listener.ReceivedAt);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            feed.Decoder.Counters.CountRestart($"{e.GetType().Name}: {e.Message}");
            Console.Error.WriteLine($"feed fault, datagram dropped, listening goes on: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>The feed's options from --partner SAC/SIC and --from ADDRESS (FormatException naming the bad one).</summary>
    internal static AsterixFeedOptions FeedOptions(string[] partners, string[] addresses)
    {
        var options = AsterixFeeds.Options;
        if (partners.Length > 0) options = options with { Partners = partners.Select(AsterixFeeds.ParsePartner).ToHashSet() };
        if (addresses.Length == 0) return options;
        var list = new List<System.Net.IPAddress>();
        foreach (var a in addresses)
            list.Add(System.Net.IPAddress.TryParse(a, out var address) ? address : throw new FormatException($"--from '{a}': expected a numeric IP address"));
        return options with { SourceAddresses = list };
    }

    /// <summary>Writes the last step's picture as GeoJSON; false (with the reason on stderr) when it cannot.</summary>
    private static bool ExportPicture(PlotFeed feed, string path)
    {
        if (feed.Picture is not { } picture)
        {
            Console.Error.WriteLine($"--geojson {path}: no pipeline step ran, no picture written");
            return true;
        }
        try
        {
            PictureObserver.Export(picture, path, null);
            Console.WriteLine($"picture at {picture.Time:F1} s written to {path}");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"--geojson {path}: {e.Message}");
            return false;
        }
    }

    /// <summary>The pcap to record into, or null (with the reason on stderr) when it cannot be created.</summary>
    private static Canopy.Interop.Asterix.Files.CaptureWriter? OpenRecording(string? path, System.Net.IPEndPoint at)
    {
        if (path is null) return null;
        try
        {
            return new Canopy.Interop.Asterix.Files.CaptureWriter(File.Create(path), at, at);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            Console.Error.WriteLine($"--record {path}: {e.Message}");
            return null;
        }
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
        Sender.Send(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_records));
    }

    public void Dispose() => Sender.Dispose();
}
