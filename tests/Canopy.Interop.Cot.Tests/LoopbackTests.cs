using System.Net;
using System.Net.Sockets;
using Canopy.Core.Geodesy;

namespace Canopy.Interop.Cot.Tests;

public class LoopbackTests
{
    private static CotEvent Friendly(string uid, double lat, DateTime time) =>
        new("a-f-G-U-C", uid, time, time, time.AddMinutes(1), "h-g-i-g-o", lat, 30.6, 120, 5, 10, new CotDetail(Callsign: "MFG-1"));

    [Fact]
    public async Task UdpCotListener_XmlProtobufAndGarbage_YieldsTwoUpdatesAndAnError()
    {
        using var listener = new UdpCotListener(new IPEndPoint(IPAddress.Loopback, 0));
        using (var xml = new UdpCotSender(listener.LocalEndPoint, CotEncoding.Xml))
        using (var proto = new UdpCotSender(listener.LocalEndPoint, CotEncoding.TakProtobuf))
        using (var raw = new UdpClient())
        {
            xml.Send(Friendly("unit-a", 50.1, Fixtures.Epoch));
            proto.Send(Friendly("unit-b", 50.2, Fixtures.Epoch));
            raw.Send([0x3C, 0x65, 0x76], 3, listener.LocalEndPoint);
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var received = new List<CotInbound>();
        await foreach (var item in listener.ReadAllAsync(timeout.Token))
        {
            received.Add(item);
            if (received.Count == 3) break;
        }
        Assert.Equal(3, received.Count);
        Assert.Equal(["unit-a", "unit-b"], received.Where(r => r.Update is not null).Select(r => r.Update!.Uid).Order());
        Assert.Equal(50.2, received.Single(r => r.Update?.Uid == "unit-b").Update!.Position.LatitudeDeg, 9);
        Assert.Single(received, r => r.Error is not null);
    }

    [Fact]
    public void TcpStreamCotSender_PortClosed_IsRefusedAtOnce()
    {
        var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var endpoint = (IPEndPoint)server.LocalEndpoint;
        server.Stop();
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var error = Assert.Throws<SocketException>(() => new TcpStreamCotSender(endpoint, CotEncoding.Xml, TimeSpan.FromSeconds(2)));

        Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
        // Refused, not timed out: well inside the 2 s timeout even on a loaded machine.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1.5), $"refused after {watch.Elapsed}");
    }

    /// <summary>
    /// A server that never answers the SYN, made on loopback: a listener with backlog 1 that never accepts, its accept queue
    /// filled first by four raw non-blocking connects (Linux completes two handshakes and drops later SYNs, in order). The
    /// sender's SYN is then dropped too, and it gives up after its own 300 ms timeout (the system's SYN retries would take
    /// about two minutes), naming the endpoint.
    /// </summary>
    [Fact]
    public void TcpStreamCotSender_ServerNeverAnswering_TimesOutNamingTheEndpoint()
    {
        if (!OperatingSystem.IsLinux()) return; // elsewhere a full backlog refuses the connection instead of dropping the SYN
        var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start(1);
        var fillers = new List<Socket>();
        try
        {
            var endpoint = (IPEndPoint)server.LocalEndpoint;
            for (var i = 0; i < 4; i++)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
                fillers.Add(filler);
                try
                {
                    filler.Connect(endpoint);
                }
                catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock)
                {
                    // The handshake goes on without us, or its SYN was dropped: either way the queue fills.
                }
            }
            // The queue is full once two handshakes have completed (a connected socket turns writable); bounded at 5 s.
            for (var i = 0; i < 500 && fillers.Count(f => f.Poll(0, SelectMode.SelectWrite)) < 2; i++) Thread.Sleep(10);
            var timeout = TimeSpan.FromMilliseconds(300);
            var watch = System.Diagnostics.Stopwatch.StartNew();

            var timedOut = Assert.Throws<TimeoutException>(() => new TcpStreamCotSender(endpoint, CotEncoding.Xml, timeout));

            Assert.Equal($"Connect to {endpoint} timed out after 0.3 s (the server never answered)", timedOut.Message);
            // Waited for its own timeout (the timer may fire a few ms early), not for the system's two minutes of SYN retries.
            Assert.InRange(watch.Elapsed, timeout * 0.8, TimeSpan.FromSeconds(20));
        }
        finally
        {
            foreach (var filler in fillers) filler.Dispose();
            server.Stop();
        }
    }

    [Fact]
    public void TcpStreamCotSender_Protobuf_ServerReadsTwoStreamFrames()
    {
        var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        try
        {
            var endpoint = (IPEndPoint)server.LocalEndpoint;
            using (var sender = new TcpStreamCotSender(endpoint, CotEncoding.TakProtobuf))
            {
                sender.Send(Friendly("unit-a", 50.1, Fixtures.Epoch));
                sender.Send(Friendly("unit-b", 50.2, Fixtures.Epoch));
            }
            using var client = server.AcceptTcpClient();
            using var stream = client.GetStream();
            stream.ReadTimeout = 10_000;
            using var all = new MemoryStream();
            stream.CopyTo(all);
            var bytes = all.ToArray();
            var uids = new List<string>();
            var position = 0;
            for (var i = 0; i < 2; i++)
            {
                Assert.Equal(TakProtobuf.Magic, bytes[position]);
                var (length, start) = (0, position + 1);
                for (var shift = 0; ; shift += 7) // the varint length, least significant group first
                {
                    var b = bytes[start++];
                    length |= (b & 0x7F) << shift;
                    if (b < 0x80) break;
                }
                uids.Add(TakProtobuf.ParseMessage(bytes.AsSpan(start, length), start, out var error)!.Uid);
                Assert.Null(error);
                position = start + length;
            }
            Assert.Equal(bytes.Length, position);
            Assert.Equal(["unit-a", "unit-b"], uids);
        }
        finally
        {
            server.Stop();
        }
    }

    [Fact]
    public void EffectorPositionBoard_UpdateWithTheCotUid_MovesItAndIgnoresOlderUpdates()
    {
        var board = new EffectorPositionBoard([Fixtures.Effector("MFG-1") with { CotUid = "tablet-17" }, Fixtures.Effector("MFG-2")]);
        Assert.Equal(PositionVerdict.Moved, board.Apply(CotInbound.FromEvent(Friendly("tablet-17", 50.3, Fixtures.Epoch.AddSeconds(10))).Update!, out var moved));
        Assert.Equal("MFG-1", moved!.Id);
        Assert.Equal(50.3, moved.Position.LatitudeDeg, 9);
        Assert.Equal(PositionVerdict.RejectedByTime, board.Apply(CotInbound.FromEvent(Friendly("tablet-17", 50.3, Fixtures.Epoch)).Update!, out _));
        Assert.Equal(PositionVerdict.NotMobile, board.Apply(new FriendlyPositionUpdate("someone", null, Geodetic.FromDegrees(1, 2), Fixtures.Epoch, "a-f-G"), out _));
        Assert.Equal(50.45, board.Effectors.Single(e => e.Id == "MFG-2").Position.LatitudeDeg, 9);
    }

    [Fact]
    public void EffectorPositionBoard_CotUid_MatchesTheTabletAndFeedsThePipelinesPositions()
    {
        var board = new EffectorPositionBoard([Fixtures.Effector("MFG-1") with { CotUid = "ANDROID-5f1e0c" }, Fixtures.Effector("MFG-2")]);
        Assert.False(board.TryGetPosition("MFG-1", out _)); // never reported: the pipeline keeps the layout's position

        var update = new FriendlyPositionUpdate("ANDROID-5f1e0c", "Alpha 1", Geodetic.FromDegrees(50.6, 30.7, 140), Fixtures.Epoch, "a-f-G-U-C");

        Assert.Equal(PositionVerdict.Moved, board.Apply(update, out var moved));
        Assert.Equal("MFG-1", moved!.Id);
        Assert.True(board.TryGetPosition("MFG-1", out var position));
        Assert.Equal(Geodetic.FromDegrees(50.6, 30.7, 140), position);
        Assert.False(board.TryGetPosition("MFG-2", out _));
    }

    [Fact]
    public async Task CotPositionFeed_XmlProtobufAndGarbage_MovesTheUnitAndCountsTheBadMessage()
    {
        var board = new EffectorPositionBoard([Fixtures.Effector("MFG-1") with { CotUid = "unit-a" }]);
        await using var feed = new CotPositionFeed(CotTransport.Udp, new IPEndPoint(IPAddress.Loopback, 0), board);
        using (var xml = new UdpCotSender(feed.LocalEndPoint, CotEncoding.Xml)) xml.Send(Friendly("unit-a", 50.1, Fixtures.Epoch));
        using (var garbage = new System.Net.Sockets.UdpClient()) await garbage.SendAsync(new byte[] { 0xBF, 0x05 }, feed.LocalEndPoint);
        // 11 km north, 10 min later: a drive the unit can make.
        using (var proto = new UdpCotSender(feed.LocalEndPoint, CotEncoding.TakProtobuf)) proto.Send(Friendly("unit-a", 50.2, Fixtures.Epoch.AddMinutes(10)));

        for (var i = 0; i < 200 && feed.Received < 3; i++) await Task.Delay(25);

        Assert.Equal(3, feed.Received);
        Assert.Equal(2, feed.Applied);
        Assert.Equal(1, feed.Bad);
        Assert.True(board.TryGetPosition("MFG-1", out var position));
        Assert.Equal(50.2, position.LatitudeDeg, 9);
    }

    [Fact]
    public void FromEvent_HostileAir_IsNoPositionUpdate()
    {
        var e = Friendly("x", 50, Fixtures.Epoch) with { Type = "a-h-A-W-M" };
        Assert.Null(CotInbound.FromEvent(e).Update);
    }

    [Theory]
    [InlineData("udp://127.0.0.1:6969", CotTransport.Udp, 6969)]
    [InlineData("tcp://127.0.0.1:8087", CotTransport.Tcp, 8087)]
    [InlineData(CotEndpoint.TakMulticast, CotTransport.Udp, 6969)]
    public void TryParse_ValidEndpoint_GivesTransportAndPort(string text, CotTransport transport, int port)
    {
        var e = CotEndpoint.TryParse(text, out var error);
        Assert.Null(error);
        Assert.Equal(transport, e!.Transport);
        Assert.Equal(port, e.EndPoint.Port);
    }

    [Theory]
    [InlineData("127.0.0.1:6969", "scheme")]
    [InlineData("http://127.0.0.1:80", "neither udp nor tcp")]
    [InlineData("udp://localhost:6969", "numeric IP")]
    [InlineData("udp://127.0.0.1:70000", "port")]
    public void TryParse_BadEndpoint_SaysWhatIsWrong(string text, string expected)
    {
        Assert.Null(CotEndpoint.TryParse(text, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
