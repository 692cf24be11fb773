using Canopy.Interop.Asterix.Coding;

namespace Canopy.Interop.Asterix.Categories;

/// <summary>CAT062 items Canopy decodes into <see cref="Cat062Record"/>; each flag is bit FRN-1 of the FSPEC.</summary>
[Flags]
public enum Cat062Items : ulong
{
    None = 0,
    I010 = 1UL << 0,
    I015 = 1UL << 2,
    I070 = 1UL << 3,
    I105 = 1UL << 4,
    I100 = 1UL << 5,
    I185 = 1UL << 6,
    I060 = 1UL << 8,
    I245 = 1UL << 9,
    I040 = 1UL << 11,
    I080 = 1UL << 12,
    I136 = 1UL << 16,
    I130 = 1UL << 17,
    I135 = 1UL << 18,
    I220 = 1UL << 19,
}

/// <summary>One CAT062 system track (EUROCONTROL ASTERIX Category 062, edition 1.19) with raw wire values; the SI properties convert.</summary>
public record struct Cat062Record
{
    public Cat062Items Items { get; set; }
    public DataSource Source { get; set; }

    /// <summary>I015 service identification.</summary>
    public byte ServiceId { get; set; }

    /// <summary>I070 time of track information, 1/128 s.</summary>
    public int TimeOfTrack { get; set; }

    /// <summary>I105 latitude, 180/2^25 degrees.</summary>
    public int Latitude { get; set; }

    /// <summary>I105 longitude, 180/2^25 degrees.</summary>
    public int Longitude { get; set; }

    /// <summary>I100 X (east of the system reference point), 0.5 m, 24-bit signed.</summary>
    public int X { get; set; }

    /// <summary>I100 Y (north), 0.5 m, 24-bit signed.</summary>
    public int Y { get; set; }

    /// <summary>I185 Vx, 0.25 m/s.</summary>
    public short Vx { get; set; }

    /// <summary>I185 Vy, 0.25 m/s.</summary>
    public short Vy { get; set; }

    /// <summary>I060 track Mode 3/A (CH bit and 12-bit code).</summary>
    public ushort Mode3A { get; set; }

    /// <summary>I245 source of identification (STI, 2 bits).</summary>
    public byte IdentificationSource { get; set; }

    /// <summary>I245 target identification.</summary>
    public Callsign Identification { get; set; }

    /// <summary>I040 track number.</summary>
    public ushort TrackNumber { get; set; }

    /// <summary>I080 track status (MON SPI MRH SRC CNF, then SIM TSE TSB FPC AFF STP KOS, ...).</summary>
    public ExtensibleBits TrackStatus { get; set; }

    /// <summary>I136 measured flight level, 1/4 FL.</summary>
    public short MeasuredFlightLevel { get; set; }

    /// <summary>I130 calculated geometric altitude, 6.25 ft.</summary>
    public short GeometricAltitude { get; set; }

    /// <summary>I135 QNH bit and 15-bit signed barometric altitude in 1/4 FL.</summary>
    public ushort BarometricAltitudeBits { get; set; }

    /// <summary>I220 rate of climb or descent, 6.25 ft/min.</summary>
    public short RateOfClimb { get; set; }

    public readonly bool Has(Cat062Items item) => (Items & item) != 0;
    public readonly double TimeOfTrackSeconds => TimeOfTrack / 128.0;
    public readonly double LatitudeDegrees => Latitude * (180.0 / (1 << 25));
    public readonly double LongitudeDegrees => Longitude * (180.0 / (1 << 25));
    public readonly double BarometricFlightLevel => (((BarometricAltitudeBits & 0x7FFF) << 17) >> 17) / 4.0;
    public readonly double GeometricAltitudeMetres => GeometricAltitude * 6.25 * Units.Foot;
    public readonly double RateOfClimbMetresPerSecond => RateOfClimb * 6.25 * Units.Foot / 60.0;
}

/// <summary>CAT062 edition 1.19: UAP, record decoder and encoder.</summary>
public static class Cat062Codec
{
    public const byte Category = 62;
    public const string Edition = "1.19";

    private static ItemFormat F(string name, int n) => ItemFormat.Fixed(name, n);

    public static Uap Uap { get; } = new(Category, Edition,
        F("I062/010", 2), null, F("I062/015", 1), F("I062/070", 3), F("I062/105", 8), F("I062/100", 6), F("I062/185", 4),
        F("I062/210", 2), F("I062/060", 2), F("I062/245", 7),
        ItemFormat.Compound("I062/380", F("ADR", 3), F("ID", 6), F("MHG", 2), F("IAS", 2), F("TAS", 2), F("SAL", 2), F("FSS", 2),
            ItemFormat.Variable("TIS"), ItemFormat.Repetitive("TID", 15), F("COM", 2), F("SAB", 2), F("ACS", 7), F("BVR", 2), F("GVR", 2),
            F("RAN", 2), F("TAR", 2), F("TAN", 2), F("GSP", 2), F("VUN", 1), F("MET", 8), F("EMC", 1),
            F("POS", 6), F("GAL", 2), F("PUN", 1), ItemFormat.Repetitive("MB", 8), F("IAR", 2), F("MAC", 2), F("BPS", 2)),
        F("I062/040", 2), ItemFormat.Variable("I062/080"),
        ItemFormat.Compound("I062/290", F("TRK", 1), F("PSR", 1), F("SSR", 1), F("MDS", 1), F("ADS", 2), F("ES", 1), F("VDL", 1),
            F("UAT", 1), F("LOP", 1), F("MLT", 1)),
        F("I062/200", 1),
        ItemFormat.Compound("I062/295", Enumerable.Range(1, 31).Select(i => (ItemFormat?)F($"age {i}", 1)).ToArray()),
        F("I062/136", 2), F("I062/130", 2), F("I062/135", 2), F("I062/220", 2),
        ItemFormat.Compound("I062/390", F("TAG", 2), F("CSN", 7), F("IFI", 4), F("FCT", 1), F("TAC", 4), F("WTC", 1), F("DEP", 4),
            F("DST", 4), F("RDS", 3), F("CFL", 2), F("CTL", 2), ItemFormat.Repetitive("TOD", 4), F("AST", 6), F("STS", 1),
            F("STD", 7), F("STA", 7), F("PEM", 2), F("PEC", 7)),
        ItemFormat.Variable("I062/270"), F("I062/300", 1),
        ItemFormat.Compound("I062/110", F("SUM", 1), F("PMN", 4), F("POS", 6), F("GA", 2), F("EM1", 2), F("TOS", 1), F("XP", 1)),
        F("I062/120", 2), ItemFormat.Variable("I062/510", 3),
        ItemFormat.Compound("I062/500", F("APC", 4), F("COV", 2), F("APW", 4), F("AGA", 1), F("ABA", 1), F("ATV", 2), F("AA", 2), F("ARC", 1)),
        ItemFormat.Compound("I062/340", F("SID", 2), F("POS", 4), F("HEI", 2), F("MDC", 2), F("MDA", 2), F("TYP", 1)),
        null, null, null, null, null, ItemFormat.Explicit("RE"), ItemFormat.Explicit("SP"));

