using Canopy.Interop.Asterix.Coding;

namespace Canopy.Interop.Asterix.Categories;

/// <summary>CAT048 items Canopy decodes into <see cref="Cat048Record"/>; each flag is bit FRN-1 of the FSPEC.</summary>
[Flags]
public enum Cat048Items : ulong
{
    None = 0,
    I010 = 1UL << 0,
    I140 = 1UL << 1,
    I020 = 1UL << 2,
    I040 = 1UL << 3,
    I070 = 1UL << 4,
    I090 = 1UL << 5,
    I130 = 1UL << 6,
    I220 = 1UL << 7,
    I240 = 1UL << 8,
    I161 = 1UL << 10,
    I200 = 1UL << 12,
    I170 = 1UL << 13,
    I110 = 1UL << 18,
    I120 = 1UL << 19,
}

/// <summary>I048/130 radar plot characteristics (compound): which subfields are present and their raw octets.</summary>
public readonly record struct RadarPlotCharacteristics(byte Present, byte Srl, byte Srr, byte Sam, byte Prl, byte Pam, byte Rpd, byte Apd)
{
    public const int Subfields = 7;

    /// <summary>Subfield i (0 = SRL ... 6 = APD) raw octet.</summary>
    public byte this[int i] => i switch { 0 => Srl, 1 => Srr, 2 => Sam, 3 => Prl, 4 => Pam, 5 => Rpd, _ => Apd };

    public bool Has(int i) => ((Present >> i) & 1) != 0;

    public static RadarPlotCharacteristics FromOctets(byte present, ReadOnlySpan<byte> v) => new(present, v[0], v[1], v[2], v[3], v[4], v[5], v[6]);

    /// <summary>Subfield names in order, as the specification gives them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["SRL", "SRR", "SAM", "PRL", "PAM", "RPD", "APD"];
}

/// <summary>
/// One CAT048 monoradar target report (EUROCONTROL ASTERIX Part 4 Category 048, edition 1.31) with raw wire values;
/// the SI properties convert. Items not in <see cref="Cat048Items"/> are skipped by the UAP on decode.
/// </summary>
public record struct Cat048Record
{
    public Cat048Items Items { get; set; }
    public DataSource Source { get; set; }

    /// <summary>I140 time of day, 1/128 s.</summary>
    public int TimeOfDay { get; set; }

    /// <summary>I020 target report descriptor (TYP SIM RDP SPI RAB, then TST ERR XPP ME MI FOE/FRI, ...).</summary>
    public ExtensibleBits Descriptor { get; set; }

    /// <summary>I040 RHO, 1/256 NM.</summary>
    public ushort Rho { get; set; }

    /// <summary>I040 THETA, 360/2^16 degrees clockwise from north.</summary>
    public ushort Theta { get; set; }

    /// <summary>I070 V G L spare and the 12-bit Mode 3/A code.</summary>
    public ushort Mode3A { get; set; }

    /// <summary>I090 V G and the 14-bit two's-complement flight level in 1/4 FL.</summary>
    public ushort FlightLevelBits { get; set; }

    public RadarPlotCharacteristics PlotCharacteristics { get; set; }

    /// <summary>I220 24-bit ICAO aircraft address.</summary>
    public int AircraftAddress { get; set; }

    public Callsign AircraftId { get; set; }

    /// <summary>I161 12-bit track number.</summary>
    public ushort TrackNumber { get; set; }

    /// <summary>I200 ground speed, 2^-14 NM/s.</summary>
    public ushort GroundSpeed { get; set; }

    /// <summary>I200 heading, 360/2^16 degrees.</summary>
    public ushort Heading { get; set; }

    /// <summary>I170 track status (CNF RAD DOU MAH CDM, then TRE GHO SUP TCC).</summary>
    public ExtensibleBits TrackStatus { get; set; }

    /// <summary>I110 height measured by a 3D radar above mean sea level, 14-bit two's complement in 25 ft.</summary>
    public short Height3D { get; set; }

    /// <summary>
    /// I120 radial Doppler speed, its CAL subfield: bit 16 D (doubtful), bits 10-1 the calculated Doppler speed, two's
    /// complement in m/s. A report whose I120 has no CAL (raw Doppler only) is read without I120; JSON keeps the whole item
    /// (<see cref="Cat048Doppler"/>).
    /// </summary>
    public ushort DopplerCal { get; set; }

    public readonly bool Has(Cat048Items item) => (Items & item) != 0;

