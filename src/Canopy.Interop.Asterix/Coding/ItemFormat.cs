namespace Canopy.Interop.Asterix.Coding;

/// <summary>How a data item is laid out on the wire, as a category's UAP states it.</summary>
public enum ItemKind : byte
{
    /// <summary>A fixed number of octets.</summary>
    Fixed,

    /// <summary>Parts of <see cref="ItemFormat.Length"/> octets while the last octet's LSB (FX) is set.</summary>
    Variable,

    /// <summary>A one-octet repetition count REP, then REP elements of <see cref="ItemFormat.Length"/> octets.</summary>
    Repetitive,

    /// <summary>A variable primary subfield (7 subfield flags per octet, LSB = FX), then the flagged subfields in order.</summary>
    Compound,

    /// <summary>A one-octet length (counting itself), then that many octets less one (SP and RE fields).</summary>
    Explicit,
}

/// <summary>One item of a User Application Profile: its name, layout and, for compound items, its subfields (null = spare).</summary>
public sealed class ItemFormat
{
    // Bit i set when subfield i+1 of a compound item is defined (not spare).
    private readonly ulong _defined;

    private ItemFormat(string name, ItemKind kind, int length, ItemFormat?[]? subfields)
    {
        Name = name;
        Kind = kind;
        Length = length;
        Subfields = subfields;
        for (var i = 0; i < (subfields?.Length ?? 0); i++)
            if (subfields![i] is not null) _defined |= 1UL << i;
    }

    public string Name { get; }
    public ItemKind Kind { get; }

    /// <summary>Octets of a fixed item, of one part of a variable item, or of one element of a repetitive item.</summary>
    public int Length { get; }

    public IReadOnlyList<ItemFormat?>? Subfields { get; }

    public static ItemFormat Fixed(string name, int length) => new(name, ItemKind.Fixed, length, null);
    public static ItemFormat Variable(string name, int partLength = 1) => new(name, ItemKind.Variable, partLength, null);
    public static ItemFormat Repetitive(string name, int elementLength) => new(name, ItemKind.Repetitive, elementLength, null);
    public static ItemFormat Explicit(string name) => new(name, ItemKind.Explicit, 0, null);
    public static ItemFormat Compound(string name, params ItemFormat?[] subfields) => new(name, ItemKind.Compound, 0, subfields);

    /// <summary>Steps over one occurrence of this item, checking every length against the end of the data.</summary>
    public void Skip(ref AsterixReader reader)
    {
        var start = reader.Offset;
        switch (Kind)
        {
            case ItemKind.Fixed:
                reader.Skip(Length);
                break;
            case ItemKind.Variable:
                SkipVariable(ref reader, Length);
                break;
            case ItemKind.Repetitive:
                var rep = reader.ReadByte();
                if (rep * Length > reader.Remaining)
                    AsterixFormatException.Throw(start, $"{Name}: repetition count {rep} x {Length} octets runs past the end of the data block");
                reader.Skip(rep * Length);
                break;
            case ItemKind.Explicit:
                var len = reader.ReadByte();
                if (len < 1) AsterixFormatException.Throw(start, $"{Name}: explicit length 0");
                reader.Skip(len - 1);
                break;
            default:
                SkipCompound(ref reader);
                break;
        }
    }

    /// <summary>Reads a variable item's octets (up to 8) into one big-endian number with its octet count.</summary>
    public static ExtensibleBits ReadVariable(ref AsterixReader reader, string name)
    {
        var start = reader.Offset;
        ulong value = 0;
        for (var n = 1; n <= 8; n++)
        {
            var b = reader.ReadByte();
            value = (value << 8) | b;
            if ((b & 1) == 0) return new ExtensibleBits(value, (byte)n);
        }
        AsterixFormatException.Throw(start, $"{name}: more than 8 extension octets");
        return default;
    }

    private static void SkipVariable(ref AsterixReader reader, int partLength)
    {
        for (var guard = 0; guard < 256; guard++)
        {
            var part = reader.ReadBytes(partLength);
            if ((part[^1] & 1) == 0) return;
        }
        AsterixFormatException.Throw(reader.Offset, "variable item longer than 256 parts");
    }

