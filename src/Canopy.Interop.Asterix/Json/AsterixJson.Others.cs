using System.Text.Json;
using Canopy.Interop.Asterix.Categories;
using Canopy.Interop.Asterix.Coding;
using static Canopy.Interop.Asterix.Json.JsonItems;

namespace Canopy.Interop.Asterix.Json;

/// <summary>CAT034, CAT062 and CAT021 JSON mappings.</summary>
public static partial class AsterixJson
{
    private const double Lat25 = 180.0 / (1 << 25);
    private const double Lat23 = 180.0 / (1 << 23);
    private const double Lat30 = 180.0 / (1 << 30);

    public static void Write(Utf8JsonWriter w, in Cat034Record r)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (r.Has(Cat034Items.I010)) Source(w, r.Source);
        if (r.Has(Cat034Items.I000)) Single(w, "I000", "MT", r.MessageType);
        if (r.Has(Cat034Items.I030)) TimeOfDay(w, "I030", r.TimeOfDay);
        if (r.Has(Cat034Items.I020)) Single(w, "I020", "SN", r.Sector * (360.0 / 256));
        if (r.Has(Cat034Items.I041)) Single(w, "I041", "ARS", r.RotationPeriod / 128.0);
        if (r.Has(Cat034Items.I050)) Status(w, "I050", r.Configuration);
        if (r.Has(Cat034Items.I060)) Status(w, "I060", r.ProcessingMode);
    }

    public static Cat034Record ReadCat034(JsonElement o)
    {
        var r = new Cat034Record();
        foreach (var p in o.EnumerateObject())
        {
            var v = p.Value;
            switch (p.Name)
            {
                case "I010": r.Source = Source(v); r.Items |= Cat034Items.I010; break;
                case "I000": r.MessageType = (byte)Int(v, "I000", "MT", 0, 255); r.Items |= Cat034Items.I000; break;
                case "I030": r.TimeOfDay = TimeOfDay(v, "I030"); r.Items |= Cat034Items.I030; break;
                case "I020": r.Sector = (byte)(Count(v, "I020", "SN", 360.0 / 256, 0, 256) & 0xFF); r.Items |= Cat034Items.I020; break;
                case "I041": r.RotationPeriod = (ushort)Count(v, "I041", "ARS", 1 / 128.0, 0, 0xFFFF); r.Items |= Cat034Items.I041; break;
                case "I050": r.Configuration = Status(v, "I050", 0xFFFF); r.Items |= Cat034Items.I050; break;
                case "I060": r.ProcessingMode = Status(v, "I060", 0xFF); r.Items |= Cat034Items.I060; break;
                default: break;
            }
        }
        return r;
    }

    public static void Write(Utf8JsonWriter w, in Cat062Record r)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (r.Has(Cat062Items.I010)) Source(w, r.Source);
        if (r.Has(Cat062Items.I015)) Single(w, "I015", "SID", r.ServiceId);
        if (r.Has(Cat062Items.I070)) TimeOfDay(w, "I070", r.TimeOfTrack);
        if (r.Has(Cat062Items.I105)) Pair(w, "I105", "LAT", r.Latitude * Lat25, "LON", r.Longitude * Lat25);
        if (r.Has(Cat062Items.I100)) Pair(w, "I100", "X", r.X * 0.5, "Y", r.Y * 0.5);
        if (r.Has(Cat062Items.I185)) Pair(w, "I185", "VX", r.Vx * 0.25, "VY", r.Vy * 0.25);
        if (r.Has(Cat062Items.I060))
        {
            w.WriteStartObject("I060");
            w.WriteNumber("CH", (r.Mode3A >> 13) & 1);
            w.WriteString("Mode3A", OctalCode(r.Mode3A));
            w.WriteEndObject();
        }
        if (r.Has(Cat062Items.I245))
        {
            w.WriteStartObject("I245");
            w.WriteNumber("STI", r.IdentificationSource);
            w.WriteString("callsign", r.Identification.ToString());
            w.WriteEndObject();
        }
        if (r.Has(Cat062Items.I040)) Single(w, "I040", "TRN", r.TrackNumber);
        if (r.Has(Cat062Items.I080))
            Variable(w, "I080", r.TrackStatus, [("MON", 0, 7, 1), ("SPI", 0, 6, 1), ("MRH", 0, 5, 1), ("SRC", 0, 2, 3), ("CNF", 0, 1, 1),
                ("SIM", 1, 7, 1), ("TSE", 1, 6, 1), ("TSB", 1, 5, 1), ("FPC", 1, 4, 1), ("AFF", 1, 3, 1), ("STP", 1, 2, 1), ("KOS", 1, 1, 1)]);
        if (r.Has(Cat062Items.I136)) Single(w, "I136", "FL", r.MeasuredFlightLevel / 4.0);
        if (r.Has(Cat062Items.I130)) Single(w, "I130", "ALT", r.GeometricAltitude * 6.25);
        if (r.Has(Cat062Items.I135))
        {
            w.WriteStartObject("I135");
            w.WriteNumber("QNH", r.BarometricAltitudeBits >> 15);
            w.WriteNumber("CTB", r.BarometricFlightLevel);
            w.WriteEndObject();
        }
        if (r.Has(Cat062Items.I220)) Single(w, "I220", "ROCD", r.RateOfClimb * 6.25);
    }

    public static Cat062Record ReadCat062(JsonElement o)
    {
        var r = new Cat062Record();
        foreach (var p in o.EnumerateObject())
        {
            var v = p.Value;
            switch (p.Name)
            {
                case "I010": r.Source = Source(v); r.Items |= Cat062Items.I010; break;
                case "I015": r.ServiceId = (byte)Int(v, "I015", "SID", 0, 255); r.Items |= Cat062Items.I015; break;
                case "I070": r.TimeOfTrack = TimeOfDay(v, "I070"); r.Items |= Cat062Items.I070; break;
                case "I105":
                    r.Latitude = Count(v, "I105", "LAT", Lat25, int.MinValue, int.MaxValue);
                    r.Longitude = Count(v, "I105", "LON", Lat25, int.MinValue, int.MaxValue);
                    r.Items |= Cat062Items.I105;
                    break;
                case "I100":
                    r.X = Count(v, "I100", "X", 0.5, -(1 << 23), (1 << 23) - 1);
                    r.Y = Count(v, "I100", "Y", 0.5, -(1 << 23), (1 << 23) - 1);
                    r.Items |= Cat062Items.I100;
                    break;
                case "I185":
                    r.Vx = (short)Count(v, "I185", "VX", 0.25, short.MinValue, short.MaxValue);
                    r.Vy = (short)Count(v, "I185", "VY", 0.25, short.MinValue, short.MaxValue);
                    r.Items |= Cat062Items.I185;
                    break;
                case "I060": r.Mode3A = (ushort)((Int(v, "I060", "CH", 0, 1) << 13) | Octal(v, "I060", "Mode3A")); r.Items |= Cat062Items.I060; break;
                case "I245":
                    r.IdentificationSource = (byte)Int(v, "I245", "STI", 0, 3);
                    r.Identification = Callsign(v, "I245", "callsign");
                    r.Items |= Cat062Items.I245;
                    break;
                case "I040": r.TrackNumber = (ushort)Int(v, "I040", "TRN", 0, 0xFFFF); r.Items |= Cat062Items.I040; break;
                case "I080": r.TrackStatus = Octets(v, "I080"); r.Items |= Cat062Items.I080; break;
                case "I136": r.MeasuredFlightLevel = (short)Count(v, "I136", "FL", 0.25, short.MinValue, short.MaxValue); r.Items |= Cat062Items.I136; break;
                case "I130": r.GeometricAltitude = (short)Count(v, "I130", "ALT", 6.25, short.MinValue, short.MaxValue); r.Items |= Cat062Items.I130; break;
                case "I135":
                    var ctb = Count(v, "I135", "CTB", 0.25, -(1 << 14), (1 << 14) - 1) & 0x7FFF;
                    r.BarometricAltitudeBits = (ushort)((Int(v, "I135", "QNH", 0, 1) << 15) | ctb);
                    r.Items |= Cat062Items.I135;
                    break;
                case "I220": r.RateOfClimb = (short)Count(v, "I220", "ROCD", 6.25, short.MinValue, short.MaxValue); r.Items |= Cat062Items.I220; break;
                default: break;
            }
        }
        return r;
    }

    public static void Write(Utf8JsonWriter w, in Cat021Record r)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (r.Has(Cat021Items.I010)) Source(w, r.Source);
        if (r.Has(Cat021Items.I040))
            Variable(w, "I040", r.Descriptor, [("ATP", 0, 5, 3), ("ARC", 0, 3, 2), ("RC", 0, 2, 1), ("RAB", 0, 1, 1),
                ("DCR", 1, 7, 1), ("GBS", 1, 6, 1), ("SIM", 1, 5, 1), ("TST", 1, 4, 1), ("SAA", 1, 3, 1), ("CL", 1, 1, 2)]);
        if (r.Has(Cat021Items.I161)) Single(w, "I161", "TRN", r.TrackNumber);
        if (r.Has(Cat021Items.I071)) TimeOfDay(w, "I071", r.TimeOfPosition);
        if (r.Has(Cat021Items.I130)) Pair(w, "I130", "LAT", r.Latitude * Lat23, "LON", r.Longitude * Lat23);
        if (r.Has(Cat021Items.I131)) Pair(w, "I131", "LAT", r.LatitudeHighRes * Lat30, "LON", r.LongitudeHighRes * Lat30);
        if (r.Has(Cat021Items.I080)) Address(w, "I080", r.TargetAddress);
        if (r.Has(Cat021Items.I073)) TimeOfDay(w, "I073", r.TimeOfReception);
        if (r.Has(Cat021Items.I140)) Single(w, "I140", "GH", r.GeometricHeight * 6.25);
        if (r.Has(Cat021Items.I145)) Single(w, "I145", "FL", r.FlightLevel / 4.0);
        if (r.Has(Cat021Items.I160))
        {
            w.WriteStartObject("I160");
            w.WriteNumber("RE", r.GroundSpeedBits >> 15);
            w.WriteNumber("GS", (r.GroundSpeedBits & 0x7FFF) / 16384.0);
            w.WriteNumber("TA", r.TrackAngle * ThetaLsb);
            w.WriteEndObject();
        }
        if (r.Has(Cat021Items.I170)) Ident(w, "I170", r.Identification);
        if (r.Has(Cat021Items.I020)) Single(w, "I020", "ECAT", r.EmitterCategory);
    }

    public static Cat021Record ReadCat021(JsonElement o)
    {
        var r = new Cat021Record();
        foreach (var p in o.EnumerateObject())
        {
            var v = p.Value;
            switch (p.Name)
            {
                case "I010": r.Source = Source(v); r.Items |= Cat021Items.I010; break;
                case "I040": r.Descriptor = Octets(v, "I040"); r.Items |= Cat021Items.I040; break;
                case "I161": r.TrackNumber = (ushort)Int(v, "I161", "TRN", 0, 4095); r.Items |= Cat021Items.I161; break;
                case "I071": r.TimeOfPosition = TimeOfDay(v, "I071"); r.Items |= Cat021Items.I071; break;
                case "I130":
                    r.Latitude = Count(v, "I130", "LAT", Lat23, -(1 << 23), (1 << 23) - 1);
                    r.Longitude = Count(v, "I130", "LON", Lat23, -(1 << 23), (1 << 23) - 1);
                    r.Items |= Cat021Items.I130;
                    break;
                case "I131":
                    r.LatitudeHighRes = Count(v, "I131", "LAT", Lat30, int.MinValue, int.MaxValue);
                    r.LongitudeHighRes = Count(v, "I131", "LON", Lat30, int.MinValue, int.MaxValue);
                    r.Items |= Cat021Items.I131;
                    break;
                case "I080": r.TargetAddress = Hex(v, "I080", "address", 0xFFFFFF); r.Items |= Cat021Items.I080; break;
                case "I073": r.TimeOfReception = TimeOfDay(v, "I073"); r.Items |= Cat021Items.I073; break;
                case "I140": r.GeometricHeight = (short)Count(v, "I140", "GH", 6.25, short.MinValue, short.MaxValue); r.Items |= Cat021Items.I140; break;
                case "I145": r.FlightLevel = (short)Count(v, "I145", "FL", 0.25, short.MinValue, short.MaxValue); r.Items |= Cat021Items.I145; break;
                case "I160":
                    var gs = Count(v, "I160", "GS", 1 / 16384.0, 0, 0x7FFF);
                    r.GroundSpeedBits = (ushort)((Int(v, "I160", "RE", 0, 1) << 15) | gs);
                    r.TrackAngle = (ushort)(Count(v, "I160", "TA", ThetaLsb, 0, 0x10000) & 0xFFFF);
                    r.Items |= Cat021Items.I160;
                    break;
                case "I170": r.Identification = Callsign(v, "I170", "callsign"); r.Items |= Cat021Items.I170; break;
                case "I020": r.EmitterCategory = (byte)Int(v, "I020", "ECAT", 0, 255); r.Items |= Cat021Items.I020; break;
                default: break;
            }
        }
        return r;
    }

    private static void Status(Utf8JsonWriter w, string name, in RadarServiceStatus s)
    {
        w.WriteStartObject(name);
        if (s.Has(0)) w.WriteNumber("COM", s.Com);
        if (s.Has(3)) w.WriteNumber("PSR", s.Psr);
        if (s.Has(4)) w.WriteNumber("SSR", s.Ssr);
        if (s.Has(5)) w.WriteNumber("MDS", s.Mds);
        w.WriteEndObject();
    }

    private static RadarServiceStatus Status(JsonElement v, string name, int mdsMax)
    {
        byte present = 0;
        int Sub(string field, int bit, int max)
        {
            if (!v.TryGetProperty(field, out _)) return 0;
            present |= (byte)(1 << bit);
            return Int(v, name, field, 0, max);
        }
        var com = Sub("COM", 0, 255);
        var psr = Sub("PSR", 3, 255);
        var ssr = Sub("SSR", 4, 255);
        var mds = Sub("MDS", 5, mdsMax);
        if (present == 0) throw new FormatException($"{name}: no subfield (COM, PSR, SSR, MDS)");
        return new RadarServiceStatus(present, (byte)com, (byte)psr, (byte)ssr, (ushort)mds);
    }

    private static void Pair(Utf8JsonWriter w, string name, string a, double va, string b, double vb)
    {
        w.WriteStartObject(name);
        w.WriteNumber(a, va);
        w.WriteNumber(b, vb);
        w.WriteEndObject();
    }
}
