using System.Net;
using System.Net.Sockets;
using Canopy.Cli.Commands;
using Canopy.Core.Geometry;
using Canopy.Core.Sensing;
using Canopy.Interop.Asterix.Categories;
using Canopy.Interop.Asterix.Coding;
using Canopy.Interop.Asterix.Feeds;
using Canopy.Interop.Cot;
using Xunit.Abstractions;

namespace Canopy.Cli.Tests.Commands;

/// <summary>
/// Seeded random and mutated datagrams through the receive paths of `listen` (ASTERIX: <see cref="PlotFeed.Receive"/>, decode
/// and pipeline step), `serve --cot-in` and `listen --cot-in` (<see cref="CotPositionFeed.Handle"/>), `cot-listen`
/// (<see cref="CotListenCommand.Describe"/>) and the TCP stream splitter: in process for the million, then a smaller part
/// through real loopback sockets. Nothing may throw, every datagram is counted, and the managed heap after the run is within
/// a bound of the heap before.
/// </summary>
public class FeedFuzzTests(ITestOutputHelper output)
{
    private const int AsterixDatagrams = 500_000, CotXmlDatagrams = 250_000, TakDatagrams = 250_000;

    /// <summary>Now, for the boards' future check and the reports' times, so that a run gives the same counts every time.</summary>
    private static readonly DateTime Now = new(2026, 12, 7, 20, 0, 0, DateTimeKind.Utc);
    private static readonly TimeProvider Clock = new FixedClock(Now);

    private static Canopy.Scenarios.Model.Scenario QuietNight() =>
        Canopy.Scenarios.Loading.ScenarioLoader.Load(Path.Combine(CanopyProcess.RepositoryRoot, "scenarios", "quiet-night.yaml")).Scenario
        ?? throw new InvalidOperationException("quiet-night.yaml does not load");

    [Fact]
    public void Asterix_HalfAMillionRandomAndMutatedDatagrams_ThroughListensDecodeAndStep_NeverThrowAndStayBounded()
    {
        var scenario = QuietNight();
        var feed = new PlotFeed(scenario, AsterixFeeds.Sites(scenario), null, Canopy.Interop.Asterix.AsterixEditions.Newest);
        var corpus = new AsterixCorpus(scenario, 17);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < AsterixDatagrams; i++) feed.Receive(corpus.Next(i), IPAddress.Loopback, i * 0.05);
        var after = GC.GetTotalMemory(forceFullCollection: true);

