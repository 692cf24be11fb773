using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Canopy.Interop.Asterix.Coding;

/// <summary>
/// Big-endian reader over ASTERIX bytes that knows its absolute byte offset, so every fault names where it is.
/// Running past the end throws <see cref="AsterixFormatException"/>; the block decoder catches it and skips the block.
/// </summary>
public ref struct AsterixReader
{
    private readonly ReadOnlySpan<byte> _data;
    private readonly long _origin;

    public AsterixReader(ReadOnlySpan<byte> data, long origin = 0)
    {
        _data = data;
        _origin = origin;
        Position = 0;
    }

    /// <summary>Index of the next byte within the span.</summary>
    public int Position { get; private set; }

    /// <summary>Absolute offset of the next byte.</summary>
    public readonly long Offset => _origin + Position;

    public readonly int Remaining => _data.Length - Position;

    public readonly bool End => Position >= _data.Length;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte ReadByte()
    {
        Need(1);
        return _data[Position++];
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ushort ReadUInt16()
    {
        Need(2);
        var v = BinaryPrimitives.ReadUInt16BigEndian(_data.Slice(Position, 2));
        Position += 2;
        return v;
    }

    public short ReadInt16() => unchecked((short)ReadUInt16());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadUInt24()
    {
        Need(3);
        var s = _data.Slice(Position, 3);
        Position += 3;
        return (s[0] << 16) | (s[1] << 8) | s[2];
    }

    /// <summary>A two's-complement 24-bit value, sign-extended.</summary>
    public int ReadInt24() => (ReadUInt24() << 8) >> 8;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadInt32()
    {
        Need(4);
        var v = BinaryPrimitives.ReadInt32BigEndian(_data.Slice(Position, 4));
        Position += 4;
        return v;
    }

    public ulong ReadUInt48()
    {
        Need(6);
        var s = _data.Slice(Position, 6);
        Position += 6;
        return ((ulong)BinaryPrimitives.ReadUInt16BigEndian(s) << 32) | BinaryPrimitives.ReadUInt32BigEndian(s[2..]);
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        Need(count);
        var s = _data.Slice(Position, count);
        Position += count;
        return s;
    }

    public void Skip(int count)
    {
        Need(count);
        Position += count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly void Need(int count)
    {
        if ((uint)count > (uint)(_data.Length - Position)) Truncated(count);
    }

    private readonly void Truncated(int count) =>
        AsterixFormatException.Throw(Offset, $"{count} byte(s) needed but only {Remaining} left in the data block");
}
