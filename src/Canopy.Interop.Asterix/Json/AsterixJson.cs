using System.Text.Json;
using Canopy.Interop.Asterix.Categories;
using Canopy.Interop.Asterix.Coding;
using static Canopy.Interop.Asterix.Json.JsonItems;

namespace Canopy.Interop.Asterix.Json;

/// <summary>
/// Records as JSON objects, one per record, as the public decoders print them: "cat", then one member per item ("I040": {"RHO": NM,
/// "THETA": deg}), values in the specification's units (s, NM, deg, FL, ft, m/s). Writing then reading gives back the same record.
/// </summary>
public static partial class AsterixJson
{
    private const double ThetaLsb = 360.0 / 65536;

    public static void Write(Utf8JsonWriter w, in Cat048Record r)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (r.Has(Cat048Items.I010)) Source(w, r.Source);
        if (r.Has(Cat048Items.I140)) TimeOfDay(w, "I140", r.TimeOfDay);
        if (r.Has(Cat048Items.I020))
            Variable(w, "I020", r.Descriptor, [("TYP", 0, 5, 3), ("SIM", 0, 4, 1), ("RDP", 0, 3, 1), ("SPI", 0, 2, 1), ("RAB", 0, 1, 1),
                ("TST", 1, 7, 1), ("ERR", 1, 6, 1), ("XPP", 1, 5, 1), ("ME", 1, 4, 1), ("MI", 1, 3, 1), ("FOEFRI", 1, 1, 2)]);
        if (r.Has(Cat048Items.I040))
        {
            w.WriteStartObject("I040");
            w.WriteNumber("RHO", r.Rho / 256.0);
            w.WriteNumber("THETA", r.Theta * ThetaLsb);
            w.WriteEndObject();
        }
        if (r.Has(Cat048Items.I070)) Mode3A(w, "I070", r.Mode3A);
        if (r.Has(Cat048Items.I090))
        {
            w.WriteStartObject("I090");
            w.WriteNumber("V", r.FlightLevelBits >> 15);
            w.WriteNumber("G", (r.FlightLevelBits >> 14) & 1);
            w.WriteNumber("FL", r.FlightLevel);
            w.WriteEndObject();
        }
        if (r.Has(Cat048Items.I130))
        {
            w.WriteStartObject("I130");
            var pc = r.PlotCharacteristics;
            for (var i = 0; i < RadarPlotCharacteristics.Subfields; i++)
                if (pc.Has(i)) w.WriteNumber(RadarPlotCharacteristics.Names[i], PlotValue(i, pc[i]));
            w.WriteEndObject();
        }
        if (r.Has(Cat048Items.I220)) Address(w, "I220", r.AircraftAddress);
        if (r.Has(Cat048Items.I240)) Ident(w, "I240", r.AircraftId);
        if (r.Has(Cat048Items.I161)) Single(w, "I161", "TRN", r.TrackNumber);
        if (r.Has(Cat048Items.I200))
        {
            w.WriteStartObject("I200");
            w.WriteNumber("GSP", r.GroundSpeed / 16384.0);
            w.WriteNumber("HDG", r.Heading * ThetaLsb);
            w.WriteEndObject();
        }
        if (r.Has(Cat048Items.I170))
            Variable(w, "I170", r.TrackStatus, [("CNF", 0, 7, 1), ("RAD", 0, 5, 2), ("DOU", 0, 4, 1), ("MAH", 0, 3, 1), ("CDM", 0, 1, 2),
                ("TRE", 1, 7, 1), ("GHO", 1, 6, 1), ("SUP", 1, 5, 1), ("TCC", 1, 4, 1)]);
        if (r.Has(Cat048Items.I110)) Single(w, "I110", "HEIGHT", r.Height3D * 25.0);
        if (r.Has(Cat048Items.I120))
        {
            Span<byte> item = stackalloc byte[3];
            var iw = new AsterixWriter(item);
            Cat048Doppler.WriteCal(r.DopplerCal, ref iw);
            Cat048Doppler.WriteJson(w, iw.Written);
        }
    }

    public static Cat048Record ReadCat048(JsonElement o)
    {
        var r = new Cat048Record();
        foreach (var p in o.EnumerateObject())
        {
            var v = p.Value;
            switch (p.Name)
            {
                case "I010": r.Source = Source(v); r.Items |= Cat048Items.I010; break;
                case "I140": r.TimeOfDay = TimeOfDay(v, "I140"); r.Items |= Cat048Items.I140; break;
                case "I020": r.Descriptor = Octets(v, "I020"); r.Items |= Cat048Items.I020; break;
                case "I040":
                    r.Rho = (ushort)Count(v, "I040", "RHO", 1 / 256.0, 0, 0xFFFF);
                    r.Theta = (ushort)(Count(v, "I040", "THETA", ThetaLsb, 0, 0x10000) & 0xFFFF);
                    r.Items |= Cat048Items.I040;
                    break;
                case "I070": r.Mode3A = (ushort)Mode3A(v, "I070"); r.Items |= Cat048Items.I070; break;
                case "I090":
                    var fl = Count(v, "I090", "FL", 0.25, -8192, 8191) & 0x3FFF;
                    r.FlightLevelBits = (ushort)((Int(v, "I090", "V", 0, 1) << 15) | (Int(v, "I090", "G", 0, 1) << 14) | fl);
                    r.Items |= Cat048Items.I090;
                    break;
                case "I130": r.PlotCharacteristics = ReadPlot(v); r.Items |= Cat048Items.I130; break;
                case "I220": r.AircraftAddress = Hex(v, "I220", "address", 0xFFFFFF); r.Items |= Cat048Items.I220; break;
                case "I240": r.AircraftId = Callsign(v, "I240", "callsign"); r.Items |= Cat048Items.I240; break;
                case "I161": r.TrackNumber = (ushort)Int(v, "I161", "TRN", 0, 4095); r.Items |= Cat048Items.I161; break;
                case "I200":
                    r.GroundSpeed = (ushort)Count(v, "I200", "GSP", 1 / 16384.0, 0, 0xFFFF);
                    r.Heading = (ushort)(Count(v, "I200", "HDG", ThetaLsb, 0, 0x10000) & 0xFFFF);
                    r.Items |= Cat048Items.I200;
                    break;
                case "I170": r.TrackStatus = Octets(v, "I170"); r.Items |= Cat048Items.I170; break;
                case "I110": r.Height3D = (short)Count(v, "I110", "HEIGHT", 25, -8192, 8191); r.Items |= Cat048Items.I110; break;
                case Cat048Doppler.JsonName:
                    if (DopplerCal(v) is { } cal)
                    {
                        r.DopplerCal = cal;
                        r.Items |= Cat048Items.I120;
                    }
                    break;
                default: break;
            }
        }
        return r;
    }

    /// <summary>I048/120's CAL from its JSON member (null when it carries raw Doppler speeds only), through the item's one owner.</summary>
    private static ushort? DopplerCal(JsonElement v)
    {
        Span<byte> item = stackalloc byte[Cat048Doppler.MaxLength];
        var w = new AsterixWriter(item);
        Cat048Doppler.ReadJson(v, ref w);
        var r = new AsterixReader(w.Written);
        return Cat048Doppler.ReadCal(ref r);
    }

    /// <summary>I048/130 subfields' LSB and sign, the one table both directions use: SRL, PRL 360/2^13 deg; SRR a count; SAM, PAM dBm signed; RPD 1/256 NM signed; APD 360/2^14 deg signed.</summary>
    private static readonly (double Lsb, bool Signed)[] PlotScales =
        [(360.0 / 8192, false), (1, false), (1, true), (360.0 / 8192, false), (1, true), (1 / 256.0, true), (360.0 / 16384, true)];

    private static double PlotValue(int i, byte raw) => (PlotScales[i].Signed ? (sbyte)raw : raw) * PlotScales[i].Lsb;

    private static RadarPlotCharacteristics ReadPlot(JsonElement v)
    {
        Span<byte> octets = stackalloc byte[RadarPlotCharacteristics.Subfields];
        byte present = 0;
        for (var i = 0; i < octets.Length; i++)
        {
            var name = RadarPlotCharacteristics.Names[i];
            if (!v.TryGetProperty(name, out _)) continue;
            present |= (byte)(1 << i);
            var (lsb, signed) = PlotScales[i];
            octets[i] = (byte)Count(v, "I130", name, lsb, signed ? sbyte.MinValue : 0, signed ? sbyte.MaxValue : byte.MaxValue);
        }
        if (present == 0) throw new FormatException("I130: no subfield (SRL, SRR, SAM, PRL, PAM, RPD, APD)");
        return RadarPlotCharacteristics.FromOctets(present, octets);
    }

    private static void Mode3A(Utf8JsonWriter w, string name, int bits)
    {
        w.WriteStartObject(name);
        w.WriteNumber("V", (bits >> 15) & 1);
        w.WriteNumber("G", (bits >> 14) & 1);
        w.WriteNumber("L", (bits >> 13) & 1);
        w.WriteString("Mode3A", OctalCode(bits));
        w.WriteEndObject();
    }

    private static int Mode3A(JsonElement v, string name) =>
        (Int(v, name, "V", 0, 1) << 15) | (Int(v, name, "G", 0, 1) << 14) | (Int(v, name, "L", 0, 1) << 13) | Octal(v, name, "Mode3A");

    private static void Address(Utf8JsonWriter w, string name, int address)
    {
        w.WriteStartObject(name);
        w.WriteString("address", address.ToString("x6", System.Globalization.CultureInfo.InvariantCulture));
        w.WriteEndObject();
    }

    private static void Ident(Utf8JsonWriter w, string name, Callsign c)
    {
        w.WriteStartObject(name);
        w.WriteString("callsign", c.ToString());
        w.WriteEndObject();
    }

    private static void Single(Utf8JsonWriter w, string name, string field, double value)
    {
        w.WriteStartObject(name);
        w.WriteNumber(field, value);
        w.WriteEndObject();
    }
}
