using System.Buffers.Binary;

namespace Canopy.Interop.Asterix.Files;

/// <summary>What a recording holds.</summary>
public enum RecordingKind
{
    /// <summary>Raw ASTERIX: data blocks back to back, as <c>asterix encode</c> writes.</summary>
    Raw,

    /// <summary>A pcap file (microsecond or nanosecond, either byte order).</summary>
    Pcap,

    /// <summary>A pcapng file.</summary>
    Pcapng,
}

/// <summary>
/// Reads a recording unit by unit in bounded memory, from a stream (a file of any size) or from bytes in memory: a pcap or
/// pcapng gives its UDP datagrams (see <see cref="CaptureReader"/> for the links and protocols), raw ASTERIX one data block
/// per unit (without a time: NaN). A capture cut short at the end, as a killed recorder leaves it, gives every complete
/// packet, then <see cref="Warning"/> names the byte offset of the cut tail (tshark reads such files the same way); other
/// damage fails with a <see cref="FormatException"/> naming the byte offset. A raw data block whose LEN is less than 3 or runs
/// past the end comes as the last unit with what follows it, so the decoder reports the fault at its offset.
/// </summary>
public sealed class RecordingReader : IDisposable
{
    /// <summary>Largest pcap packet record or pcapng block accepted (a longer length is damage): 16 MiB.</summary>
    public const int MaxRecord = 1 << 24;

    private readonly Stream? _stream;
    private readonly bool _leaveOpen;
    private readonly List<(int Link, double Tick)> _interfaces = [];
    private byte[] _array = [];
    private ReadOnlyMemory<byte> _data;
    private int _start;
    private int _end;
    private long _offset; // file offset of _data[_start]
    private bool _endOfStream;
    private bool _done;
    private bool _little = true;
    private bool _nano;
    private int _link;