    public readonly double TimeOfDaySeconds => TimeOfDay / 128.0;
    public readonly double RangeMetres => Rho / 256.0 * Units.NauticalMile;
    public readonly double AzimuthRadians => Theta * (2 * Math.PI / 65536.0);

    /// <summary>I090 flight level in FL (signed, 1/4 FL steps).</summary>
    public readonly double FlightLevel => (((FlightLevelBits & 0x3FFF) << 18) >> 18) / 4.0;

    public readonly double Height3DMetres => Height3D * 25 * Units.Foot;

    /// <summary>I120 calculated Doppler speed, m/s (−512 to 511).</summary>
    public readonly int DopplerSpeedMetresPerSecond => ((DopplerCal & 0x3FF) << 22) >> 22;

    /// <summary>I120 D: the calculated Doppler speed is doubtful.</summary>
    public readonly bool DopplerDoubtful => (DopplerCal & 0x8000) != 0;

    public readonly int Mode3ACode => Mode3A & 0x0FFF;
    public readonly double GroundSpeedMetresPerSecond => GroundSpeed / 16384.0 * Units.NauticalMile;
    public readonly double HeadingRadians => Heading * (2 * Math.PI / 65536.0);

    /// <summary>I020 TYP: 0 no detection, 1 PSR, 2 SSR, 3 SSR+PSR, 4 Mode S all-call, 5 roll-call, 6 all-call+PSR, 7 roll-call+PSR.</summary>
    public readonly int DetectionType => Descriptor.Octet(0) >> 5;
}

/// <summary>CAT048 edition 1.31: UAP, record decoder and encoder.</summary>
public static class Cat048Codec
{
    public const byte Category = 48;
    public const string Edition = "1.31";

    public static Uap Uap { get; } = new(Category, Edition,
        ItemFormat.Fixed("I048/010", 2), ItemFormat.Fixed("I048/140", 3), ItemFormat.Variable("I048/020"), ItemFormat.Fixed("I048/040", 4),
        ItemFormat.Fixed("I048/070", 2), ItemFormat.Fixed("I048/090", 2),
        ItemFormat.Compound("I048/130", ItemFormat.Fixed("SRL", 1), ItemFormat.Fixed("SRR", 1), ItemFormat.Fixed("SAM", 1), ItemFormat.Fixed("PRL", 1),
            ItemFormat.Fixed("PAM", 1), ItemFormat.Fixed("RPD", 1), ItemFormat.Fixed("APD", 1)),
        ItemFormat.Fixed("I048/220", 3), ItemFormat.Fixed("I048/240", 6), ItemFormat.Repetitive("I048/250", 8), ItemFormat.Fixed("I048/161", 2),
        ItemFormat.Fixed("I048/042", 4), ItemFormat.Fixed("I048/200", 4), ItemFormat.Variable("I048/170"),
        ItemFormat.Fixed("I048/210", 4), ItemFormat.Variable("I048/030"), ItemFormat.Fixed("I048/080", 2), ItemFormat.Fixed("I048/100", 4),
        ItemFormat.Fixed("I048/110", 2), ItemFormat.Compound("I048/120", ItemFormat.Fixed("CAL", 2), ItemFormat.Repetitive("RDS", 6)),
        ItemFormat.Fixed("I048/230", 2),
        ItemFormat.Fixed("I048/260", 7), ItemFormat.Fixed("I048/055", 1), ItemFormat.Fixed("I048/050", 2), ItemFormat.Fixed("I048/065", 1),
        ItemFormat.Fixed("I048/060", 2), ItemFormat.Explicit("SP"), ItemFormat.Explicit("RE"));

