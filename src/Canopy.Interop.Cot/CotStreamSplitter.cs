using System.Globalization;
using System.Text;

namespace Canopy.Interop.Cot;

/// <summary>
/// Cuts a TCP byte stream into CoT messages as the bytes arrive: XML events (each up to its <c>&lt;/event&gt;</c>,
/// an XML declaration allowed in front) or TAK stream frames (0xBF, varint length, TakMessage). Errors carry the byte
/// offset in the stream; after an error the splitter skips to the next '&lt;' or 0xBF and goes on, reporting one error per run
/// of bad bytes. Work is linear in the bytes received: every byte is searched for the end tag once, a message longer than the
/// limit is dropped up to its end tag without being searched again, and the buffer is compacted only when half of it is spent.
/// </summary>
public sealed class CotStreamSplitter
{
    /// <summary>The longest message accepted by default (64 KiB; a TAK position event is well under 2 KiB).</summary>
    public const int DefaultMaxMessageBytes = 64 << 10;

    private static readonly byte[] EndTag = Encoding.ASCII.GetBytes("</event>");
    private static readonly byte[] EventStart = Encoding.ASCII.GetBytes("<event");
    private static readonly byte[] DeclarationStart = Encoding.ASCII.GetBytes("<?xml");
    private readonly int _maxMessageBytes;
    private byte[] _buffer = new byte[8192];
    private int _start, _end;
    private long _offset; // stream offset of _buffer[_start]
    private int _scanned; // bytes of the XML message at _start already searched for its end tag
    private bool _resyncing, _discarding;

