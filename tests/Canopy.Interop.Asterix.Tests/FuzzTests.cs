using System.Text;
using System.Text.Json;
using Canopy.Interop.Asterix.Categories;
using Canopy.Interop.Asterix.Coding;
using Canopy.Interop.Asterix.Json;
using Xunit.Abstractions;

namespace Canopy.Interop.Asterix.Tests;

public class FuzzTests(ITestOutputHelper output)
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

    [Theory]
    [InlineData(21)]
    [InlineData(22, "21=0.23", "48=1.27")]
    public void DecodeToJson_RandomAndMutatedRecords_EveryLineParses(int seed, params string[] editionOptions)
    {
        var editions = AsterixEditions.Parse(editionOptions);
        var rng = new Random(seed);
        long lines = 0, errors = 0, fxRejected = 0;
        for (var i = 0; i < 15_000; i++)
        {
            var (data, cut) = (i % 8) switch
            {
                0 => RandomBytes(rng),
                1 => (RandomDatagram(rng, editions), -1),
                _ => Mutate(RandomDatagram(rng, editions), rng, fxBits: true),
            };
            var bytes = data.AsMemory(0, cut < 0 ? data.Length : cut);
            using var json = new MemoryStream();
            var writer = new AsterixJsonLines.Writer(json, editions);
            writer.Begin(bytes, 0);

            var counts = AsterixDecoder.Decode(bytes.Span, 0, writer, editions);

            var text = Encoding.UTF8.GetString(json.ToArray());
            Assert.True(text.Length == 0 || text[^1] == '\n', text);
            var printed = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            foreach (var line in printed)
            {
                using var doc = JsonDocument.Parse(line);
                Assert.True(doc.RootElement.TryGetProperty("cat", out _), line);
            }
            Assert.Equal(counts.Records, printed.Length);
            Assert.Equal(counts.Errors, writer.ErrorCount);
            fxRejected += writer.Errors.Count(e => e.Message.Contains("primary subfield extended (FX)", StringComparison.Ordinal));
            lines += printed.Length;
            errors += writer.ErrorCount;

            // What decode printed of valid records encodes again, and decodes to the same JSON (offsets aside). Mutated records
            // may hold what JSON does not keep (set spare bits, callsign codes outside the ICAO set).
            if (i % 8 != 1) continue;
            var again = AsterixJsonLines.Encode(printed, "fuzz.jsonl", maxBlock: 1, editions: editions);
            using var json2 = new MemoryStream();
            var writer2 = new AsterixJsonLines.Writer(json2, editions);
            writer2.Begin(again, 0);
            AsterixDecoder.Decode(again, 0, writer2, editions);
            Assert.Empty(writer2.Errors);
            var output2 = Encoding.UTF8.GetString(json2.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(printed.Select(WithoutOffset), output2.Select(WithoutOffset));
        }
        output.WriteLine($"15,000 datagrams (random bytes, valid, mutated): {lines} JSON lines parsed, {errors} faults reported, {fxRejected} of them a compound item's FX extension");
        Assert.True(lines > 30_000, $"only {lines} records decoded");
        Assert.True(fxRejected > 10, $"only {fxRejected} compound items with an FX extension met");
    }

    private static string WithoutOffset(string line) => line[line.IndexOf(",\"cat\"", StringComparison.Ordinal)..];

    private static (byte[] Data, int Length) RandomBytes(Random rng)
    {
        var data = new byte[rng.Next(1, 300)];
        rng.NextBytes(data);
        data[0] = (byte)(rng.Next(4) switch { 0 => 48, 1 => 34, 2 => 62, _ => 21 });
        if (data.Length >= 3) (data[1], data[2]) = (0, (byte)Math.Min(data.Length, 255));
        return (data, -1);
    }

    /// <summary>One to three data blocks of random categories, each of one to three random records with random untyped items.</summary>
    private static byte[] RandomDatagram(Random rng, AsterixEditions editions)
    {
        var datagram = new List<byte>();
        var buffer = new byte[2048];
        for (var b = rng.Next(1, 4); b > 0; b--)
        {
            var category = rng.Next(4) switch { 0 => 48, 1 => 34, 2 => 62, _ => 21 };
            var block = new List<byte>();
            for (var k = rng.Next(1, 4); k > 0; k--)
            {
                var w = new AsterixWriter(buffer);
                switch (category)
                {
                    case 48:
                        block.AddRange(RandomRecords.Cat048WithRawDoppler(rng));
                        continue;
                    case 34:
                        Cat034Codec.Encode(RandomRecords.Cat034(rng), ref w);
                        block.AddRange(UntypedItems.AddTo(w.Written.ToArray(), Cat034Codec.Uap, (ulong)Cat034Codec.All, rng));
                        break;
                    case 62:
                        Cat062Codec.Encode(RandomRecords.Cat062(rng), ref w);
                        block.AddRange(UntypedItems.AddTo(w.Written.ToArray(), Cat062Codec.Uap, (ulong)Cat062Codec.All, rng));
                        break;
                    case 21 when editions.Cat021V023:
                        Cat021V023Codec.Encode(RandomRecords.Cat021V023(rng), ref w);
                        block.AddRange(UntypedItems.AddTo(w.Written.ToArray(), Cat021V023Codec.Uap, (ulong)Cat021V023Codec.All, rng));
                        break;
                    default:
                        Cat021Codec.Encode(RandomRecords.Cat021(rng), ref w);
                        block.AddRange(UntypedItems.AddTo(w.Written.ToArray(), Cat021Codec.Uap, (ulong)Cat021Codec.All, rng));
                        break;
                }
            }
            datagram.AddRange([(byte)category, (byte)((block.Count + 3) >> 8), (byte)(block.Count + 3), .. block]);
        }
        return [.. datagram];
    }

    /// <summary>A copy of <paramref name="written"/> with 1 to 3 bytes bit-flipped, replaced or (with <paramref name="fxBits"/>) given an FX bit, and the length to decode: cut short one time in three.</summary>
    private static (byte[] Data, int Length) Mutate(ReadOnlySpan<byte> written, Random rng, bool fxBits = false)
    {
        var data = written.ToArray();
        for (var m = rng.Next(1, 4); m > 0; m--)
        {
            var at = rng.Next(data.Length);
            data[at] = rng.Next(fxBits ? 3 : 2) switch
            {
                0 => (byte)(data[at] ^ (1 << rng.Next(8))),
                1 => (byte)rng.Next(256),
                _ => (byte)(data[at] | 1), // an FX bit: FSPEC, variable item or compound primary subfield extended
            };
        }
        return (data, rng.Next(3) == 0 ? rng.Next(data.Length) : data.Length);
    }
}
