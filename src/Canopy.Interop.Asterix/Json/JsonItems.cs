using System.Globalization;
using System.Text.Json;
using Canopy.Interop.Asterix.Coding;

namespace Canopy.Interop.Asterix.Json;

/// <summary>Small helpers shared by the per-category JSON mappings: reading named fields with clear errors.</summary>
internal static class JsonItems
{
    public static JsonElement Field(JsonElement item, string item_name, string field)
    {
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty(field, out var v))
            throw new FormatException($"{item_name}: field \"{field}\" missing");
        return v;
    }

    public static double Number(JsonElement item, string name, string field)
    {
        var v = Field(item, name, field);
        return v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw new FormatException($"{name}.{field}: a number expected, got {v.ValueKind}");
    }

    public static int Int(JsonElement item, string name, string field, int min, int max)
    {
        var d = Number(item, name, field);
        if (d != Math.Floor(d) || d < min || d > max) throw new FormatException($"{name}.{field}: {d.ToString(CultureInfo.InvariantCulture)} is not a whole number in {min}..{max}");
        return (int)d;
    }

    /// <summary>A scaled value as its wire count, range-checked.</summary>
    public static int Count(JsonElement item, string name, string field, double lsb, int min, int max)
    {
        var d = Number(item, name, field);
        var c = Math.Round(d / lsb);
        if (c < min || c > max) throw new FormatException($"{name}.{field}: {d.ToString(CultureInfo.InvariantCulture)} out of range");
        return (int)c;
    }

    public static string Text(JsonElement item, string name, string field)
    {
        var v = Field(item, name, field);
        return v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new FormatException($"{name}.{field}: a string expected, got {v.ValueKind}");
    }

    public static int Hex(JsonElement item, string name, string field, int max)
    {
        var s = Text(item, name, field);
        if (!int.TryParse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v) || v < 0 || v > max)
            throw new FormatException($"{name}.{field}: \"{s}\" is not a hexadecimal number up to {max:x}");
        return v;
    }

    public static int Octal(JsonElement item, string name, string field)
    {
        var s = Text(item, name, field);
        var v = 0;
        if (s.Length is 0 or > 4) throw new FormatException($"{name}.{field}: \"{s}\" is not a 4-digit octal code");
        foreach (var c in s)
        {
            if (c is < '0' or > '7') throw new FormatException($"{name}.{field}: \"{s}\" is not a 4-digit octal code");
            v = v * 8 + (c - '0');
        }
        return v;
    }

    public static ExtensibleBits Octets(JsonElement item, string name)
    {
        var s = Text(item, name, "octets");
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(s);
        }
        catch (FormatException)
        {
            throw new FormatException($"{name}.octets: \"{s}\" is not hexadecimal");
        }
        if (bytes.Length is 0 or > 8) throw new FormatException($"{name}.octets: 1 to 8 octets expected");
        return ExtensibleBits.FromOctets(bytes);
    }

    public static Callsign Callsign(JsonElement item, string name, string field)
    {
        try
        {
            return Coding.Callsign.Parse(Text(item, name, field));
        }
        catch (FormatException e)
        {
            throw new FormatException($"{name}.{field}: {e.Message}");
        }
    }

    public static void Source(Utf8JsonWriter w, DataSource s)
    {
        w.WriteStartObject("I010");
        w.WriteNumber("SAC", s.Sac);
        w.WriteNumber("SIC", s.Sic);
        w.WriteEndObject();
    }

    public static DataSource Source(JsonElement item) => new((byte)Int(item, "I010", "SAC", 0, 255), (byte)Int(item, "I010", "SIC", 0, 255));

    /// <summary>A variable item: named bit fields of its first octets plus all its octets in hex (what encoding reads).</summary>
    public static void Variable(Utf8JsonWriter w, string name, ExtensibleBits bits, ReadOnlySpan<(string Field, int Octet, int Shift, int Width)> fields)
    {
        w.WriteStartObject(name);
        foreach (var (field, octet, shift, width) in fields)
            if (octet < bits.Octets) w.WriteNumber(field, (bits.Octet(octet) >> shift) & ((1 << width) - 1));
        w.WriteString("octets", bits.ToHex());
        w.WriteEndObject();
    }

    public static string OctalCode(int code) => Convert.ToString(code & 0xFFF, 8).PadLeft(4, '0');

    public static void TimeOfDay(Utf8JsonWriter w, string name, int count)
    {
        w.WriteStartObject(name);
        w.WriteNumber("ToD", count / 128.0);
        w.WriteEndObject();
    }

    public static int TimeOfDay(JsonElement item, string name) => Count(item, name, "ToD", 1 / 128.0, 0, 0xFFFFFF);
}
