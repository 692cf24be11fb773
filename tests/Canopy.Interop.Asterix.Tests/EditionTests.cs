using Canopy.Core.Geodesy;
using Canopy.Core.Sensing;
using Canopy.Core.Geometry;
using Canopy.Interop.Asterix.Categories;
using Canopy.Interop.Asterix.Coding;
using Canopy.Interop.Asterix.Feeds;
using Canopy.Interop.Asterix.Json;
using Canopy.Tracking;

namespace Canopy.Interop.Asterix.Tests;

public class EditionTests
{
    // CAT021 0.23: FSPEC B9 20 = FRN 1 (010), 3 (030), 4 (130), 5 (080), FX; 10 (145). SAC 10 SIC 11; ToD 0x384000 = 28,800 s
    // (08:00:00); lat 0x200000 = 45 deg, lon 0xE00000 = -45 deg; address 4CA123; FL 0x0578 / 4 = 350.
    private const string Cat021V023Block = "15" + "0015" + "B920" + "0A0B" + "384000" + "200000E00000" + "4CA123" + "0578";

    [Fact]
    public void Parse_NoOption_GivesTheNewestOfEachCategory()
    {
        var e = AsterixEditions.Parse([]);

        Assert.Equal("CAT048 1.31, CAT034 1.29, CAT062 1.19, CAT021 2.6", e.ToString());
        Assert.False(e.Cat021V023);
    }

    [Fact]
    public void Parse_Cat021Edition023_ChoosesItAndKeepsTheOthers()
    {
        var e = AsterixEditions.Parse(["21=0.23", "48=1.27"]);

        Assert.Equal("CAT048 1.27, CAT034 1.29, CAT062 1.19, CAT021 0.23", e.ToString());
        Assert.True(e.Cat021V023);
        Assert.Same(Cat021V023Codec.Uap, e.Cat021.Uap);
        Assert.Equal("1.27", e.Cat048.Uap.Edition);
    }