    /// <summary>Decodes one record at the reader's position (items stepped over by <paramref name="edition"/>'s UAP, default this one); throws <see cref="AsterixFormatException"/> on malformed bytes.</summary>
    public static void Decode(ref AsterixReader r, out Cat048Record rec, Uap? edition = null)
    {
        rec = default;
        var uap = edition ?? Uap;
        var fspec = Fspec.Read(ref r, uap.Items.Count);
        rec.Items = (Cat048Items)fspec.Bits & All;
        foreach (var frn in fspec)
        {
            switch (frn)
            {
                case 1: rec.Source = DataSource.Read(ref r); break;
                case 2: rec.TimeOfDay = r.ReadUInt24(); break;
                case 3: rec.Descriptor = ItemFormat.ReadVariable(ref r, "I048/020"); break;
                case 4: rec.Rho = r.ReadUInt16(); rec.Theta = r.ReadUInt16(); break;
                case 5: rec.Mode3A = (ushort)(r.ReadUInt16() & 0xEFFF); break;
                case 6: rec.FlightLevelBits = r.ReadUInt16(); break;
                case 7: rec.PlotCharacteristics = ReadPlotCharacteristics(ref r); break;
                case 8: rec.AircraftAddress = r.ReadUInt24(); break;
                case 9: rec.AircraftId = new Callsign(r.ReadUInt48()); break;
                case 11: rec.TrackNumber = (ushort)(r.ReadUInt16() & 0x0FFF); break;
                case 13: rec.GroundSpeed = r.ReadUInt16(); rec.Heading = r.ReadUInt16(); break;
                case 14: rec.TrackStatus = ItemFormat.ReadVariable(ref r, "I048/170"); break;
                case 19: rec.Height3D = (short)((short)(r.ReadUInt16() << 2) >> 2); break;
                case 20:
                    if (Cat048Doppler.ReadCal(ref r) is { } cal) rec.DopplerCal = cal;
                    else rec.Items &= ~Cat048Items.I120;
                    break;
                default: uap.Skip(frn, ref r); break;
            }
        }
    }

    /// <summary>Writes one record (FSPEC then the present items in FRN order).</summary>
    public static void Encode(in Cat048Record rec, ref AsterixWriter w)
    {
        new Fspec((ulong)(rec.Items & All)).Write(ref w);
        if (rec.Has(Cat048Items.I010)) { w.WriteByte(rec.Source.Sac); w.WriteByte(rec.Source.Sic); }
        if (rec.Has(Cat048Items.I140)) w.WriteUInt24(rec.TimeOfDay);
        if (rec.Has(Cat048Items.I020)) rec.Descriptor.Write(ref w);
        if (rec.Has(Cat048Items.I040)) { w.WriteUInt16(rec.Rho); w.WriteUInt16(rec.Theta); }
        if (rec.Has(Cat048Items.I070)) w.WriteUInt16(rec.Mode3A & 0xEFFF);
        if (rec.Has(Cat048Items.I090)) w.WriteUInt16(rec.FlightLevelBits);
        if (rec.Has(Cat048Items.I130)) WritePlotCharacteristics(rec.PlotCharacteristics, ref w);
        if (rec.Has(Cat048Items.I220)) w.WriteUInt24(rec.AircraftAddress);
        if (rec.Has(Cat048Items.I240)) w.WriteUInt48(rec.AircraftId.Bits);
        if (rec.Has(Cat048Items.I161)) w.WriteUInt16(rec.TrackNumber & 0x0FFF);
        if (rec.Has(Cat048Items.I200)) { w.WriteUInt16(rec.GroundSpeed); w.WriteUInt16(rec.Heading); }
        if (rec.Has(Cat048Items.I170)) rec.TrackStatus.Write(ref w);
        if (rec.Has(Cat048Items.I110)) w.WriteUInt16(rec.Height3D & 0x3FFF);
        if (rec.Has(Cat048Items.I120)) Cat048Doppler.WriteCal(rec.DopplerCal, ref w);
    }

    /// <summary>Every item flag this codec handles.</summary>
    public const Cat048Items All = Cat048Items.I010 | Cat048Items.I140 | Cat048Items.I020 | Cat048Items.I040 | Cat048Items.I070 | Cat048Items.I090 |
        Cat048Items.I130 | Cat048Items.I220 | Cat048Items.I240 | Cat048Items.I161 | Cat048Items.I200 | Cat048Items.I170 | Cat048Items.I110 |
        Cat048Items.I120;

    private static RadarPlotCharacteristics ReadPlotCharacteristics(ref AsterixReader r)
    {
        var present = (byte)Uap.Items[6]!.ReadPrimary(ref r);
        Span<byte> v = stackalloc byte[RadarPlotCharacteristics.Subfields];
        for (var i = 0; i < v.Length; i++) v[i] = ((present >> i) & 1) != 0 ? r.ReadByte() : (byte)0;
        return RadarPlotCharacteristics.FromOctets(present, v);
    }

    private static void WritePlotCharacteristics(in RadarPlotCharacteristics pc, ref AsterixWriter w)
    {
        new Fspec(pc.Present & 0x7FUL).Write(ref w);
        for (var i = 0; i < RadarPlotCharacteristics.Subfields; i++)
            if (pc.Has(i)) w.WriteByte(pc[i]);
    }
}
