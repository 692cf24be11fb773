using System.Net;
using Canopy.Interop.Asterix.Files;

namespace Canopy.Interop.Asterix.Tests;

public class ReplayFileTests
{
    [Fact]
    public void Checksum_WikipediaIpv4Example_IsB861()
    {
        // The IPv4 header checksum example of Wikipedia's "Internet checksum" article: 192.168.0.1 -> 192.168.0.199.
        var header = Convert.FromHexString("450000730000400040110000c0a80001c0a800c7");

        Assert.Equal(0xB861, CaptureWriter.Checksum(header));
    }

    [Fact]
    public void Write_TwoDatagrams_AreReadBackWithTimesPortsAndPayloads()
    {
        var stream = new MemoryStream();
        using (var writer = new CaptureWriter(stream, new IPEndPoint(IPAddress.Loopback, 5000), new IPEndPoint(IPAddress.Loopback, 8600)))
        {
            writer.Write(1_700_000_000.25, [48, 0, 3]);
            writer.Write(1_700_000_001.5, [34, 0, 4, 0xFF]);
        }

        var datagrams = CaptureReader.ReadUdp(stream.ToArray());

        Assert.Equal(2, datagrams.Count);
        Assert.Equal(1_700_000_000.25, datagrams[0].Time, 6);
        Assert.Equal(1_700_000_001.5, datagrams[1].Time, 6);
        Assert.Equal(5000, datagrams[0].SourcePort);
        Assert.Equal(8600, datagrams[0].DestinationPort);
        Assert.Equal(new byte[] { 34, 0, 4, 0xFF }, datagrams[1].Payload.ToArray());
        Assert.Equal(24 + 16 + 20 + 8, datagrams[0].Offset); // global header, record header, IPv4, UDP
        var ip = stream.ToArray().AsSpan(40, 20);
        Assert.Equal(0, CaptureWriter.Checksum(ip)); // a header with its checksum in place sums to 0xFFFF
    }

    [Fact]
    public void Blocks_RawFile_SplitsAtEachLenAndKeepsABadTailWhole()
    {
        byte[] raw = [48, 0, 5, 1, 2, 34, 0, 3, 62, 0, 9, 1];

        var units = ReplaySource.Datagrams(raw);

        Assert.Equal(3, units.Count);
        Assert.Equal([0L, 5L, 8L], units.Select(u => u.Offset));
        Assert.Equal(4, units[2].Payload.Length); // LEN 9 runs past the end: the rest as one unit for the decoder to report
        Assert.True(double.IsNaN(units[0].Time));
    }
}