    /// <param name="maxMessageBytes">The longest message accepted; a longer one is an error, dropped up to its end.</param>
    public CotStreamSplitter(int maxMessageBytes = DefaultMaxMessageBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessageBytes, 64);
        _maxMessageBytes = maxMessageBytes;
    }

    /// <summary>Bytes received that were no message (garbage, messages over the limit), skipped.</summary>
    public long SkippedBytes { get; private set; }

    /// <summary>Adds received bytes and appends every complete message (or error) to <paramref name="output"/>.</summary>
    public void Append(ReadOnlySpan<byte> data, List<CotInbound> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        while (!data.IsEmpty)
        {
            // Take at most what the buffer holds beyond one message, so a long burst never grows it past the limit.
            var room = Room();
            var take = Math.Min(room, data.Length);
            data[..take].CopyTo(_buffer.AsSpan(_end));
            _end += take;
            data = data[take..];
            int used;
            while (_start < _end && (used = Next(_buffer.AsSpan(_start, _end - _start), output)) > 0)
            {
                _start += used;
                _offset += used;
            }
            if (_start == _end) _start = _end = 0;
        }
    }

    /// <summary>Free bytes at the end of the buffer, compacting or growing it first when it is full.</summary>
    private int Room()
    {
        if (_end < _buffer.Length) return _buffer.Length - _end;
        var pending = _end - _start;
        if (_start > 0 && _start >= pending)
        {
            _buffer.AsSpan(_start, pending).CopyTo(_buffer);
        }
        else
        {
            var bigger = new byte[Math.Max(_buffer.Length * 2, pending + 1)];
            _buffer.AsSpan(_start, pending).CopyTo(bigger);
            _buffer = bigger;
        }
        _start = 0;
        _end = pending;
        return _buffer.Length - _end;
    }

    /// <summary>Consumes one message, error, run of skipped bytes or of whitespace from the front; 0 when more bytes are needed.</summary>
    private int Next(ReadOnlySpan<byte> span, List<CotInbound> output)
    {
        if (_discarding) return Discard(span);
        if (_resyncing)
        {
            var start = span.IndexOfAny((byte)'<', TakProtobuf.Magic);
            if (start != 0)
            {
                var skipped = start < 0 ? span.Length : start;
                SkippedBytes += skipped;
                return skipped;
            }
        }
        var skip = 0;
        while (skip < span.Length && span[skip] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or 0) skip++;
        if (skip > 0) return skip;
        if (span[0] == TakProtobuf.Magic) return Frame(span, output);
        if (span[0] == (byte)'<') return Xml(span, output);
        return Error(span, $"unexpected byte 0x{span[0]:X2}: neither '<' nor the TAK magic 0xBF", output);
    }

    private int Xml(ReadOnlySpan<byte> span, List<CotInbound> output)
    {
        var head = Math.Min(span.Length, EventStart.Length);
        if (!span[..head].SequenceEqual(EventStart.AsSpan(0, head)) && !span[..Math.Min(head, DeclarationStart.Length)].SequenceEqual(DeclarationStart.AsSpan(0, Math.Min(head, DeclarationStart.Length))))
            return Error(span, "'<' that starts neither <event nor <?xml", output);
        var from = Math.Max(0, _scanned - (EndTag.Length - 1));
        var end = span[from..].IndexOf(EndTag);
        if (end < 0)
        {
            _scanned = span.Length;
            if (span.Length <= _maxMessageBytes) return 0;
            _scanned = 0;
            _discarding = true;
            output.Add(new CotInbound(null, null, new CotError(string.Create(CultureInfo.InvariantCulture,
                $"an XML event longer than {_maxMessageBytes} bytes (no </event>): dropped up to its end"), _offset)));
            SkippedBytes += span.Length;
            return span.Length;
        }
        var length = from + end + EndTag.Length;
        _scanned = 0;
        _resyncing = false;
        var inbound = CotInbound.Parse(span[..length]);
        output.Add(inbound.Error is { } e ? inbound with { Error = e with { ByteOffset = _offset } } : inbound);
        return length;
    }

    /// <summary>Drops the bytes of an over-long XML event up to and including its end tag (searched once, with an overlap of one tag).</summary>
    private int Discard(ReadOnlySpan<byte> span)
    {
        var from = Math.Max(0, _scanned - (EndTag.Length - 1));
        var end = span[from..].IndexOf(EndTag);
        if (end >= 0)
        {
            _discarding = false;
            _scanned = 0;
            _resyncing = true;
            SkippedBytes += from + end + EndTag.Length;
            return from + end + EndTag.Length;
        }
        // Keep the last bytes that may begin an end tag; drop the rest.
        var keep = Math.Min(span.Length, EndTag.Length - 1);
        var drop = span.Length - keep;
        _scanned = keep;
        SkippedBytes += drop;
        return drop;
    }

    private int Frame(ReadOnlySpan<byte> span, List<CotInbound> output)
    {
        long length = 0;
        var i = 1;
        for (var shift = 0; ; shift += 7, i++)
        {
            if (i >= span.Length) return 0;
            if (shift > 28) return Error(span, "the TAK stream frame's length varint is too long", output);
            length |= (long)(span[i] & 0x7F) << shift;
            if (span[i] < 0x80) break;
        }
        i++;
        if (length > _maxMessageBytes)
            return Error(span, string.Create(CultureInfo.InvariantCulture, $"a TAK stream frame of {length} bytes (over {_maxMessageBytes})"), output);
        if (span.Length < i + length) return 0;
        var e = TakProtobuf.ParseMessage(span.Slice(i, (int)length), _offset + i, out var error);
        _resyncing = false;
        output.Add(e is null ? new CotInbound(null, null, error) : CotInbound.FromEvent(e));
        return i + (int)length;
    }

    /// <summary>Reports an error at the front (once per run of bad bytes) and skips to the next byte that can start a message.</summary>
    private int Error(ReadOnlySpan<byte> span, string message, List<CotInbound> output)
    {
        if (!_resyncing) output.Add(new CotInbound(null, null, new CotError(message, _offset)));
        _resyncing = true;
        _scanned = 0;
        SkippedBytes++;
        return 1;
    }
}
