using System.Globalization;
using System.Text.RegularExpressions;
using Canopy.Core.Defence;
using Canopy.Core.Geometry;
using Google.Protobuf;

namespace Canopy.Interop.Cot.Tests;

public class TakProtobufTests
{
    private static readonly CotPictureEncoder Encoder = new(Fixtures.Frame, Fixtures.Options);

    private static CotEvent Threat() =>
        Encoder.ThreatEvent(60, Fixtures.Threat(Fixtures.Track(7, new Vec3(100, 200, 300), new Vec3(10, 0, 0)), ThreatClass.Cruise));

    private static CotEvent Cue() =>
        Encoder.EngagementCue(60, Fixtures.Assignment("MFG-1", 7), Fixtures.Threat(Fixtures.Track(7, Vec3.Zero, Vec3.Zero), ThreatClass.Drone));

    [Fact]
    public void Message_DecodedByProtoc_GivesTheEventsFields()
    {
        var e = Threat();
        var (code, text, stderr) = Tools.Run("protoc", TakProtobuf.Message(e),
            "--decode=atakmap.commoncommo.protobuf.v1.TakMessage", "-I", Tools.ProtoDirectory, "takmessage.proto");
        Assert.True(code == 0, stderr);
        string Field(string name) => Regex.Match(text, $@"^\s*{name}: (.*)$", RegexOptions.Multiline).Groups[1].Value;
        double Number(string name) => double.Parse(Field(name), CultureInfo.InvariantCulture);

        Assert.Equal("\"a-h-A-W-M\"", Field("type"));
        Assert.Equal("\"canopy.track.7\"", Field("uid"));
        Assert.Equal("\"m-f\"", Field("how"));
        Assert.Equal("1767225660000", Field("sendTime")); // 2026-01-01T00:01:00Z in ms since 1970
        Assert.Equal("1767225660000", Field("startTime"));
        Assert.Equal("1767225675000", Field("staleTime"));
        Assert.Equal(e.LatitudeDeg, Number("lat"), 12);
        Assert.Equal(e.LongitudeDeg, Number("lon"), 12);
        Assert.Equal(e.HaeM, Number("hae"), 9);
        Assert.Equal(Math.Sqrt(68), Number("ce"), 9);
        Assert.Equal(5, Number("le"), 9);
        Assert.Equal("\"Track 7\"", Field("callsign"));
        Assert.Equal(10, Number("speed"), 12);
        Assert.Equal(90, Number("course"), 12);
        Assert.Contains("<remarks>Canopy track 7: Cruise", Field("xmlDetail"), StringComparison.Ordinal);
    }

    [Fact]
    public void Message_CueWithLink_ProtocSeesTheLinkInXmlDetail()
    {
        var (code, text, stderr) = Tools.Run("protoc", TakProtobuf.Message(Cue()),
            "--decode=atakmap.commoncommo.protobuf.v1.TakMessage", "-I", Tools.ProtoDirectory, "takmessage.proto");
        Assert.True(code == 0, stderr);
        Assert.Contains("type: \"b-m-p-s-p-i\"", text, StringComparison.Ordinal);
        Assert.Contains("<link uid=\\\"canopy.track.7\\\" relation=\\\"p-p\\\" />", text, StringComparison.Ordinal);
        Assert.DoesNotContain("track {", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Mesh_StartsWithTheMeshHeader()
    {
        var mesh = TakProtobuf.Mesh(Threat());
        Assert.Equal(new byte[] { 0xBF, 0x01, 0xBF }, mesh[..3]);
        Assert.Equal(TakProtobuf.Message(Threat()), mesh[3..]);
    }

    [Fact]
    public void Stream_StartsWithMagicAndTheVarintLength()
    {
        var message = TakProtobuf.Message(Threat());
        var frame = TakProtobuf.Stream(Threat());
        Assert.Equal(0xBF, frame[0]);
        var input = new CodedInputStream(frame[1..]);
        Assert.Equal(message.Length, input.ReadLength());
        Assert.Equal(message, frame[(frame.Length - message.Length)..]);
        Assert.True(message.Length > 127); // so the length takes two varint bytes
        Assert.Equal(1 + 2 + message.Length, frame.Length);
    }

    [Fact]
    public void ParseMesh_OfMesh_ReturnsTheSameEvent()
    {
        foreach (var e in new[] { Threat(), Cue() })
        {
            var back = TakProtobuf.ParseMesh(TakProtobuf.Mesh(e), out var error);
            Assert.Null(error);
            Assert.Equal(e with { Time = back!.Time, Start = back.Start, Stale = back.Stale }, back);
            Assert.Equal(e.Time, back.Time);
            Assert.Equal(e.Stale, back.Stale);
        }
    }

    [Fact]
    public void ParseMesh_TruncatedMessage_ReportsAnErrorNotAnException()
    {
        var mesh = TakProtobuf.Mesh(Threat());
        var back = TakProtobuf.ParseMesh(mesh.AsSpan(0, 40), out var error);
        Assert.Null(back);
        Assert.NotNull(error);
        Assert.InRange(error.ByteOffset, 3, 40);
    }

    [Fact]
    public void ParseMesh_WrongVersion_ReportsByteOne()
    {
        Assert.Null(TakProtobuf.ParseMesh([0xBF, 0x02, 0xBF, 0x12, 0x00], out var error));
        Assert.Equal(1, error!.ByteOffset);
    }

    [Fact]
    public void Parse_RandomAndMutatedBytes_NeverThrow()
    {
        var rng = new Random(11);
        var valid = TakProtobuf.Mesh(Threat());
        var xml = CotXmlWriter.ToUtf8(Threat());
        for (var i = 0; i < 3000; i++)
        {
            var source = (i % 3) switch { 0 => valid, 1 => xml, _ => new byte[rng.Next(0, 64)] };
            var bytes = source.ToArray();
            if (i % 3 == 2) rng.NextBytes(bytes);
            else for (var k = 0; k < 1 + i % 5; k++) bytes[rng.Next(bytes.Length)] = (byte)rng.Next(256);
            var inbound = CotInbound.Parse(bytes.AsSpan(0, rng.Next(bytes.Length + 1)));
            Assert.True(inbound.Event is not null || inbound.Error is not null);
        }
    }
}