    /// <summary>Reads from <paramref name="stream"/> through a buffer of <paramref name="bufferSize"/> bytes (grown only for a longer packet).</summary>
    public RecordingReader(Stream stream, int bufferSize = 1 << 20, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 16);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _array = new byte[bufferSize];
        _data = _array;
        Kind = Open(null);
    }

    /// <summary>Reads the recording held in <paramref name="file"/>; units' payloads are slices of it.</summary>
    public RecordingReader(ReadOnlyMemory<byte> file) : this(file, null) { }

    internal RecordingReader(ReadOnlyMemory<byte> file, RecordingKind? kind)
    {
        _data = file;
        _end = file.Length;
        _endOfStream = true;
        Kind = Open(kind);
    }

    public RecordingKind Kind { get; }

    /// <summary>True for a pcap or pcapng.</summary>
    public bool IsCapture => Kind != RecordingKind.Raw;

    /// <summary>Set when a capture ends in a cut packet: its byte offset and what is missing.</summary>
    public string? Warning { get; private set; }

    /// <summary>Packets (pcap records or pcapng packet blocks) read whole, UDP or not.</summary>
    public long Packets { get; private set; }

    /// <summary>
    /// The next UDP datagram of a capture, or the next data block of raw ASTERIX; false at the end. From a stream, the payload is
    /// valid until the next call.
    /// </summary>
    public bool TryRead(out UdpDatagram unit)
    {
        unit = default;
        while (!_done)
        {
            var found = Kind switch
            {
                RecordingKind.Pcap => NextPcap(out unit),
                RecordingKind.Pcapng => NextPcapng(out unit),
                _ => NextBlock(out unit),
            };
            if (found) return true;
        }
        return false;
    }

    public void Dispose()
    {
        if (!_leaveOpen) _stream?.Dispose();
    }

    private RecordingKind Open(RecordingKind? kind)
    {
        var available = Ensure(24);
        var span = Span(available);
        var magic = available >= 4 ? BinaryPrimitives.ReadUInt32LittleEndian(span) : 0;
        if (kind == RecordingKind.Raw || magic is not (0xA1B2C3D4 or 0xD4C3B2A1 or 0xA1B23C4D or 0x4D3CB2A1 or 0x0A0D0D0A)) return RecordingKind.Raw;
        if (magic == 0x0A0D0D0A) return RecordingKind.Pcapng;
        if (available < 24) throw new FormatException("byte 0: pcap global header truncated (24 bytes needed)");
        _little = magic is 0xA1B2C3D4 or 0xA1B23C4D;
        _nano = magic is 0xA1B23C4D or 0x4D3CB2A1;
        _link = (int)U32(span[20..]);
        Consume(24);
        return RecordingKind.Pcap;
    }

    private bool NextBlock(out UdpDatagram unit)
    {
        unit = default;
        var available = Ensure(3);
        if (available == 0)
        {
            _done = true;
            return false;
        }
        var length = available >= 3 ? BinaryPrimitives.ReadUInt16BigEndian(Span(3)[1..]) : 0;
        if (length >= 3) available = Ensure(length);
        if (length < 3 || length > available)
        {
            // The rest as one unit: the decoder reports the bad LEN (or the truncated header) at its offset and stops there.
            length = available;
            _done = true;
        }
        unit = new UdpDatagram(_offset, double.NaN, 0, 0, _data.Slice(_start, length));
        Consume(length);
        return true;
    }

    private bool NextPcap(out UdpDatagram unit)
    {
        unit = default;
        var available = Ensure(16);
        if (available < 16) return EndOfCapture(16, "packet record header");
        var header = Span(16);
        var seconds = U32(header);
        var fraction = U32(header[4..]);
        var captured = U32(header[8..]);
        if (captured > RemainingAfter(16)) return EndOfCapture(16 + captured, "packet record");
        if (captured > MaxRecord) throw new FormatException($"byte {_offset + 8}: pcap record length {captured} is larger than {MaxRecord} bytes: the file is damaged");
        var need = 16 + (int)captured;
        available = Ensure(need);
        if (available < need) return EndOfCapture(need, "packet record");
        Packets++;
        var time = seconds + fraction * (_nano ? 1e-9 : 1e-6);
        var found = CaptureReader.TryUdp(_data.Slice(_start + 16, (int)captured), _offset + 16, _link, time, out unit);
        Consume(need);
        return found;
    }

    private bool NextPcapng(out UdpDatagram unit)
    {
        unit = default;
        var available = Ensure(12);
        if (available < 12) return EndOfCapture(12, "block header");
        var head = Span(12);
        var type = U32(head);
        if (type == 0x0A0D0D0A)
        {
            var bom = BinaryPrimitives.ReadUInt32LittleEndian(head[8..]);
            _little = bom == 0x1A2B3C4D;
            if (!_little && bom != 0x4D3C2B1A) throw new FormatException($"byte {_offset + 8}: pcapng byte-order magic {bom:x8} unknown");
            _interfaces.Clear();
        }
        var length = U32(head[4..]);
        if (length < 12 || length % 4 != 0) throw new FormatException($"byte {_offset + 4}: pcapng block length {length} invalid");
        if (length > RemainingAfter(0)) return EndOfCapture(length, "block");
        if (length > MaxRecord) throw new FormatException($"byte {_offset + 4}: pcapng block length {length} is larger than {MaxRecord} bytes: the file is damaged");
        available = Ensure((int)length);
        if (available < length) return EndOfCapture(length, "block");
        var block = _offset;
        var body = Span((int)length)[8..^4];
        var found = false;
        if (type == 1 && body.Length >= 8) _interfaces.Add((U16(body), 1e-6));
        else if (type == 6 && body.Length >= 20)
        {
            Packets++;
            var iface = (int)U32(body);
            if (iface >= _interfaces.Count) throw new FormatException($"byte {block + 8}: packet names interface {iface}, only {_interfaces.Count} described");
            var ticks = ((ulong)U32(body[4..]) << 32) | U32(body[8..]);
            var captured = U32(body[12..]);
            if (captured > body.Length - 20) throw new FormatException($"byte {block + 20}: pcapng packet length {captured} runs past its block");
            found = CaptureReader.TryUdp(_data.Slice(_start + 28, (int)captured), block + 28, _interfaces[iface].Link, ticks * _interfaces[iface].Tick, out unit);
        }
        Consume((int)length);
        return found;
    }

    /// <summary>The capture ends here: cleanly at a record boundary, or in a cut record (a warning, every whole packet kept).</summary>
    private bool EndOfCapture(long needed, string what)
    {
        _done = true;
        var left = _stream is { CanSeek: false } ? _end - _start : RemainingAfter(0); // a stream that cannot seek was read to its end
        if (left > 0)
            Warning = $"byte {_offset}: capture cut short: the last {what} has {left} of its {needed} bytes; the {Packets} packets before it were read";
        return false;
    }

    /// <summary>Bytes of the recording after the next <paramref name="skip"/> unread ones (from a stream that cannot seek: as many as could be).</summary>
    private long RemainingAfter(int skip)
    {
        if (_stream is null) return _end - _start - skip;
        return _stream.CanSeek ? _stream.Length - _stream.Position + (_end - _start) - skip : long.MaxValue;
    }

    /// <summary>Makes at least <paramref name="count"/> unread bytes available if the recording has them; returns how many are.</summary>
    private int Ensure(int count)
    {
        if (_end - _start >= count || _endOfStream) return _end - _start;
        if (count > _array.Length)
        {
            var grown = new byte[Math.Max(count, 2 * _array.Length)];
            Buffer.BlockCopy(_array, _start, grown, 0, _end - _start);
            (_array, _data, _end, _start) = (grown, grown, _end - _start, 0);
        }
        else if (_array.Length - _start < count)
        {
            Buffer.BlockCopy(_array, _start, _array, 0, _end - _start);
            (_end, _start) = (_end - _start, 0);
        }
        while (_end - _start < count)
        {
            var read = _stream!.Read(_array, _end, _array.Length - _end);
            if (read == 0)
            {
                _endOfStream = true;
                break;
            }
            _end += read;
        }
        return _end - _start;
    }

    private ReadOnlySpan<byte> Span(int count) => _data.Span.Slice(_start, Math.Min(count, _end - _start));

    private void Consume(int count)
    {
        _start += count;
        _offset += count;
    }

    private uint U32(ReadOnlySpan<byte> s) => _little ? BinaryPrimitives.ReadUInt32LittleEndian(s) : BinaryPrimitives.ReadUInt32BigEndian(s);
    private ushort U16(ReadOnlySpan<byte> s) => _little ? BinaryPrimitives.ReadUInt16LittleEndian(s) : BinaryPrimitives.ReadUInt16BigEndian(s);
}
