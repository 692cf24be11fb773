using System.Net;
using System.Net.Sockets;
using System.Text;
using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Quantities;

namespace Canopy.Interop.Cot.Tests;

/// <summary>
/// The crashes and spoofs of issue 17 as regression tests: a TAK protobuf report at latitude 100 (which killed `serve`'s CoT
/// input and `cot-listen`), a spoofed `a-f-G` event naming a fixed battery by uid or callsign, a move to the South Pole at
/// 10^8 m, an event dated 9999-12-31 pinning a unit, reports from an undeclared address, one idle TCP client blocking the
/// others, and a stream of '&lt;' bytes.
/// </summary>
public class HostileInputTests
{
    private static readonly DateTime Now = new(2026, 12, 7, 20, 0, 0, DateTimeKind.Utc);
    private static readonly TimeProvider Clock = new FixedClock(Now);

    private static EffectorSpec Patriot => Fixtures.Effector("PATRIOT-1") with { Class = EffectorClass.LongRangeInterceptor };
    private static EffectorSpec Mobile => Fixtures.Effector("MFG-1") with { CotUid = "ANDROID-5f1e0c" };

    private static CotEvent Report(string uid, double lat, double lon, DateTime time, double hae = 150, string? callsign = null) =>
        new("a-f-G-U-C", uid, time, time, time.AddMinutes(2), "h-g-i-g-o", lat, lon, hae, 5, 10, new CotDetail(Callsign: callsign));

    private static FriendlyPositionUpdate Update(CotEvent e, IPAddress? from = null) => CotInbound.FromEvent(e).From(from).Update!;

    [Fact]
    public void TakProtobuf_Latitude100_IsAnErrorNotAnException()
    {
        var datagram = TakProtobuf.Mesh(Report("ANDROID-5f1e0c", 100, 30, Now));

        var inbound = CotInbound.Parse(datagram);

        Assert.Null(inbound.Update);
        Assert.Contains("lat 100 is not a number in [-90, 90]", inbound.Error!.Message, StringComparison.Ordinal);
        foreach (var bad in new[] { double.NaN, double.PositiveInfinity, 1e300 })
            Assert.NotNull(CotInbound.Parse(TakProtobuf.Mesh(Report("x", 50, 30, Now, hae: bad))).Error);
        Assert.NotNull(CotInbound.Parse(TakProtobuf.Mesh(Report("x", 50, 181, Now))).Error);
    }

    [Fact]
    public void FromEvent_PointOutOfRange_IsAnError() =>
        Assert.NotNull(CotInbound.FromEvent(Report("x", -91, 0, Now)).Error);

    [Fact]
    public async Task CotPositionFeed_Latitude100ProtobufDatagram_IsCountedAndLaterReportsStillMoveTheUnit()
    {
        var board = new EffectorPositionBoard([Mobile], null, Clock);
        await using var feed = new CotPositionFeed(CotTransport.Udp, new IPEndPoint(IPAddress.Loopback, 0), board, null, Clock);
        using (var proto = new UdpCotSender(feed.LocalEndPoint, CotEncoding.TakProtobuf))
        {
            proto.Send(Report("ANDROID-5f1e0c", 100, 30.52, Now));
            proto.Send(Report("ANDROID-5f1e0c", 50.5, 30.52, Now));
        }
        await WaitFor(() => feed.Received == 2);

        Assert.Equal(1, feed.Bad);
        Assert.Equal(1, feed.Applied);
        Assert.True(board.TryGetPosition("MFG-1", out var p));
        Assert.Equal(50.5, p.LatitudeDeg, 9);
    }

