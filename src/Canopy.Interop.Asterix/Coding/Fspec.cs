namespace Canopy.Interop.Asterix.Coding;

/// <summary>
/// Field specification: which items (by field reference number, FRN 1..56) a record carries.
/// Bit FRN-1 of <see cref="Bits"/> is set when item FRN is present; on the wire seven FRNs per octet, MSB first, LSB = FX.
/// </summary>
public readonly record struct Fspec(ulong Bits)
{
    public const int MaxOctets = 8;

    public bool Has(int frn) => ((Bits >> (frn - 1)) & 1) != 0;

    /// <summary>The present items' FRNs in ascending (wire) order, without allocating: <c>foreach (var frn in fspec)</c>.</summary>
    public FrnEnumerator GetEnumerator() => new(Bits);

    /// <summary>Walks the set bits of an FSPEC, lowest FRN first.</summary>
    public struct FrnEnumerator(ulong bits)
    {
        private ulong _rest = bits;

        public int Current { get; private set; }

        public bool MoveNext()
        {
            if (_rest == 0) return false;
            Current = System.Numerics.BitOperations.TrailingZeroCount(_rest) + 1;
            _rest &= _rest - 1;
            return true;
        }
    }

    /// <summary>Reads an FSPEC (or a compound item's primary subfield, same layout), checking that it ends in the data and names only FRNs the category's UAP defines.</summary>
    public static Fspec Read(ref AsterixReader reader, int uapLength, string what = "FSPEC")
    {
        var start = reader.Offset;
        ulong bits = 0;
        for (var octet = 0; octet < MaxOctets; octet++)
        {
            if (reader.End) AsterixFormatException.Throw(reader.Offset, $"{what} runs past the end of the data block");
            var b = reader.ReadByte();
            bits |= (ulong)Spread[b >> 1] << (octet * 7);
            if ((b & 1) != 0) continue;
            if (bits == 0) AsterixFormatException.Throw(start, $"{what} names no item");
            if ((bits >> uapLength) != 0)
                AsterixFormatException.Throw(start, $"{what} names item {64 - System.Numerics.BitOperations.LeadingZeroCount(bits)} beyond the {uapLength} defined");
            return new Fspec(bits);
        }
        AsterixFormatException.Throw(start, $"{what} longer than {MaxOctets} octets");
        return default;
    }

    /// <summary>Writes the FSPEC for the present items (at least one).</summary>
    public void Write(ref AsterixWriter writer)
    {
        if (Bits == 0) throw new InvalidOperationException("a record needs at least one item");
        var highest = 64 - System.Numerics.BitOperations.LeadingZeroCount(Bits);
        var octets = (highest + 6) / 7;
        for (var octet = 0; octet < octets; octet++)
        {
            var b = 0;
            for (var i = 0; i < 7; i++)
                if (((Bits >> (octet * 7 + i)) & 1) != 0) b |= 0x80 >> i;
            if (octet < octets - 1) b |= 1;
            writer.WriteByte(b);
        }
    }

    // Octet bits 7..1 name FRN 7k+1..7k+7: the 7-bit group reversed so that FRN 7k+1 lands on bit 7k.
    private static readonly byte[] Spread = BuildSpread();

    private static byte[] BuildSpread()
    {
        var table = new byte[128];
        for (var g = 0; g < 128; g++)
            for (var i = 0; i < 7; i++)
                if (((g >> (6 - i)) & 1) != 0) table[g] |= (byte)(1 << i);
        return table;
    }
}
