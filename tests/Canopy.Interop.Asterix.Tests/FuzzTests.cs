using Canopy.Interop.Asterix.Categories;
using Canopy.Interop.Asterix.Coding;

namespace Canopy.Interop.Asterix.Tests;

public class FuzzTests
{
    [Theory]
    [InlineData(11)]
    [InlineData(13, "21=0.23")]
    public void Decode_RandomBytes_NeverThrowsAndAccountsForEveryByte(int seed, params string[] editionOptions)
    {
        var editions = AsterixEditions.Parse(editionOptions);
        var rng = new Random(seed);
        var data = new byte[300];
        for (var i = 0; i < 20_000; i++)
        {
            var n = rng.Next(data.Length);
            rng.NextBytes(data.AsSpan(0, n));
            // Bias towards known categories and plausible lengths so decoding reaches the items.
            if (n >= 3 && rng.Next(2) == 0)
            {
                data[0] = (byte)(rng.Next(4) switch { 0 => 48, 1 => 34, 2 => 62, _ => 21 });
                data[1] = 0;
                data[2] = (byte)Math.Min(n, 255);
            }
            var c = new RecordCollector();
            var counts = AsterixDecoder.Decode(data.AsSpan(0, n), 0, c, editions);
            Assert.Equal(counts.Errors, c.Errors.Count);
            Assert.All(c.Errors, e => Assert.InRange(e.Offset, 0, n));
        }
    }

    [Fact]
    public void Decode_MutatedValidDatagrams_NeverThrow()
    {
        var rng = new Random(12);
        var buffer = new byte[2048];
        var decodedSome = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var w = new AsterixWriter(buffer);
            w.BeginBlock(Cat048Codec.Category);
            for (var k = 0; k < 3; k++) Cat048Codec.Encode(RandomRecords.Cat048(rng), ref w);
            w.EndBlock();
            w.BeginBlock(Cat062Codec.Category);
            Cat062Codec.Encode(RandomRecords.Cat062(rng), ref w);
            w.EndBlock();
            var (data, cut) = Mutate(w.Written, rng);
            var c = new RecordCollector();
            var counts = AsterixDecoder.Decode(data.AsSpan(0, cut), 0, c);
            Assert.Equal(counts.Records, c.Cat048.Count + c.Cat062.Count + c.Cat021.Count + c.Cat034.Count);
            decodedSome += counts.Records;
        }
        Assert.True(decodedSome > 20_000, $"only {decodedSome} records survived mutation");
    }

    [Fact]
    public void Decode_MutatedCat021Edition023Datagrams_NeverThrow()
    {
        var rng = new Random(14);
        var editions = AsterixEditions.Parse(["21=0.23"]);
        var buffer = new byte[2048];
        var decodedSome = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var w = new AsterixWriter(buffer);
            w.BeginBlock(Cat021V023Codec.Category);
            for (var k = 0; k < 3; k++) Cat021V023Codec.Encode(RandomRecords.Cat021V023(rng), ref w);
            w.EndBlock();
            var (data, cut) = Mutate(w.Written, rng);
            var c = new RecordCollector();
            var counts = AsterixDecoder.Decode(data.AsSpan(0, cut), 0, c, editions);
            Assert.Equal(counts.Records, c.Cat021V023.Count + c.Cat048.Count + c.Cat062.Count + c.Cat034.Count + c.Cat021.Count);
            Assert.Equal(counts.Errors, c.Errors.Count);
            decodedSome += counts.Records;
        }
        Assert.True(decodedSome > 10_000, $"only {decodedSome} records survived mutation");
    }

    /// <summary>A copy of <paramref name="written"/> with 1 to 3 bytes bit-flipped or replaced, and the length to decode: cut short one time in three.</summary>
    private static (byte[] Data, int Length) Mutate(ReadOnlySpan<byte> written, Random rng)
    {
        var data = written.ToArray();
        for (var m = rng.Next(1, 4); m > 0; m--)
        {
            var at = rng.Next(data.Length);
            data[at] = rng.Next(2) == 0 ? (byte)(data[at] ^ (1 << rng.Next(8))) : (byte)rng.Next(256);
        }
        return (data, rng.Next(3) == 0 ? rng.Next(data.Length) : data.Length);
    }
}