    [Fact]
    public async Task CotPositionFeed_LoopThatThrows_IsRestartedAndReported()
    {
        var failing = new FailingOnceClock(Now);
        var board = new EffectorPositionBoard([Mobile], null, failing);
        await using var feed = new CotPositionFeed(CotTransport.Udp, new IPEndPoint(IPAddress.Loopback, 0), board, null, Clock);
        using (var xml = new UdpCotSender(feed.LocalEndPoint, CotEncoding.Xml)) xml.Send(Report("ANDROID-5f1e0c", 50.5, 30.52, Now));
        await WaitFor(() => feed.Counters.Restarts == 1);
        using (var xml = new UdpCotSender(feed.LocalEndPoint, CotEncoding.Xml)) xml.Send(Report("ANDROID-5f1e0c", 50.5, 30.52, Now));
        await WaitFor(() => feed.Applied == 1);

        Assert.Contains("InvalidOperationException: the clock failed", feed.Counters.LastFault, StringComparison.Ordinal);
        Assert.Contains("1 restarts", feed.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PATRIOT-1", null)]
    [InlineData("spoofer", "PATRIOT-1")]
    [InlineData("MFG-1", null)] // a mobile unit's id is not its uid
    public void Board_SpoofedEventNamingAUnitByIdOrCallsign_MovesNothing(string uid, string? callsign)
    {
        var board = new EffectorPositionBoard([Patriot, Mobile], null, Clock);

        var verdict = board.Apply(Update(Report(uid, -90, 0, Now, hae: 1e8, callsign: callsign)), out var moved);

        Assert.Equal(PositionVerdict.NotMobile, verdict);
        Assert.Null(moved);
        Assert.False(board.TryGetPosition("PATRIOT-1", out _));
        Assert.Equal(Fixtures.Origin, board.Effectors.Single(e => e.Id == "PATRIOT-1").Position);
    }

    [Fact]
    public void Board_MobileUnitToTheSouthPoleAt1e8Metres_IsImplausible()
    {
        var board = new EffectorPositionBoard([Mobile], null, Clock);
        Assert.Equal(PositionVerdict.Implausible, board.Apply(Update(Report("ANDROID-5f1e0c", -90, 0, Now, hae: 1e8)), out _));
        Assert.Equal(PositionVerdict.Implausible, board.Apply(Update(Report("ANDROID-5f1e0c", -90, 0, Now)), out _));
        Assert.False(board.TryGetPosition("MFG-1", out _));
    }

    [Fact]
    public void Board_EventDated9999_IsRefusedAndDoesNotPinTheUnit()
    {
        var board = new EffectorPositionBoard([Mobile], null, Clock);
        var future = new DateTime(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal(PositionVerdict.RejectedByTime, board.Apply(Update(Report("ANDROID-5f1e0c", 50.5, 30.52, future)), out _));
        Assert.Equal(PositionVerdict.RejectedByTime, board.Apply(Update(Report("ANDROID-5f1e0c", 50.5, 30.52, Now.AddSeconds(31))), out _));

        Assert.Equal(PositionVerdict.Moved, board.Apply(Update(Report("ANDROID-5f1e0c", 50.5, 30.52, Now.AddSeconds(-30))), out _));
        Assert.Equal(PositionVerdict.Moved, board.Apply(Update(Report("ANDROID-5f1e0c", 50.51, 30.52, Now.AddSeconds(30))), out _)); // 30 s of clock lead allowed
    }

    [Fact]
    public void Board_ReportsFromAnUndeclaredAddress_AreRefused()
    {
        var board = new EffectorPositionBoard([Mobile with { CotSources = [IPAddress.Parse("10.20.0.5")] }], null, Clock);
        var report = Report("ANDROID-5f1e0c", 50.5, 30.52, Now);

        Assert.Equal(PositionVerdict.RejectedBySource, board.Apply(Update(report, IPAddress.Parse("10.20.0.6")), out _));
        Assert.Equal(PositionVerdict.RejectedBySource, board.Apply(Update(report), out _));
        Assert.Equal(PositionVerdict.Moved, board.Apply(Update(report, IPAddress.Parse("::ffff:10.20.0.5")), out _));
        Assert.True(board.TryGetReport("MFG-1", out var kept));
        Assert.Equal(IPAddress.Parse("::ffff:10.20.0.5"), kept!.Source);
        Assert.Equal("CoT ANDROID-5f1e0c from ::ffff:10.20.0.5", board.SourceOf("MFG-1"));
    }

    [Fact]
    public void Board_MoveFasterThanTheMaxSpeed_IsImplausible()
    {
        // 120 km/h plus 500 m: 20 km needs at least (20,000 - 500) / 33.3 = 585 s.
        var board = new EffectorPositionBoard([Mobile], null, Clock);
        var start = Now.AddHours(-1);
        Assert.Equal(PositionVerdict.Moved, board.Apply(Update(Report("ANDROID-5f1e0c", 50.45, 30.52, start)), out _));
        var north = new LocalFrame(Geodetic.FromDegrees(50.45, 30.52, 150)).ToGeodetic(new Canopy.Core.Geometry.Vec3(0, 20_000, 0));

        Assert.Equal(PositionVerdict.Implausible, board.Apply(Update(Report("ANDROID-5f1e0c", north.LatitudeDeg, north.LongitudeDeg, start.AddSeconds(580))), out _));
        Assert.Equal(PositionVerdict.Moved, board.Apply(Update(Report("ANDROID-5f1e0c", north.LatitudeDeg, north.LongitudeDeg, start.AddSeconds(590))), out _));
    }

    [Fact]
    public void Splitter_StreamOfLessThanBytes_IsOneErrorAndLinear()
    {
        var splitter = new CotStreamSplitter();
        var output = new List<CotInbound>();
        var chunk = Enumerable.Repeat((byte)'<', 8192).ToArray();
        for (var i = 0; i < 480; i++) splitter.Append(chunk, output); // 3.9 MB
        var good = CotXmlWriter.ToUtf8(Report("ANDROID-5f1e0c", 50.5, 30.52, Now));
        splitter.Append(good, output);

        Assert.Single(output, o => o.Error is not null);
        Assert.Equal("ANDROID-5f1e0c", output[^1].Update!.Uid);
        Assert.Equal(480 * 8192, splitter.SkippedBytes);
    }

    [Fact]
    public void Splitter_EventLongerThanTheLimit_IsDroppedUpToItsEnd()
    {
        var splitter = new CotStreamSplitter(1024);
        var output = new List<CotInbound>();
        var big = Report("ANDROID-5f1e0c", 50.5, 30.52, Now) with { Detail = new CotDetail(Remarks: new string('x', 5000)) };
        var good = CotXmlWriter.ToUtf8(Report("ANDROID-5f1e0c", 50.5, 30.52, Now));
        byte[] stream = [.. CotXmlWriter.ToUtf8(big), .. good];
        for (var i = 0; i < stream.Length; i += 100) splitter.Append(stream.AsSpan(i, Math.Min(100, stream.Length - i)), output);

        Assert.Equal(2, output.Count);
        Assert.Contains("longer than 1024 bytes", output[0].Error!.Message, StringComparison.Ordinal);
        Assert.Equal("ANDROID-5f1e0c", output[1].Update!.Uid);
    }

    [Fact]
    public async Task TcpCotListener_IdleClientConnectedFirst_DoesNotBlockAnotherAndIsClosed()
    {
        using var listener = new TcpCotListener(new IPEndPoint(IPAddress.Loopback, 0), CotInOptions.Default with { IdleTimeout = Duration.FromSeconds(1) });
        using var idle = new TcpClient();
        await idle.ConnectAsync(listener.LocalEndPoint);
        await idle.GetStream().WriteAsync(Encoding.ASCII.GetBytes("<event"));
        using (var sender = new TcpStreamCotSender(listener.LocalEndPoint, CotEncoding.TakProtobuf))
            sender.Send(Report("ANDROID-5f1e0c", 50.5, 30.52, Now));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var enumerator = listener.ReadAllAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);

        Assert.True(await enumerator.MoveNextAsync());
        Assert.Equal("ANDROID-5f1e0c", enumerator.Current.Update!.Uid);
        Assert.Equal(IPAddress.Loopback, enumerator.Current.Update.Source);
        for (var i = 0; i < 200 && listener.IdleClosed == 0; i++) await Task.Delay(25);
        Assert.Equal(1, listener.IdleClosed);
        Assert.Equal(0, listener.Clients);
        await enumerator.DisposeAsync();
    }

    [Fact]
    public async Task TcpCotListener_MoreClientsThanTheLimit_RefusesTheExtraOne()
    {
        using var listener = new TcpCotListener(new IPEndPoint(IPAddress.Loopback, 0), CotInOptions.Default with { MaxClients = 2 });
        using var a = new TcpClient();
        using var b = new TcpClient();
        using var c = new TcpClient();
        await a.ConnectAsync(listener.LocalEndPoint);
        await b.ConnectAsync(listener.LocalEndPoint);
        for (var i = 0; i < 200 && listener.Clients < 2; i++) await Task.Delay(25);
        await c.ConnectAsync(listener.LocalEndPoint);
        for (var i = 0; i < 200 && listener.Refused == 0; i++) await Task.Delay(25);

        Assert.Equal(1, listener.Refused);
        Assert.Equal(2, listener.Clients);
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++) await Task.Delay(25);
        Assert.True(condition(), "not within 5 s");
    }

    private sealed class FixedClock(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now);
    }

