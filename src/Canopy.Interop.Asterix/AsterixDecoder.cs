using Canopy.Interop.Asterix.Categories;
using Canopy.Interop.Asterix.Coding;

namespace Canopy.Interop.Asterix;

/// <summary>Receives each decoded record (passed by reference, valid only during the call) and each malformed part skipped.</summary>
public interface IAsterixHandler
{
    void OnCat048(in Cat048Record record, long offset);
    void OnCat034(in Cat034Record record, long offset);
    void OnCat062(in Cat062Record record, long offset);
    void OnCat021(in Cat021Record record, long offset);

    /// <summary>A CAT021 report of edition 0.23 (when that edition is chosen for CAT021).</summary>
    void OnCat021V023(in Cat021V023Record record, long offset);
    void OnError(AsterixError error);
}

/// <summary>Counts from one <see cref="AsterixDecoder.Decode"/> call.</summary>
public readonly record struct DecodeCounts(int Blocks, int Records, int Errors);

/// <summary>
/// Decodes data blocks (CAT, 16-bit LEN, records) one after another, several per datagram. A malformed record ends its
/// block (records cannot be re-synchronised) and the next block is decoded; a bad LEN ends the datagram. Nothing is allocated
/// per record on the good path.
/// </summary>
public static class AsterixDecoder
{
    /// <param name="data">One datagram or a whole raw file of back-to-back data blocks.</param>
    /// <param name="origin">Absolute offset of data[0], used in error messages.</param>
    /// <param name="editions">The edition of each category (default the newest).</param>
    public static DecodeCounts Decode(ReadOnlySpan<byte> data, long origin, IAsterixHandler handler, AsterixEditions? editions = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        editions ??= AsterixEditions.Newest;
        int blocks = 0, records = 0, errors = 0;
        var pos = 0;
        while (pos < data.Length)
        {
            var blockOffset = origin + pos;
            if (data.Length - pos < 3)
            {
                handler.OnError(new AsterixError(blockOffset, $"truncated data block header: {data.Length - pos} byte(s), 3 needed"));
                errors++;
                break;
            }
            var category = data[pos];
            var length = (data[pos + 1] << 8) | data[pos + 2];
            if (length < 3)
            {
                handler.OnError(new AsterixError(blockOffset + 1, $"CAT{category:000} block LEN {length} is less than 3"));
                errors++;
                break;
            }
            if (length > data.Length - pos)
            {
                handler.OnError(new AsterixError(blockOffset + 1, $"CAT{category:000} block LEN {length} runs past the end of the data ({data.Length - pos} bytes left)"));
                errors++;
                break;
            }
            blocks++;
            var reader = new AsterixReader(data.Slice(pos + 3, length - 3), blockOffset + 3);
            try
            {
                DecodeBlock(category, ref reader, handler, editions, ref records);
            }
            catch (AsterixFormatException e)
            {
                handler.OnError(new AsterixError(e.Offset, $"CAT{category:000}: {e.Reason}"));
                errors++;
            }
            pos += length;
        }
        return new DecodeCounts(blocks, records, errors);
    }

    private static void DecodeBlock(byte category, ref AsterixReader reader, IAsterixHandler handler, AsterixEditions editions, ref int records)
    {
        while (!reader.End)
        {
            var offset = reader.Offset;
            switch (category)
            {
                case Cat048Codec.Category:
                    Cat048Codec.Decode(ref reader, out var r48, editions.Cat048.Uap);
                    handler.OnCat048(r48, offset);
                    break;
                case Cat034Codec.Category:
                    Cat034Codec.Decode(ref reader, out var r34, editions.Cat034.Uap);
                    handler.OnCat034(r34, offset);
                    break;
                case Cat062Codec.Category:
                    Cat062Codec.Decode(ref reader, out var r62, editions.Cat062.Uap);
                    handler.OnCat062(r62, offset);
                    break;
                case Cat021Codec.Category when editions.Cat021V023:
                    Cat021V023Codec.Decode(ref reader, out var r21v023);
                    handler.OnCat021V023(r21v023, offset);
                    break;
                case Cat021Codec.Category:
                    Cat021Codec.Decode(ref reader, out var r21, editions.Cat021.Uap);
                    handler.OnCat021(r21, offset);
                    break;
                default:
                    AsterixFormatException.Throw(offset - 3, "unknown category, block skipped");
                    break;
            }
            records++;
        }
    }
}
