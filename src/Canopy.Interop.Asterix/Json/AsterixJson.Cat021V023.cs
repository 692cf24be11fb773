using System.Text.Json;
using Canopy.Interop.Asterix.Categories;
using static Canopy.Interop.Asterix.Json.JsonItems;

namespace Canopy.Interop.Asterix.Json;

/// <summary>CAT021 edition 0.23 JSON mapping (item names and fields of that edition).</summary>
public static partial class AsterixJson
{
    public static void Write(Utf8JsonWriter w, in Cat021V023Record r)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (r.Has(Cat021V023Items.I010)) Source(w, r.Source);
        if (r.Has(Cat021V023Items.I040))
        {
            w.WriteStartObject("I040");
            var d = r.Descriptor;
            w.WriteNumber("DCR", (d >> 15) & 1);
            w.WriteNumber("GBS", (d >> 14) & 1);
            w.WriteNumber("SIM", (d >> 13) & 1);
            w.WriteNumber("TST", (d >> 12) & 1);
            w.WriteNumber("RAB", (d >> 11) & 1);
            w.WriteNumber("SAA", (d >> 10) & 1);
            w.WriteNumber("SPI", (d >> 9) & 1);
            w.WriteNumber("ATP", (d >> 5) & 7);
            w.WriteNumber("ARC", (d >> 3) & 3);
            w.WriteString("octets", d.ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }
        if (r.Has(Cat021V023Items.I030)) TimeOfDay(w, "I030", r.TimeOfDay);
        if (r.Has(Cat021V023Items.I130)) Pair(w, "I130", "LAT", r.Latitude * Lat23, "LON", r.Longitude * Lat23);
        if (r.Has(Cat021V023Items.I080)) Address(w, "I080", r.TargetAddress);
        if (r.Has(Cat021V023Items.I140)) Single(w, "I140", "GA", r.GeometricAltitude * 6.25);
        if (r.Has(Cat021V023Items.I145)) Single(w, "I145", "FL", r.FlightLevel / 4.0);
        if (r.Has(Cat021V023Items.I160)) Pair(w, "I160", "GS", r.GroundSpeed / 16384.0, "TA", r.TrackAngle * ThetaLsb);
        if (r.Has(Cat021V023Items.I170)) Ident(w, "I170", r.Identification);
        if (r.Has(Cat021V023Items.I020)) Single(w, "I020", "ECAT", r.EmitterCategory);
    }

    public static Cat021V023Record ReadCat021V023(JsonElement o)
    {
        var r = new Cat021V023Record();
        foreach (var p in o.EnumerateObject())
        {
            var v = p.Value;
            switch (p.Name)
            {
                case "I010": r.Source = Source(v); r.Items |= Cat021V023Items.I010; break;
                case "I040":
                    var hex = Text(v, "I040", "octets");
                    if (hex.Length != 4 || !ushort.TryParse(hex, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var descriptor))
                        throw new FormatException($"I040.octets: \"{hex}\" is not 2 octets in hexadecimal (edition 0.23)");
                    r.Descriptor = descriptor;
                    r.Items |= Cat021V023Items.I040;
                    break;
                case "I030": r.TimeOfDay = TimeOfDay(v, "I030"); r.Items |= Cat021V023Items.I030; break;
                case "I130":
                    r.Latitude = Count(v, "I130", "LAT", Lat23, -(1 << 23), (1 << 23) - 1);
                    r.Longitude = Count(v, "I130", "LON", Lat23, -(1 << 23), (1 << 23) - 1);
                    r.Items |= Cat021V023Items.I130;
                    break;
                case "I080": r.TargetAddress = Hex(v, "I080", "address", 0xFFFFFF); r.Items |= Cat021V023Items.I080; break;
                case "I140": r.GeometricAltitude = (short)Count(v, "I140", "GA", 6.25, short.MinValue, short.MaxValue); r.Items |= Cat021V023Items.I140; break;
                case "I145": r.FlightLevel = (short)Count(v, "I145", "FL", 0.25, short.MinValue, short.MaxValue); r.Items |= Cat021V023Items.I145; break;
                case "I160":
                    r.GroundSpeed = (short)Count(v, "I160", "GS", 1 / 16384.0, short.MinValue, short.MaxValue);
                    r.TrackAngle = (ushort)(Count(v, "I160", "TA", ThetaLsb, 0, 0x10000) & 0xFFFF);
                    r.Items |= Cat021V023Items.I160;
                    break;
                case "I170": r.Identification = Callsign(v, "I170", "callsign"); r.Items |= Cat021V023Items.I170; break;
                case "I020": r.EmitterCategory = (byte)Int(v, "I020", "ECAT", 0, 255); r.Items |= Cat021V023Items.I020; break;
                default: break;
            }
        }
        return r;
    }
}