    private sealed class FailingOnceClock(DateTime now) : TimeProvider
    {
        private int _calls;

        public override DateTimeOffset GetUtcNow() =>
            Interlocked.Increment(ref _calls) == 1 ? throw new InvalidOperationException("the clock failed") : new DateTimeOffset(now);
    }
}

public class PerRunBoardTests
{
    [Fact]
    public async Task CotPositionFeed_NewBoard_GivesEachRunItsOwnBoardFedByTheOneListener()
    {
        var mobile = Fixtures.Effector("MFG-1") with { CotUid = "ANDROID-5f1e0c" };
        var first = new EffectorPositionBoard([mobile]);
        await using var feed = new CotPositionFeed(CotTransport.Udp, new IPEndPoint(IPAddress.Loopback, 0), first);
        var second = feed.NewBoard([mobile]);
        var fixedOnly = feed.NewBoard([mobile with { CotUid = null }]);
        var now = DateTime.UtcNow;
        using (var xml = new UdpCotSender(feed.LocalEndPoint, CotEncoding.Xml))
            xml.Send(new CotEvent("a-f-G-U-C", "ANDROID-5f1e0c", now, now, now.AddMinutes(2), "h-e", 50.5, 30.52, 150, 5, 10, CotDetail.Empty));
        for (var i = 0; i < 200 && feed.Applied == 0; i++) await Task.Delay(25);

        Assert.NotSame(first, second);
        Assert.True(first.TryGetPosition("MFG-1", out var a));
        Assert.True(second.TryGetPosition("MFG-1", out var b));
        Assert.Equal(a, b);
        Assert.False(fixedOnly.TryGetPosition("MFG-1", out _)); // the same unit without cot-uid in another run's scenario stays put
    }
}