        var c = feed.Decoder.Counters;
        output.WriteLine($"ASTERIX in process: {AsterixDatagrams} datagrams; {c}; {feed.Decoder.Records} records; {feed.Tally}; heap {before >> 20} MB -> {after >> 20} MB");
        Assert.Equal(AsterixDatagrams, c.Received);
        Assert.True(c.Malformed > AsterixDatagrams / 10, c.ToString());
        Assert.True(c.Implausible > 0 && c.RejectedByTime > 0 && c.RejectedBySource > 0, c.ToString());
        Assert.True(feed.Tally.Steps > 1000, feed.Tally.ToString());
        Assert.True(after - before < 64 << 20, $"heap grew from {before} to {after} bytes");
    }

    [Fact]
    public async Task Cot_HalfAMillionRandomAndMutatedXmlAndTakDatagrams_ThroughServeAndCotListen_NeverThrowAndStayBounded()
    {
        var scenario = QuietNight();
        // MFG-4 takes reports from 10.0.0.1 only; the fuzz sends from loopback.
        var effectors = scenario.Effectors.Select(e => e.Id == "MFG-4" ? e with { CotSources = [IPAddress.Parse("10.0.0.1")] } : e).ToList();
        var board = new EffectorPositionBoard(effectors, null, Clock);
        await using var feed = new CotPositionFeed(CotTransport.Udp, new IPEndPoint(IPAddress.Loopback, 0), board, null, Clock);
        var cotListenBoard = new EffectorPositionBoard(effectors, null, Clock);
        var corpus = new CotCorpus(23);
        var splitter = new CotStreamSplitter();
        var items = new List<CotInbound>();
        long lines = 0, streamed = 0;
        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < CotXmlDatagrams + TakDatagrams; i++)
        {
            var datagram = i % 2 == 0 ? corpus.Xml() : corpus.Tak();
            var inbound = CotInbound.Parse(datagram).From(IPAddress.Loopback);
            feed.Handle(inbound);
            lines += CotListenCommand.Describe(inbound, cotListenBoard).Length > 0 ? 1 : 0;
            if (i % 8 != 0) continue;
            // The TCP path: the same bytes as a stream (TAK datagrams as stream frames), cut at random.
            items.Clear();
            splitter.Append(datagram, items);
            streamed += items.Count;
        }
        var after = GC.GetTotalMemory(forceFullCollection: true);

        var c = feed.Counters;
        output.WriteLine($"CoT in process: {CotXmlDatagrams} XML + {TakDatagrams} TAK datagrams; {feed}; cot-listen lines {lines}; " +
                         $"stream: {streamed} items, {splitter.SkippedBytes} bytes skipped; heap {before >> 20} MB -> {after >> 20} MB");
        Assert.Equal(CotXmlDatagrams + TakDatagrams, c.Received);
        Assert.Equal(c.Received, lines);
        Assert.True(c.Malformed > 100_000 && feed.Applied > 1000, feed.ToString());
        Assert.True(c.RejectedByTime > 0 && c.Implausible > 0 && c.RejectedBySource > 0, feed.ToString());
        Assert.Equal(0, c.Restarts);
        Assert.True(after - before < 64 << 20, $"heap grew from {before} to {after} bytes");
    }

    [Fact]
    public async Task Loopback_RandomAndMutatedDatagramsThroughRealSockets_AreAllCountedAndTheFeedsLive()
    {
        const int asterix = 20_000, cot = 10_000;
        var scenario = QuietNight();
        var feed = new PlotFeed(scenario, AsterixFeeds.Sites(scenario), null, Canopy.Interop.Asterix.AsterixEditions.Newest);
        using var listener = new AsterixUdpListener(new IPEndPoint(IPAddress.Loopback, 0), feed.Decoder);
        var board = new EffectorPositionBoard(scenario.Effectors, null, Clock);
        await using var udpFeed = new CotPositionFeed(CotTransport.Udp, new IPEndPoint(IPAddress.Loopback, 0), board, null, Clock);
        await using var tcpFeed = new CotPositionFeed(CotTransport.Tcp, new IPEndPoint(IPAddress.Loopback, 0), new EffectorPositionBoard(scenario.Effectors, null, Clock), null, Clock);
        using var sender = new UdpClient();
        var asterixCorpus = new AsterixCorpus(scenario, 29);
        var cotCorpus = new CotCorpus(31);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(tcpFeed.LocalEndPoint);
        var stream = tcp.GetStream();
        var received = 0;
        for (var i = 0; i < asterix; i++)
        {
            sender.Send(asterixCorpus.Next(i), listener.LocalEndPoint);
            if (i < cot)
            {
                sender.Send(i % 2 == 0 ? cotCorpus.Xml() : cotCorpus.Tak(), udpFeed.LocalEndPoint);
                await stream.WriteAsync(cotCorpus.Xml());
            }
            while (listener.TryReceive(TimeSpan.Zero, out var datagram))
            {
                feed.Receive(datagram.Span, listener.From, listener.ReceivedAt);
                received++;
            }
        }
        while (listener.TryReceive(TimeSpan.FromSeconds(1), out var datagram))
        {
            feed.Receive(datagram.Span, listener.From, listener.ReceivedAt);
            received++;
        }
        for (var i = 0; i < 400 && udpFeed.Received + (udpFeed.KernelDrops ?? 0) < cot; i++) await Task.Delay(25);
        tcp.Close();

        output.WriteLine($"loopback: ASTERIX {received} of {asterix} received ({listener.KernelDrops} dropped by the kernel), {feed.Status(listener.KernelDrops)}; " +
                         $"CoT UDP {udpFeed}; CoT TCP {tcpFeed}");
        Assert.Equal(asterix, received + (listener.KernelDrops ?? 0));
        Assert.Equal(cot, udpFeed.Received + (udpFeed.KernelDrops ?? 0));
        Assert.True(tcpFeed.Received > 0);
        Assert.Equal(0, udpFeed.Counters.Restarts + tcpFeed.Counters.Restarts);
        // The CoT feed still applies a genuine report after all that: 100 m north of where MFG-2 was last reported.
        Assert.True(board.TryGetPosition("MFG-2", out var last));
        var report = new CotEvent("a-f-G-U-C", "MFG-2", Now, Now, Now.AddMinutes(2), "h-g-i-g-o",
            last.LatitudeDeg + 0.0009, last.LongitudeDeg, 150, 5, 10, CotDetail.Empty);
        using (var xml = new UdpCotSender(udpFeed.LocalEndPoint, CotEncoding.Xml)) xml.Send(report);
        for (var i = 0; i < 200 && !(board.TryGetPosition("MFG-2", out var p) && p != last); i++) await Task.Delay(25);
        Assert.True(board.TryGetPosition("MFG-2", out var moved));
        Assert.Equal(last.LatitudeDeg + 0.0009, moved.LatitudeDeg, 6);
    }

    /// <summary>A copy of <paramref name="written"/> with 1 to 3 bytes bit-flipped or replaced, cut short one time in three.</summary>
    internal static byte[] Mutate(ReadOnlySpan<byte> written, Random rng)
    {
        var data = written.ToArray();
        for (var m = rng.Next(1, 4); m > 0; m--)
        {
            var at = rng.Next(data.Length);
            data[at] = rng.Next(2) == 0 ? (byte)(data[at] ^ (1 << rng.Next(8))) : (byte)rng.Next(256);
        }
        return rng.Next(3) == 0 ? data[..rng.Next(data.Length)] : data;
    }

    /// <summary>
    /// ASTERIX datagrams around a clock that runs 0.05 s per datagram from the quiet night's start (across midnight): the first
    /// 200 genuine (the feed was running before the junk came; its first record sets the feed's clock), then one in four
    /// random bytes (mostly with a known category's header), the rest genuine CAT048 plots of the scenario's radars, CAT062 and
    /// CAT021 of the simulated partner 0/255 with latitudes now and then beyond the pole, CAT034 ends of scan (one in fifty),
    /// foreign SAC/SIC, times hours off; three in four of those mutated.
    /// </summary>
    private sealed class AsterixCorpus(Canopy.Scenarios.Model.Scenario scenario, int seed)
    {
        private readonly Random _rng = new(seed);
        private readonly IReadOnlyList<RadarSite> _sites = AsterixFeeds.Sites(scenario);
        private readonly Canopy.Core.Geodesy.LocalFrame _frame = new(scenario.Region.Centre);
        private readonly double _start = AsterixFeeds.StartTimeOfDay(scenario);
        private readonly byte[] _buffer = new byte[2048];

        public byte[] Next(int i)
        {
            var timeOfDay = (_start + i * 0.05) % 86_400;
            var genuine = i < GenuineLead; // the feed runs before the junk starts: its first record sets the clock
            var kind = genuine ? 25 + _rng.Next(75) : _rng.Next(100);
            if (kind < 25) return RandomBytes();
            if (!genuine && _rng.Next(20) == 0) timeOfDay = (timeOfDay + _rng.Next(1, 24) * 3600) % 86_400; // hours off
            var w = new AsterixWriter(_buffer);
            var source = !genuine && _rng.Next(20) == 0 ? new DataSource(5, 9) : _sites[_rng.Next(_sites.Count)].Source;
            if (kind < 27)
            {
                w.BeginBlock(Cat034Codec.Category);
                Cat034Codec.Encode(new Cat034Record { Items = Cat034Items.I010 | Cat034Items.I000 | Cat034Items.I030, Source = source, MessageType = 2, TimeOfDay = Tod(timeOfDay) }, ref w);
            }
            else if (kind < 75)
            {
                w.BeginBlock(Cat048Codec.Category);
                var site = _sites[_rng.Next(_sites.Count)];
                for (var k = _rng.Next(1, 6); k > 0; k--)
                {
                    var plot = Plot.Polar(site.Id, 0, _rng.NextDouble() * 200_000, _rng.NextDouble() * 2 * Math.PI, _rng.NextDouble() * 0.2);
                    RadarPlots.TryEncode(plot, site, timeOfDay, out var record);
                    Cat048Codec.Encode(record with { Source = source }, ref w);
                }
            }
            else if (kind < 88)
            {
                w.BeginBlock(Cat062Codec.Category);
                var enu = new Vec3(_rng.NextDouble() * 200_000 - 100_000, _rng.NextDouble() * 200_000 - 100_000, _rng.NextDouble() * 10_000);
                var record = SystemTracks.ToRecord(_rng.Next(4096), true, timeOfDay, enu, new Vec3(50, 0, 0), _frame, AsterixFeeds.SimulatedAdsbStation);
                if (_rng.Next(10) == 0) record = record with { Latitude = _rng.Next(1 << 24, int.MaxValue) * (_rng.Next(2) * 2 - 1) };
                Cat062Codec.Encode(record, ref w);
            }
            else
            {
                w.BeginBlock(Cat021Codec.Category);
                var enu = new Vec3(_rng.NextDouble() * 200_000 - 100_000, _rng.NextDouble() * 200_000 - 100_000, 10_000);
                var record = AdsbPositions.ToRecord(new Canopy.ThreatEvaluation.AdsbReport(_rng.Next(1 << 24), 0, enu), _frame, AsterixFeeds.SimulatedAdsbStation, timeOfDay);
                if (_rng.Next(10) == 0) record = record with { LatitudeHighRes = _rng.Next(1 << 29, int.MaxValue) };
                Cat021Codec.Encode(record, ref w);
            }
            w.EndBlock();
            return genuine || _rng.Next(4) == 0 ? w.Written.ToArray() : Mutate(w.Written, _rng);
        }

        /// <summary>Datagrams sent genuine before the junk starts.</summary>
        private const int GenuineLead = 200;

        private static int Tod(double timeOfDay) => (int)Math.Round(timeOfDay * 128) % (86_400 * 128);

        private byte[] RandomBytes()
        {
            var data = new byte[_rng.Next(300)];
            _rng.NextBytes(data);
            if (data.Length >= 3 && _rng.Next(4) != 0)
            {
                data[0] = (byte)(_rng.Next(4) switch { 0 => 48, 1 => 34, 2 => 62, _ => 21 });
                data[1] = 0;
                data[2] = (byte)Math.Min(data.Length, 255);
            }
            return data;
        }
    }

    /// <summary>
    /// CoT datagrams: friendly ground reports for the quiet night's mobile units (by cot-uid), for fixed units and unknown uids,
    /// dated now, in the future or in 9999, each unit walking about 10 m a report, now and then jumping tens of km, to the South
    /// Pole or to latitude 100; one in five random bytes; three in four of the rest mutated.
    /// </summary>
    private sealed class CotCorpus(int seed)
    {
        private static readonly string[] Uids = ["MFG-1", "MFG-2", "MFG-3", "MFG-4", "PATRIOT-1", "ANDROID-x"];
        private readonly Random _rng = new(seed);
        private readonly Dictionary<string, (double Lat, double Lon)> _at = new()
        {
            ["MFG-1"] = (51.02, 31.25), ["MFG-2"] = (50.80, 30.98), ["MFG-3"] = (50.48, 31.35), ["MFG-4"] = (50.44, 31.02),
            ["PATRIOT-1"] = (50.38, 30.45), ["ANDROID-x"] = (50.5, 30.5),
        };
        private DateTime _time = Now.AddHours(-2);

        public byte[] Xml() => Bytes(e => CotXmlWriter.ToUtf8(e));

        public byte[] Tak() => Bytes(TakProtobuf.Mesh);

        private byte[] Bytes(Func<CotEvent, byte[]> encode)
        {
            if (_rng.Next(5) == 0)
            {
                var junk = new byte[_rng.Next(200)];
                _rng.NextBytes(junk);
                return junk;
            }
            _time = _time.AddMilliseconds(20);
            var time = _rng.Next(20) switch { 0 => new DateTime(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc), 1 => _time.AddDays(1), _ => _time };
            var uid = Uids[_rng.Next(Uids.Length)];
            var walk = _at[uid] = (_at[uid].Lat + (_rng.NextDouble() - 0.5) * 2e-4, _at[uid].Lon + (_rng.NextDouble() - 0.5) * 2e-4); // about 10 m a report
            var (lat, lon) = _rng.Next(20) switch { 0 => (-90.0, 0.0), 1 => (100.0, 30.0), 2 => (50.4 + _rng.NextDouble() * 0.6, 30.5 + _rng.NextDouble() * 0.9), _ => walk };
            var e = new CotEvent(_rng.Next(10) == 0 ? "a-h-A-M-F-Q" : "a-f-G-U-C", uid, time, time, time.AddMinutes(2), "h-g-i-g-o",
                lat, lon, _rng.Next(20) == 0 ? 1e8 : 150, 5, 10, new CotDetail(Callsign: "PATRIOT-1"));
            var bytes = encode(e);
            return _rng.Next(4) == 0 ? bytes : Mutate(bytes, _rng);
        }
    }

    private sealed class FixedClock(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now);
    }
}
