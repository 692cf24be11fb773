using System.Net;
using System.Text;

namespace Canopy.Interop.Cot.Tests;

public class StreamTests
{
    private static CotEvent Friendly(string uid) =>
        new("a-f-G-U-C", uid, Fixtures.Epoch, Fixtures.Epoch, Fixtures.Epoch.AddMinutes(1), "h-e", 50.5, 30.6, 120, 5, 10, new CotDetail(Callsign: uid));

    [Fact]
    public void Append_XmlAndFramesInPiecesWithGarbage_YieldsEachEventAndOneErrorAtItsOffset()
    {
        var xml = CotXmlWriter.ToUtf8(Friendly("a"));
        var frame = TakProtobuf.Stream(Friendly("b"));
        byte[] garbage = [(byte)'x', (byte)'y'];
        byte[] stream = [.. xml, (byte)'\n', .. garbage, .. frame, .. xml];
        var splitter = new CotStreamSplitter();
        var output = new List<CotInbound>();
        for (var i = 0; i < stream.Length; i += 7) splitter.Append(stream.AsSpan(i, Math.Min(7, stream.Length - i)), output);

        Assert.Equal(["a", null, "b", "a"], output.Select(o => o.Update?.Uid));
        Assert.Equal(xml.Length + 1, output[1].Error!.ByteOffset);
    }

    [Fact]
    public void Append_BadXmlEvent_ReportsItsStreamOffsetAndLine()
    {
        var good = CotXmlWriter.ToUtf8(Friendly("a"));
        var bad = Encoding.UTF8.GetBytes("<event version=\"2.0\">\n<point lat=\"x\"/></event>");
        var output = new List<CotInbound>();
        new CotStreamSplitter().Append([.. good, .. bad, .. good], output);
        Assert.Equal(3, output.Count);
        Assert.Equal(good.Length, output[1].Error!.ByteOffset);
        Assert.Equal("a", output[2].Update!.Uid);
    }

    [Fact]
    public async Task TcpCotListener_XmlSender_YieldsTheUpdates()
    {
        using var listener = new TcpCotListener(new IPEndPoint(IPAddress.Loopback, 0));
        using (var sender = new TcpStreamCotSender(listener.LocalEndPoint, CotEncoding.Xml))
        {
            sender.Send(Friendly("a"));
            sender.Send(Friendly("b"));
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var uids = new List<string>();
        await foreach (var item in listener.ReadAllAsync(timeout.Token))
        {
            uids.Add(item.Update!.Uid);
            if (uids.Count == 2) break;
        }
        Assert.Equal(["a", "b"], uids);
    }
}
