namespace Canopy.Interop.Asterix.Tests;

public class MalformedDataTests
{
    // One valid CAT048 record: FSPEC 80 (I010 only), SAC 1 SIC 2.
    private const string Good = "300006800102";

    [Fact]
    public void Decode_TruncatedBlockHeader_ReportsItsOffset()
    {
        var c = RecordCollector.Decode(Convert.FromHexString(Good + "3000"));

        Assert.Single(c.Cat048);
        var e = Assert.Single(c.Errors);
        Assert.Equal(6, e.Offset);
        Assert.Contains("truncated data block header", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_LenPastTheEnd_ReportsTheLenField()
    {
        var c = RecordCollector.Decode(Convert.FromHexString(Good + "300010800102"));

        Assert.Single(c.Cat048);
        var e = Assert.Single(c.Errors);
        Assert.Equal(7, e.Offset);
        Assert.Contains("LEN 16 runs past the end", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_LenShorterThanTheRecord_ReportsTheTruncationAndGoesOnWithTheNextBlock()
    {
        // LEN 5 cuts the record after SAC; the next block is decoded.
        var c = RecordCollector.Decode(Convert.FromHexString("3000058001" + Good));

        Assert.Single(c.Cat048);
        var e = Assert.Single(c.Errors);
        Assert.Equal(4, e.Offset);
        Assert.Contains("2 byte(s) needed but only 1 left", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_FspecRunningPastTheEnd_ReportsTheOffset()
    {
        var c = RecordCollector.Decode(Convert.FromHexString("300005FFFF" + Good));

        Assert.Single(c.Cat048);
        var e = Assert.Single(c.Errors);
        Assert.Equal(5, e.Offset);
        Assert.Contains("FSPEC runs past the end", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_UnknownCategory_SkipsTheBlockAndReportsIt()
    {
        var c = RecordCollector.Decode(Convert.FromHexString("F00005ABCD" + Good));

        Assert.Single(c.Cat048);
        var e = Assert.Single(c.Errors);
        Assert.Equal(0, e.Offset);
        Assert.Contains("CAT240: unknown category", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_RepetitionCountPastTheEnd_ReportsTheItem()
    {
        // FSPEC 01 20 -> FRN 10 (I048/250, repetitive 8 octets) with REP 5 but 8 octets left.
        var c = RecordCollector.Decode(Convert.FromHexString("30000F" + "012005" + "0102030405060708" + "00"));

        var e = Assert.Single(c.Errors);
        Assert.Equal(5, e.Offset);
        Assert.Contains("I048/250: repetition count 5", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_LenBelowThree_StopsWithAnError()
    {
        var c = RecordCollector.Decode(Convert.FromHexString("300002" + Good));

        Assert.Empty(c.Cat048);
        Assert.Contains("LEN 2 is less than 3", Assert.Single(c.Errors).Message, StringComparison.Ordinal);
    }
}
