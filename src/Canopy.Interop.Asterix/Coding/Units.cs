namespace Canopy.Interop.Asterix.Coding;

/// <summary>Conversions between ASTERIX wire units and SI.</summary>
public static class Units
{
    public const double NauticalMile = 1852.0;
    public const double Foot = 0.3048;

    /// <summary>One flight level: 100 ft.</summary>
    public const double FlightLevel = 100 * Foot;

    /// <summary>Seconds per day, the wrap of every ASTERIX time of day.</summary>
    public const double Day = 86400.0;
}

/// <summary>Data source identifier (I010 of every category): system area code and system identification code.</summary>
public readonly record struct DataSource(byte Sac, byte Sic)
{
    public static DataSource Read(ref AsterixReader reader)
    {
        var v = reader.ReadUInt16();
        return new DataSource((byte)(v >> 8), (byte)v);
    }

    public override string ToString() => $"{Sac}/{Sic}";
}

/// <summary>Eight characters of the ICAO 6-bit set (A-Z, space, 0-9) packed in 48 bits, as I048/240, I062/245 and I021/170 carry them.</summary>
public readonly record struct Callsign(ulong Bits)
{
    /// <summary>Packs up to eight characters (padded with spaces); characters outside the set fail.</summary>
    public static Callsign Parse(string text)
    {
        if (text.Length > 8) throw new FormatException($"callsign '{text}' longer than 8 characters");
        ulong bits = 0;
        for (var i = 0; i < 8; i++)
        {
            var c = i < text.Length ? char.ToUpperInvariant(text[i]) : ' ';
            int code = c switch
            {
                >= 'A' and <= 'Z' => c - 'A' + 1,
                ' ' => 32,
                >= '0' and <= '9' => c,
                _ => throw new FormatException($"callsign '{text}': '{c}' is not in the ICAO 6-bit set (A-Z, space, 0-9)"),
            };
            bits = (bits << 6) | (uint)code;
        }
        return new Callsign(bits);
    }

    /// <summary>The eight characters; codes outside the set show as '?', trailing spaces kept.</summary>
    public override string ToString()
    {
        Span<char> chars = stackalloc char[8];
        for (var i = 0; i < 8; i++)
        {
            var code = (int)((Bits >> (42 - 6 * i)) & 0x3F);
            chars[i] = code switch
            {
                >= 1 and <= 26 => (char)('A' + code - 1),
                32 => ' ',
                >= 48 and <= 57 => (char)code,
                _ => '?',
            };
        }
        return new string(chars);
    }
}
