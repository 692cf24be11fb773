using System.Text;

namespace Canopy.Interop.Cot;

/// <summary>
/// Cuts a TCP byte stream into CoT messages as the bytes arrive: XML events (each up to its <c>&lt;/event&gt;</c>,
/// an XML declaration allowed in front) or TAK stream frames (0xBF, varint length, TakMessage). Errors carry the byte
/// offset in the stream; after an error the splitter skips to the next '&lt;' or 0xBF and goes on.
/// </summary>
public sealed class CotStreamSplitter
{
    /// <summary>The longest message accepted; a longer one is an error.</summary>
    public const int MaxMessageBytes = 1 << 20;

    private static readonly byte[] EndTag = Encoding.ASCII.GetBytes("</event>");
    private byte[] _buffer = new byte[8192];
    private int _count;
    private long _offset;
    private bool _resyncing;

    /// <summary>Adds received bytes and appends every complete message (or error) to <paramref name="output"/>.</summary>
    public void Append(ReadOnlySpan<byte> data, List<CotInbound> output)
    {
        if (_count + data.Length > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _count + data.Length));
        data.CopyTo(_buffer.AsSpan(_count));
        _count += data.Length;
        int used;
        while ((used = Next(_buffer.AsSpan(0, _count), output)) > 0)
        {
            _buffer.AsSpan(used, _count - used).CopyTo(_buffer);
            _count -= used;
            _offset += used;
        }
    }

    /// <summary>Consumes one message, error or run of whitespace from the front; 0 when more bytes are needed.</summary>
    private int Next(ReadOnlySpan<byte> span, List<CotInbound> output)
    {
        if (span.IsEmpty) return 0;
        if (_resyncing)
        {
            var start = span.IndexOfAny((byte)'<', TakProtobuf.Magic);
            if (start != 0) return start < 0 ? span.Length : start;
            _resyncing = false;
        }
        var skip = 0;
        while (skip < span.Length && span[skip] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or 0) skip++;
        if (skip > 0) return skip;
        if (span[0] == TakProtobuf.Magic) return Frame(span, output);
        if (span[0] == (byte)'<')
        {
            var end = span.IndexOf(EndTag);
            if (end >= 0)
            {
                var length = end + EndTag.Length;
                var inbound = CotInbound.Parse(span[..length]);
                output.Add(inbound.Error is { } e ? inbound with { Error = e with { ByteOffset = _offset } } : inbound);
                return length;
            }
            return span.Length > MaxMessageBytes ? Resync(span, "an XML event longer than 1 MiB (no </event>)", output) : 0;
        }
        return Resync(span, $"unexpected byte 0x{span[0]:X2}: neither '<' nor the TAK magic 0xBF", output);
    }

    private int Frame(ReadOnlySpan<byte> span, List<CotInbound> output)
    {
        long length = 0;
        var i = 1;
        for (var shift = 0; ; shift += 7, i++)
        {
            if (i >= span.Length) return 0;
            if (shift > 28) return Resync(span, "the TAK stream frame's length varint is too long", output);
            length |= (long)(span[i] & 0x7F) << shift;
            if (span[i] < 0x80) break;
        }
        i++;
        if (length > MaxMessageBytes) return Resync(span, $"a TAK stream frame of {length} bytes (over 1 MiB)", output);
        if (span.Length < i + length) return 0;
        var e = TakProtobuf.ParseMessage(span.Slice(i, (int)length), _offset + i, out var error);
        output.Add(e is null ? new CotInbound(null, null, error) : CotInbound.FromEvent(e));
        return i + (int)length;
    }

    /// <summary>Reports an error at the front and skips to the next byte that can start a message.</summary>
    private int Resync(ReadOnlySpan<byte> span, string message, List<CotInbound> output)
    {
        output.Add(new CotInbound(null, null, new CotError(message, _offset)));
        _resyncing = true;
        return 1;
    }
}
