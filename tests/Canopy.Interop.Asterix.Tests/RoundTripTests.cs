using Canopy.Interop.Asterix.Categories;
using Canopy.Interop.Asterix.Coding;

namespace Canopy.Interop.Asterix.Tests;

public class RoundTripTests
{
    private const int Cases = 3000;

    [Fact]
    public void Cat048_EncodeThenDecode_GivesTheSameRecord() =>
        Check(48, RandomRecords.Cat048, (in Cat048Record r, ref AsterixWriter w) => Cat048Codec.Encode(r, ref w), c => c.Cat048);

    [Fact]
    public void Cat034_EncodeThenDecode_GivesTheSameRecord() =>
        Check(34, RandomRecords.Cat034, (in Cat034Record r, ref AsterixWriter w) => Cat034Codec.Encode(r, ref w), c => c.Cat034);

    [Fact]
    public void Cat062_EncodeThenDecode_GivesTheSameRecord() =>
        Check(62, RandomRecords.Cat062, (in Cat062Record r, ref AsterixWriter w) => Cat062Codec.Encode(r, ref w), c => c.Cat062);

    [Fact]
    public void Cat021_EncodeThenDecode_GivesTheSameRecord() =>
        Check(21, RandomRecords.Cat021, (in Cat021Record r, ref AsterixWriter w) => Cat021Codec.Encode(r, ref w), c => c.Cat021);

    [Fact]
    public void Decode_SeveralBlocksOfSeveralRecords_GivesEveryRecordInOrder()
    {
        var rng = new Random(5);
        var r48 = Enumerable.Range(0, 7).Select(_ => RandomRecords.Cat048(rng)).ToArray();
        var r21 = Enumerable.Range(0, 5).Select(_ => RandomRecords.Cat021(rng)).ToArray();
        var buffer = new byte[4096];
        var w = new AsterixWriter(buffer);
        w.BeginBlock(48);
        foreach (var r in r48[..4]) Cat048Codec.Encode(r, ref w);
        w.EndBlock();
        w.BeginBlock(21);
        foreach (var r in r21) Cat021Codec.Encode(r, ref w);
        w.EndBlock();
        w.BeginBlock(48);
        foreach (var r in r48[4..]) Cat048Codec.Encode(r, ref w);
        w.EndBlock();

        var c = new RecordCollector();
        var counts = AsterixDecoder.Decode(w.Written, 0, c);

        Assert.Equal(new DecodeCounts(3, 12, 0), counts);
        Assert.Equal(r48, c.Cat048);
        Assert.Equal(r21, c.Cat021);
    }

    [Fact]
    public void Decode_RecordsWithRandomUntypedItems_StepsOverThemToTheTypedOnes()
    {
        var rng = new Random(77);
        var buffer = new byte[512];
        for (var i = 0; i < 1000; i++)
        {
            var r62 = RandomRecords.Cat062(rng);
            var w = new AsterixWriter(buffer);
            Cat062Codec.Encode(r62, ref w);
            var body = UntypedItems.AddTo(w.Written.ToArray(), Cat062Codec.Uap, (ulong)Cat062Codec.All, rng);
            var r21 = RandomRecords.Cat021(rng);
            w = new AsterixWriter(buffer);
            Cat021Codec.Encode(r21, ref w);
            var body21 = UntypedItems.AddTo(w.Written.ToArray(), Cat021Codec.Uap, (ulong)Cat021Codec.All, rng);
            byte[] data = [62, (byte)((body.Length + 3) >> 8), (byte)(body.Length + 3), .. body, 21, (byte)((body21.Length + 3) >> 8), (byte)(body21.Length + 3), .. body21];

            var c = RecordCollector.Decode(data);

            Assert.Empty(c.Errors);
            Assert.Equal(r62, Assert.Single(c.Cat062));
            Assert.Equal(r21, Assert.Single(c.Cat021));
        }
    }

    private delegate void Encoder<T>(in T record, ref AsterixWriter writer);

    private static void Check<T>(byte category, Func<Random, T> generate, Encoder<T> encode, Func<RecordCollector, List<T>> decoded)
    {
        var rng = new Random(category);
        var buffer = new byte[512];
        for (var i = 0; i < Cases; i++)
        {
            var record = generate(rng);
            var w = new AsterixWriter(buffer);
            w.BeginBlock(category);
            encode(record, ref w);
            w.EndBlock();
            var c = RecordCollector.Decode(w.Written);
            Assert.Empty(c.Errors);
            Assert.Equal(record, Assert.Single(decoded(c)));
        }
    }
}