    /// <summary>
    /// Reads a compound item's primary subfield (seven subfield flags per octet, MSB first, LSB = FX) and returns the flags, bit
    /// i-1 for subfield i. Malformed, at the item's first byte: no subfield flagged, an FX extension beyond the octets that hold
    /// the defined subfields, or a spare or undefined subfield flagged. The typed decoders and the UAP's step-over both read
    /// primary subfields here, so whatever one accepts the other accepts.
    /// </summary>
    public ulong ReadPrimary(ref AsterixReader reader)
    {
        if (Kind != ItemKind.Compound) throw new InvalidOperationException($"{Name} is not a compound item");
        var start = reader.Offset;
        var count = Subfields!.Count;
        var octets = (count + 6) / 7;
        ulong bits = 0;
        for (var octet = 0; ; octet++)
        {
            if (octet == octets) AsterixFormatException.Throw(start, $"{Name}: primary subfield extended (FX) beyond the {octets} octet(s) of its {count} subfields");
            var b = reader.ReadByte();
            for (var i = 0; i < 7; i++)
                if (((b >> (7 - i)) & 1) != 0) bits |= 1UL << (octet * 7 + i);
            if ((b & 1) == 0) break;
        }
        if (bits == 0) AsterixFormatException.Throw(start, $"{Name}: primary subfield flags no subfield");
        var undefined = bits & ~_defined;
        if (undefined != 0)
        {
            var i = System.Numerics.BitOperations.TrailingZeroCount(undefined);
            AsterixFormatException.Throw(start, $"{Name}: {(i < count ? "spare" : "undefined")} subfield {i + 1} flagged present");
        }
        return bits;
    }

    private void SkipCompound(ref AsterixReader reader)
    {
        var subfields = Subfields!;
        var present = ReadPrimary(ref reader);
        foreach (var i in new Fspec(present)) subfields[i - 1]!.Skip(ref reader);
    }
}

/// <summary>A variable-length item of one-octet parts held whole: <see cref="Octets"/> octets, the first in the highest byte.</summary>
public readonly record struct ExtensibleBits(ulong Value, byte Octets)
{
    /// <summary>Octet i (0 = first) of the item.</summary>
    public byte Octet(int i) => i < Octets ? (byte)(Value >> (8 * (Octets - 1 - i))) : (byte)0;

    /// <summary>The item with FX bits made consistent: set on every octet but the last.</summary>
    public static ExtensibleBits FromOctets(ReadOnlySpan<byte> octets)
    {
        ulong v = 0;
        for (var i = 0; i < octets.Length; i++) v = (v << 8) | (byte)(i < octets.Length - 1 ? octets[i] | 1 : octets[i] & 0xFE);
        return new ExtensibleBits(v, (byte)octets.Length);
    }

    public void Write(ref AsterixWriter writer)
    {
        if (Octets == 0) throw new InvalidOperationException("variable item with no octets");
        for (var i = 0; i < Octets; i++) writer.WriteByte(Octet(i));
    }

    public string ToHex()
    {
        Span<byte> b = stackalloc byte[8];
        for (var i = 0; i < Octets; i++) b[i] = Octet(i);
        return Convert.ToHexStringLower(b[..Octets]);
    }
}

/// <summary>A category's User Application Profile: item formats by FRN (index FRN-1; null = spare FRN).</summary>
public sealed class Uap(byte category, string edition, params ItemFormat?[] items)
{
    public byte Category { get; } = category;
    public string Edition { get; } = edition;
    public IReadOnlyList<ItemFormat?> Items { get; } = items;

    /// <summary>The same profile under another edition's name, for editions whose UAP and items are identical on the wire.</summary>
    public Uap WithEdition(string edition) => new(Category, edition, [.. Items]);

    /// <summary>Skips item FRN, or fails naming it when the UAP marks that FRN spare.</summary>
    public void Skip(int frn, ref AsterixReader reader)
    {
        if (Items[frn - 1] is not { } format)
            AsterixFormatException.Throw(reader.Offset, $"CAT{Category:000}: FRN {frn} is spare in edition {Edition}");
        else
            format.Skip(ref reader);
    }
}
