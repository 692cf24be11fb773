using System.Buffers.Binary;

namespace Canopy.Interop.Asterix.Coding;

/// <summary>Big-endian writer of ASTERIX data blocks into a caller's buffer (CAT, 16-bit LEN, records).</summary>
public ref struct AsterixWriter
{
    private readonly Span<byte> _buffer;
    private int _blockStart;

    public AsterixWriter(Span<byte> buffer)
    {
        _buffer = buffer;
        _blockStart = -1;
        Position = 0;
    }

    /// <summary>Bytes written so far.</summary>
    public int Position { get; private set; }

    public readonly ReadOnlySpan<byte> Written => _buffer[..Position];

    /// <summary>Starts a data block of a category; records follow; <see cref="EndBlock"/> fills in LEN.</summary>
    public void BeginBlock(byte category)
    {
        if (_blockStart >= 0) throw new InvalidOperationException("a data block is already open");
        _blockStart = Position;
        WriteByte(category);
        WriteUInt16(0);
    }

    public void EndBlock()
    {
        if (_blockStart < 0) throw new InvalidOperationException("no data block is open");
        var length = Position - _blockStart;
        if (length > ushort.MaxValue) throw new InvalidOperationException($"data block of {length} bytes exceeds the 65535 LEN limit");
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.Slice(_blockStart + 1, 2), (ushort)length);
        _blockStart = -1;
    }

    public void WriteByte(int value)
    {
        Need(1);
        _buffer[Position++] = unchecked((byte)value);
    }

    public void WriteUInt16(int value)
    {
        Need(2);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.Slice(Position, 2), unchecked((ushort)value));
        Position += 2;
    }

    public void WriteUInt24(int value)
    {
        Need(3);
        _buffer[Position] = unchecked((byte)(value >> 16));
        _buffer[Position + 1] = unchecked((byte)(value >> 8));
        _buffer[Position + 2] = unchecked((byte)value);
        Position += 3;
    }

    public void WriteInt32(int value)
    {
        Need(4);
        BinaryPrimitives.WriteInt32BigEndian(_buffer.Slice(Position, 4), value);
        Position += 4;
    }

    public void WriteUInt48(ulong value)
    {
        WriteUInt16((int)(value >> 32));
        Need(4);
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.Slice(Position, 4), unchecked((uint)value));
        Position += 4;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        Need(bytes.Length);
        bytes.CopyTo(_buffer[Position..]);
        Position += bytes.Length;
    }

    private readonly void Need(int count)
    {
        if (count > _buffer.Length - Position) throw new InvalidOperationException($"ASTERIX output buffer of {_buffer.Length} bytes is full");
    }
}