    [Theory]
    [InlineData("21=9.9", "CAT021 edition '9.9' not supported (supported: CAT021 2.6 2.5 2.4 0.23)")]
    [InlineData("99=1.0", "category 99 not supported (supported: CAT048 1.31 1.30 1.29 1.28 1.27; CAT034 1.29 1.28 1.27; CAT062 1.19 1.18 1.17; CAT021 2.6 2.5 2.4 0.23)")]
    [InlineData("cat21", "CAT=EDITION expected")]
    public void Parse_BadOption_FailsNamingTheSupportedEditions(string option, string message)
    {
        var e = Assert.Throws<FormatException>(() => AsterixEditions.Parse([option]));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SameCategoryTwice_Fails() =>
        Assert.Contains("CAT021 given twice", Assert.Throws<FormatException>(() => AsterixEditions.Parse(["21=0.23", "21=2.6"])).Message, StringComparison.Ordinal);

    [Fact]
    public void Decode_HandBuiltCat021Edition023Record_GivesSpecificationScaledValues()
    {
        var c = RecordCollector.Decode(Convert.FromHexString(Cat021V023Block), AsterixEditions.Parse(["21=0.23"]));

        Assert.Empty(c.Errors);
        Assert.Empty(c.Cat021);
        var r = Assert.Single(c.Cat021V023);
        Assert.Equal(new DataSource(10, 11), r.Source);
        Assert.Equal(28_800.0, r.TimeOfDaySeconds);
        Assert.Equal(45.0, r.LatitudeDegrees);
        Assert.Equal(-45.0, r.LongitudeDegrees);
        Assert.Equal(0x4CA123, r.TargetAddress);
        Assert.Equal(350.0, r.FlightLevel / 4.0);
    }

    [Fact]
    public void Decode_Edition023RecordAsEdition26_IsMisreadAndCaught()
    {
        // Under 2.6 the same FSPEC names I161, I015, I071 and I080 at other lengths: the record runs past its block.
        var c = RecordCollector.Decode(Convert.FromHexString(Cat021V023Block));

        Assert.Empty(c.Cat021V023);
        Assert.NotEmpty(c.Errors);
    }

    [Fact]
    public void Cat021V023_EncodeThenDecodeWithUntypedItems_GivesTheSameRecord()
    {
        var rng = new Random(23);
        var editions = AsterixEditions.Parse(["21=0.23"]);
        var buffer = new byte[512];
        for (var i = 0; i < 2000; i++)
        {
            var record = RandomRecords.Cat021V023(rng);
            var w = new AsterixWriter(buffer);
            Cat021V023Codec.Encode(record, ref w);
            var body = i % 2 == 0 ? w.Written.ToArray() : UntypedItems.AddTo(w.Written.ToArray(), Cat021V023Codec.Uap, (ulong)Cat021V023Codec.All, rng);
            byte[] block = [21, (byte)((body.Length + 3) >> 8), (byte)(body.Length + 3), .. body];

            var c = RecordCollector.Decode(block, editions);

            Assert.Empty(c.Errors);
            Assert.Equal(record, Assert.Single(c.Cat021V023));
        }
    }

    [Fact]
    public void JsonLines_Cat021V023_DecodeThenEncode_GivesTheSameBytes()
    {
        var rng = new Random(230);
        var editions = AsterixEditions.Parse(["21=0.23"]);
        var buffer = new byte[512];
        var blocks = new List<byte>();
        for (var i = 0; i < 200; i++)
        {
            var w = new AsterixWriter(buffer);
            Cat021V023Codec.Encode(RandomRecords.Cat021V023(rng), ref w);
            var body = UntypedItems.AddTo(w.Written.ToArray(), Cat021V023Codec.Uap, (ulong)Cat021V023Codec.All, rng);
            blocks.AddRange([21, (byte)((body.Length + 3) >> 8), (byte)(body.Length + 3), .. body]);
        }
        var bytes = blocks.ToArray();
        using var json = new MemoryStream();
        var writer = new AsterixJsonLines.Writer(json, editions);
        writer.Begin(bytes, 0);

        Assert.Equal(200, AsterixDecoder.Decode(bytes, 0, writer, editions).Records);
        var lines = System.Text.Encoding.UTF8.GetString(json.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains("\"I030\":{\"ToD\":", StringComparison.Ordinal) && l.Contains("\"I165\":{\"octets\":", StringComparison.Ordinal));
        Assert.Equal(bytes, AsterixJsonLines.Encode(lines, "records.jsonl", maxBlock: 1, editions: editions));
    }

    [Fact]
    public void JsonLines_ItemOfAnotherEdition_FailsNamingTheEdition()
    {
        var e = Assert.Throws<FormatException>(() =>
            AsterixJsonLines.Encode(["{\"cat\":21,\"I010\":{\"SAC\":1,\"SIC\":2},\"I071\":{\"ToD\":5}}"], "in.jsonl", editions: AsterixEditions.Parse(["21=0.23"])));

        Assert.Contains("in.jsonl:1: \"I071\" is not an item of CAT021 edition 0.23", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Feed_Cat021Edition023Report_MakesTheMatchingTrackCivil()
    {
        var frame = new LocalFrame(Geodetic.FromDegrees(45, -45, 0));
        var civil = new Canopy.ThreatEvaluation.AdsbCorrelator();
        var decoder = new AsterixPlotDecoder([], 8 * 3600 - 10, frame, civil, AsterixEditions.Parse(["21=0.23"]));
        var plots = new List<Plot>();

        Assert.Null(decoder.Decode(Convert.FromHexString(Cat021V023Block), 0, plots));

        Assert.Equal(1, decoder.AdsbReports);
        Assert.Equal(0, decoder.BadDatagrams);
        // The report: 10 s after the start, over the frame origin at FL 350 (10,668 m).
        var airliner = new Track(1, TrackStatus.Confirmed, 10, new Vec3(200, 100, 10_668 + 50), new Vec3(230, 0, 0), new double[36], 0, 10, 9);
        Assert.True(civil.IsCivil(airliner, 10));
        Assert.False(civil.IsCivil(airliner with { Id = 2, Position = new Vec3(5000, 0, 10_668) }, 10));
    }
}