    public const Cat062Items All = Cat062Items.I010 | Cat062Items.I015 | Cat062Items.I070 | Cat062Items.I105 | Cat062Items.I100 | Cat062Items.I185 |
        Cat062Items.I060 | Cat062Items.I245 | Cat062Items.I040 | Cat062Items.I080 | Cat062Items.I136 | Cat062Items.I130 | Cat062Items.I135 | Cat062Items.I220;

    /// <summary>Decodes one record at the reader's position (items stepped over by <paramref name="edition"/>'s UAP, default this one); throws <see cref="AsterixFormatException"/> on malformed bytes.</summary>
    public static void Decode(ref AsterixReader r, out Cat062Record rec, Uap? edition = null)
    {
        rec = default;
        var uap = edition ?? Uap;
        var fspec = Fspec.Read(ref r, uap.Items.Count);
        rec.Items = (Cat062Items)fspec.Bits & All;
        foreach (var frn in fspec)
        {
            switch (frn)
            {
                case 1: rec.Source = DataSource.Read(ref r); break;
                case 3: rec.ServiceId = r.ReadByte(); break;
                case 4: rec.TimeOfTrack = r.ReadUInt24(); break;
                case 5: rec.Latitude = r.ReadInt32(); rec.Longitude = r.ReadInt32(); break;
                case 6: rec.X = r.ReadInt24(); rec.Y = r.ReadInt24(); break;
                case 7: rec.Vx = r.ReadInt16(); rec.Vy = r.ReadInt16(); break;
                case 9: rec.Mode3A = (ushort)(r.ReadUInt16() & 0x2FFF); break;
                case 10: rec.IdentificationSource = (byte)(r.ReadByte() >> 6); rec.Identification = new Callsign(r.ReadUInt48()); break;
                case 12: rec.TrackNumber = r.ReadUInt16(); break;
                case 13: rec.TrackStatus = ItemFormat.ReadVariable(ref r, "I062/080"); break;
                case 17: rec.MeasuredFlightLevel = r.ReadInt16(); break;
                case 18: rec.GeometricAltitude = r.ReadInt16(); break;
                case 19: rec.BarometricAltitudeBits = r.ReadUInt16(); break;
                case 20: rec.RateOfClimb = r.ReadInt16(); break;
                default: uap.Skip(frn, ref r); break;
            }
        }
    }

    /// <summary>Writes one record (FSPEC then the present items in FRN order).</summary>
    public static void Encode(in Cat062Record rec, ref AsterixWriter w)
    {
        new Fspec((ulong)(rec.Items & All)).Write(ref w);
        if (rec.Has(Cat062Items.I010)) { w.WriteByte(rec.Source.Sac); w.WriteByte(rec.Source.Sic); }
        if (rec.Has(Cat062Items.I015)) w.WriteByte(rec.ServiceId);
        if (rec.Has(Cat062Items.I070)) w.WriteUInt24(rec.TimeOfTrack);
        if (rec.Has(Cat062Items.I105)) { w.WriteInt32(rec.Latitude); w.WriteInt32(rec.Longitude); }
        if (rec.Has(Cat062Items.I100)) { w.WriteUInt24(rec.X); w.WriteUInt24(rec.Y); }
        if (rec.Has(Cat062Items.I185)) { w.WriteUInt16(rec.Vx); w.WriteUInt16(rec.Vy); }
        if (rec.Has(Cat062Items.I060)) w.WriteUInt16(rec.Mode3A & 0x2FFF);
        if (rec.Has(Cat062Items.I245)) { w.WriteByte(rec.IdentificationSource << 6); w.WriteUInt48(rec.Identification.Bits); }
        if (rec.Has(Cat062Items.I040)) w.WriteUInt16(rec.TrackNumber);
        if (rec.Has(Cat062Items.I080)) rec.TrackStatus.Write(ref w);
        if (rec.Has(Cat062Items.I136)) w.WriteUInt16(rec.MeasuredFlightLevel);
        if (rec.Has(Cat062Items.I130)) w.WriteUInt16(rec.GeometricAltitude);
        if (rec.Has(Cat062Items.I135)) w.WriteUInt16(rec.BarometricAltitudeBits);
        if (rec.Has(Cat062Items.I220)) w.WriteUInt16(rec.RateOfClimb);
    }
}
