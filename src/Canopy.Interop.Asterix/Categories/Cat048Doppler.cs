using System.Text.Json;
using Canopy.Interop.Asterix.Coding;
using static Canopy.Interop.Asterix.Json.JsonItems;

namespace Canopy.Interop.Asterix.Categories;

/// <summary>
/// I048/120 radial Doppler speed, the one owner of its conversions in both directions. Compound: CAL (2 octets: D doubtful,
/// 5 spare bits, the calculated Doppler speed as 10-bit two's complement in m/s) and RDS (REP, then per element DOP Doppler
/// speed and AMB ambiguity range in m/s, FRQ transmitter frequency in MHz, 16 bits unsigned each). A record keeps CAL only
/// (<see cref="Cat048Record.DopplerCal"/>); JSON carries the whole item, {"D": 0|1, "CAL": m/s, "RDS": [{"DOP": m/s,
/// "AMB": m/s, "FRQ": MHz}, ...]} with each subfield when present, so decode then encode keeps raw Doppler speeds.
/// </summary>
public static class Cat048Doppler
{
    /// <summary>JSON member name of the item.</summary>
    public const string JsonName = "I120";

    /// <summary>Longest item: primary subfield, CAL, then RDS with 255 elements.</summary>
    public const int MaxLength = 1 + 2 + 1 + 255 * 6;

    private static readonly ItemFormat Format = Cat048Codec.Uap.Items[19]!;
    private static readonly ItemFormat RawSpeeds = Format.Subfields![1]!;

    /// <summary>Reads the item for a record: the CAL subfield, or null when only raw Doppler speeds came (stepped over).</summary>
    public static ushort? ReadCal(ref AsterixReader r)
    {
        var present = Format.ReadPrimary(ref r);
        ushort? cal = (present & 1) != 0 ? r.ReadUInt16() : null;
        if ((present & 2) != 0) RawSpeeds.Skip(ref r);
        return cal;
    }

    /// <summary>Writes the item with its CAL subfield only (D and the speed; spare bits zero).</summary>
    public static void WriteCal(ushort cal, ref AsterixWriter w)
    {
        w.WriteByte(0x80);
        w.WriteUInt16(cal & 0x83FF);
    }

    /// <summary>Writes the item's wire bytes (primary subfield first, as a decoder accepted them) as the JSON member "I120".</summary>
    public static void WriteJson(Utf8JsonWriter json, ReadOnlySpan<byte> item)
    {
        ArgumentNullException.ThrowIfNull(json);
        var r = new AsterixReader(item);
        var present = Format.ReadPrimary(ref r);
        json.WriteStartObject(JsonName);
        if ((present & 1) != 0)
        {
            var cal = r.ReadUInt16();
            json.WriteNumber("D", cal >> 15);
            json.WriteNumber("CAL", ((cal & 0x3FF) << 22) >> 22);
        }
        if ((present & 2) != 0)
        {
            json.WriteStartArray("RDS");
            for (int n = r.ReadByte(); n > 0; n--)
            {
                json.WriteStartObject();
                json.WriteNumber("DOP", r.ReadUInt16());
                json.WriteNumber("AMB", r.ReadUInt16());
                json.WriteNumber("FRQ", r.ReadUInt16());
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    /// <summary>Writes the item from its JSON member (as <see cref="WriteJson"/> prints it); a bad field fails with a <see cref="FormatException"/> naming it.</summary>
    public static void ReadJson(JsonElement item, ref AsterixWriter w)
    {
        if (item.ValueKind != JsonValueKind.Object) throw new FormatException($"{JsonName}: an object expected, got {item.ValueKind}");
        var hasCal = item.TryGetProperty("CAL", out _);
        var hasRds = item.TryGetProperty("RDS", out var rds);
        if (!hasCal && !hasRds) throw new FormatException($"{JsonName}: no subfield (CAL, RDS)");
        w.WriteByte((hasCal ? 0x80 : 0) | (hasRds ? 0x40 : 0));
        if (hasCal) w.WriteUInt16((Int(item, JsonName, "D", 0, 1) << 15) | (Int(item, JsonName, "CAL", -512, 511) & 0x3FF));
        if (!hasRds) return;
        if (rds.ValueKind != JsonValueKind.Array || rds.GetArrayLength() > 255)
            throw new FormatException($"{JsonName}.RDS: an array of at most 255 elements expected");
        w.WriteByte(rds.GetArrayLength());
        foreach (var e in rds.EnumerateArray())
        {
            w.WriteUInt16(Int(e, JsonName + ".RDS", "DOP", 0, 0xFFFF));
            w.WriteUInt16(Int(e, JsonName + ".RDS", "AMB", 0, 0xFFFF));
            w.WriteUInt16(Int(e, JsonName + ".RDS", "FRQ", 0, 0xFFFF));
        }
    }
}
