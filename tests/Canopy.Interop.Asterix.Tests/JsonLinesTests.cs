using System.Text;
using System.Text.Json;
using Canopy.Interop.Asterix.Coding;
using Canopy.Interop.Asterix.Json;

namespace Canopy.Interop.Asterix.Tests;

public class JsonLinesTests
{
    // A valid CAT048 block after each faulty one: decoding goes on with it and prints it.
    private const string Next = "30000680002a";

    [Theory]
    // I048/130 (FRN 7) primary subfield 81 00: FX set, but its 7 subfields fit one octet. The item starts at byte 6.
    [InlineData("30000982002a810010", 6, "I048/130: primary subfield extended (FX)")]
    // I048/130 primary subfield 00: no subfield.
    [InlineData("30000882002a0010", 6, "I048/130: primary subfield flags no subfield")]
    // I048/120 (FRN 20) primary 81 00, then CAL: FSPEC 81 01 04, I010, then the item at byte 8.
    [InlineData("30000c810104002a81000005", 8, "I048/120: primary subfield extended (FX)")]
    // I048/120 primary 20: subfield 3 is not defined (CAL, RDS only).
    [InlineData("30000b810104002a200005", 8, "I048/120: undefined subfield 3 flagged present")]
    // I034/050 (FRN 6) primary 81 00 then COM; and 40 (spare subfield 2).
    [InlineData("22000984002a810012", 6, "I034/050: primary subfield extended (FX)")]
    [InlineData("22000884002a4012", 6, "I034/050: spare subfield 2 flagged present")]
    // I062/340 (FRN 28, untyped, 6 subfields) primary 81 00 then SID.
    [InlineData("3e000d81010102002a81000102", 9, "I062/340: primary subfield extended (FX)")]
    public void Decode_MalformedCompoundPrimarySubfield_IsRejectedAtTheItemAndEveryLineIsValidJson(string hex, long offset, string reason)
    {
        var data = Convert.FromHexString(hex + Next);
        var (lines, errors) = DecodeToJson(data);

        var error = Assert.Single(errors);
        Assert.Equal(offset, error.Offset);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        var line = Assert.Single(lines);
        Assert.Equal($"{{\"offset\":{hex.Length / 2 + 3},\"cat\":48,\"I010\":{{\"SAC\":0,\"SIC\":42}}}}", line);
    }

    [Fact]
    public void Decode_Cat048DopplerWithRawSpeeds_PrintsEverySubfield()
    {
        // I010 0/42, I120: CAL and RDS (D 1, CAL -5; two elements DOP AMB FRQ), then RDS only (one element).
        var data = Convert.FromHexString("300025" + "810104002a" + "c083fb02010203040506fffe00010002" + "810104002a" + "4001000a00140bb8");

        var (lines, errors) = DecodeToJson(data);

        Assert.Empty(errors);
        Assert.Equal(
        [
            "{\"offset\":3,\"cat\":48,\"I010\":{\"SAC\":0,\"SIC\":42},\"I120\":{\"D\":1,\"CAL\":-5,\"RDS\":[{\"DOP\":258,\"AMB\":772,\"FRQ\":1286},{\"DOP\":65534,\"AMB\":1,\"FRQ\":2}]}}",
            "{\"offset\":24,\"cat\":48,\"I010\":{\"SAC\":0,\"SIC\":42},\"I120\":{\"RDS\":[{\"DOP\":10,\"AMB\":20,\"FRQ\":3000}]}}",
        ], lines);
        Assert.Equal(data, AsterixJsonLines.Encode(lines, "doppler.jsonl"));
    }

    [Fact]
    public void JsonLines_Cat048WithRawDoppler_DecodeThenEncode_GivesTheSameBytes()
    {
        var rng = new Random(120);
        var blocks = new List<byte>();
        for (var i = 0; i < 2000; i++)
        {
            var body = RandomRecords.Cat048WithRawDoppler(rng);
            blocks.AddRange([48, (byte)((body.Length + 3) >> 8), (byte)(body.Length + 3), .. body]);
        }
        var bytes = blocks.ToArray();

        var (lines, errors) = DecodeToJson(bytes);

        Assert.Empty(errors);
        Assert.Equal(2000, lines.Length);
        Assert.True(lines.Count(l => l.Contains("\"RDS\":[{", StringComparison.Ordinal)) > 500);
        Assert.Equal(bytes, AsterixJsonLines.Encode(lines, "records.jsonl", maxBlock: 1));
    }

    [Fact]
    public void Encode_StreamingToAStream_GivesTheBytesOfTheInMemoryEncode()
    {
        var rng = new Random(121);
        var lines = new List<string>();
        for (var i = 0; i < 300; i++)
        {
            var body = RandomRecords.Cat048WithRawDoppler(rng);
            lines.AddRange(DecodeToJson([48, (byte)((body.Length + 3) >> 8), (byte)(body.Length + 3), .. body]).Lines);
        }
        using var stream = new MemoryStream();

        var written = AsterixJsonLines.Encode(lines, "records.jsonl", stream);

        Assert.Equal(AsterixJsonLines.Encode(lines, "records.jsonl"), stream.ToArray());
        Assert.Equal(stream.Length, written);
    }

    [Fact]
    public void Encode_DopplerWithoutSubfields_NamesTheItem()
    {
        var e = Assert.Throws<FormatException>(() => AsterixJsonLines.Encode(["{\"cat\":48,\"I120\":{}}"], "in.jsonl"));

        Assert.Contains("in.jsonl:1: I120: no subfield (CAL, RDS)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadLines_CrLfAndALastLineWithoutEnd_AndALineOverTheLimit()
    {
        Assert.Equal(["{\"cat\":48}", "", "{\"cat\":34}"], AsterixJsonLines.ReadLines(new StringReader("{\"cat\":48}\r\n\n{\"cat\":34}"), "in.jsonl"));

        var e = Assert.Throws<FormatException>(() => AsterixJsonLines.ReadLines(new StringReader("{}\n" + new string(' ', 101)), "in.jsonl", maxLength: 100).ToList());

        Assert.Equal("in.jsonl:2: line longer than 100 characters", e.Message);
    }

    private static (string[] Lines, List<AsterixError> Errors) DecodeToJson(byte[] data)
    {
        using var json = new MemoryStream();
        var writer = new AsterixJsonLines.Writer(json);
        writer.Begin(data, 0);
        AsterixDecoder.Decode(data, 0, writer);
        var lines = Encoding.UTF8.GetString(json.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var line in lines) JsonDocument.Parse(line).Dispose();
        return (lines, writer.Errors);
    }
}
