using Canopy.Interop.Asterix.Coding;

namespace Canopy.Interop.Asterix.Categories;

/// <summary>CAT021 items Canopy decodes into <see cref="Cat021Record"/>; each flag is bit FRN-1 of the FSPEC.</summary>
[Flags]
public enum Cat021Items : ulong
{
    None = 0,
    I010 = 1UL << 0,
    I040 = 1UL << 1,
    I161 = 1UL << 2,
    I071 = 1UL << 4,
    I130 = 1UL << 5,
    I131 = 1UL << 6,
    I080 = 1UL << 10,
    I073 = 1UL << 11,
    I140 = 1UL << 15,
    I145 = 1UL << 20,
    I160 = 1UL << 25,
    I170 = 1UL << 28,
    I020 = 1UL << 29,
}

/// <summary>One CAT021 ADS-B target report (EUROCONTROL ASTERIX Category 021, edition 2.6) with raw wire values; the SI properties convert.</summary>
public record struct Cat021Record
{
    public Cat021Items Items { get; set; }
    public DataSource Source { get; set; }

    /// <summary>I040 target report descriptor (ATP ARC RC RAB, then DCR GBS SIM TST SAA CL, ...).</summary>
    public ExtensibleBits Descriptor { get; set; }

    /// <summary>I161 12-bit track number.</summary>
    public ushort TrackNumber { get; set; }

    /// <summary>I071 time of applicability for position, 1/128 s.</summary>
    public int TimeOfPosition { get; set; }

    /// <summary>I130 latitude, 180/2^23 degrees, 24-bit signed.</summary>
    public int Latitude { get; set; }

    /// <summary>I130 longitude, 180/2^23 degrees, 24-bit signed.</summary>
    public int Longitude { get; set; }

    /// <summary>I131 latitude, 180/2^30 degrees.</summary>
    public int LatitudeHighRes { get; set; }

    /// <summary>I131 longitude, 180/2^30 degrees.</summary>
    public int LongitudeHighRes { get; set; }

    /// <summary>I080 24-bit ICAO target address.</summary>
    public int TargetAddress { get; set; }

    /// <summary>I073 time of message reception of position, 1/128 s.</summary>
    public int TimeOfReception { get; set; }

    /// <summary>I140 geometric height, 6.25 ft.</summary>
    public short GeometricHeight { get; set; }

    /// <summary>I145 flight level, 1/4 FL.</summary>
    public short FlightLevel { get; set; }

    /// <summary>I160 RE bit and 15-bit ground speed in 2^-14 NM/s.</summary>
    public ushort GroundSpeedBits { get; set; }

    /// <summary>I160 track angle, 360/2^16 degrees.</summary>
    public ushort TrackAngle { get; set; }

    public Callsign Identification { get; set; }

    /// <summary>I020 emitter category (ECAT): 1 light, 3 medium, 5 heavy, 11 UAV, ... .</summary>
    public byte EmitterCategory { get; set; }

    public readonly bool Has(Cat021Items item) => (Items & item) != 0;
    public readonly double LatitudeDegrees => Latitude * (180.0 / (1 << 23));
    public readonly double LongitudeDegrees => Longitude * (180.0 / (1 << 23));
    public readonly double LatitudeHighResDegrees => LatitudeHighRes * (180.0 / (1 << 30));
    public readonly double LongitudeHighResDegrees => LongitudeHighRes * (180.0 / (1 << 30));
    public readonly double GeometricHeightMetres => GeometricHeight * 6.25 * Units.Foot;
    public readonly double GroundSpeedMetresPerSecond => (GroundSpeedBits & 0x7FFF) / 16384.0 * Units.NauticalMile;
}

/// <summary>CAT021 edition 2.6: UAP, record decoder and encoder.</summary>
public static class Cat021Codec
{
    public const byte Category = 21;
    public const string Edition = "2.6";

    private static ItemFormat F(string name, int n) => ItemFormat.Fixed(name, n);

    public static Uap Uap { get; } = new(Category, Edition,
        F("I021/010", 2), ItemFormat.Variable("I021/040"), F("I021/161", 2), F("I021/015", 1), F("I021/071", 3), F("I021/130", 6), F("I021/131", 8),
        F("I021/072", 3), F("I021/150", 2), F("I021/151", 2), F("I021/080", 3), F("I021/073", 3), F("I021/074", 4), F("I021/075", 3),
        F("I021/076", 4), F("I021/140", 2), ItemFormat.Variable("I021/090"), F("I021/210", 1), F("I021/070", 2), F("I021/230", 2), F("I021/145", 2),
        F("I021/152", 2), F("I021/200", 1), F("I021/155", 2), F("I021/157", 2), F("I021/160", 4), F("I021/165", 2), F("I021/077", 3),
        F("I021/170", 6), F("I021/020", 1), ItemFormat.Compound("I021/220", F("WS", 2), F("WD", 2), F("TMP", 2), F("TRB", 1)),
        F("I021/146", 2), F("I021/148", 2), ItemFormat.Compound("I021/110", ItemFormat.Variable("TIS"), ItemFormat.Repetitive("TID", 15)), F("I021/016", 1),
        F("I021/008", 1), ItemFormat.Variable("I021/271"), F("I021/132", 1), ItemFormat.Repetitive("I021/250", 8), F("I021/260", 7), F("I021/400", 1),
        ItemFormat.Compound("I021/295", Enumerable.Range(1, 23).Select(i => (ItemFormat?)F($"age {i}", 1)).ToArray()),
        null, null, null, null, null, ItemFormat.Explicit("RE"), ItemFormat.Explicit("SP"));

    public const Cat021Items All = Cat021Items.I010 | Cat021Items.I040 | Cat021Items.I161 | Cat021Items.I071 | Cat021Items.I130 | Cat021Items.I131 |
        Cat021Items.I080 | Cat021Items.I073 | Cat021Items.I140 | Cat021Items.I145 | Cat021Items.I160 | Cat021Items.I170 | Cat021Items.I020;

    /// <summary>Decodes one record at the reader's position (items stepped over by <paramref name="edition"/>'s UAP, default this one); throws <see cref="AsterixFormatException"/> on malformed bytes.</summary>
    public static void Decode(ref AsterixReader r, out Cat021Record rec, Uap? edition = null)
    {
        rec = default;
        var uap = edition ?? Uap;
        var fspec = Fspec.Read(ref r, uap.Items.Count);
        rec.Items = (Cat021Items)fspec.Bits & All;
        foreach (var frn in fspec)
        {
            switch (frn)
            {
                case 1: rec.Source = DataSource.Read(ref r); break;
                case 2: rec.Descriptor = ItemFormat.ReadVariable(ref r, "I021/040"); break;
                case 3: rec.TrackNumber = (ushort)(r.ReadUInt16() & 0x0FFF); break;
                case 5: rec.TimeOfPosition = r.ReadUInt24(); break;
                case 6: rec.Latitude = r.ReadInt24(); rec.Longitude = r.ReadInt24(); break;
                case 7: rec.LatitudeHighRes = r.ReadInt32(); rec.LongitudeHighRes = r.ReadInt32(); break;
                case 11: rec.TargetAddress = r.ReadUInt24(); break;
                case 12: rec.TimeOfReception = r.ReadUInt24(); break;
                case 16: rec.GeometricHeight = r.ReadInt16(); break;
                case 21: rec.FlightLevel = r.ReadInt16(); break;
                case 26: rec.GroundSpeedBits = r.ReadUInt16(); rec.TrackAngle = r.ReadUInt16(); break;
                case 29: rec.Identification = new Callsign(r.ReadUInt48()); break;
                case 30: rec.EmitterCategory = r.ReadByte(); break;
                default: uap.Skip(frn, ref r); break;
            }
        }
    }

    /// <summary>Writes one record (FSPEC then the present items in FRN order).</summary>
    public static void Encode(in Cat021Record rec, ref AsterixWriter w)
    {
        new Fspec((ulong)(rec.Items & All)).Write(ref w);
        if (rec.Has(Cat021Items.I010)) { w.WriteByte(rec.Source.Sac); w.WriteByte(rec.Source.Sic); }
        if (rec.Has(Cat021Items.I040)) rec.Descriptor.Write(ref w);
        if (rec.Has(Cat021Items.I161)) w.WriteUInt16(rec.TrackNumber & 0x0FFF);
        if (rec.Has(Cat021Items.I071)) w.WriteUInt24(rec.TimeOfPosition);
        if (rec.Has(Cat021Items.I130)) { w.WriteUInt24(rec.Latitude); w.WriteUInt24(rec.Longitude); }
        if (rec.Has(Cat021Items.I131)) { w.WriteInt32(rec.LatitudeHighRes); w.WriteInt32(rec.LongitudeHighRes); }
        if (rec.Has(Cat021Items.I080)) w.WriteUInt24(rec.TargetAddress);
        if (rec.Has(Cat021Items.I073)) w.WriteUInt24(rec.TimeOfReception);
        if (rec.Has(Cat021Items.I140)) w.WriteUInt16(rec.GeometricHeight);
        if (rec.Has(Cat021Items.I145)) w.WriteUInt16(rec.FlightLevel);
        if (rec.Has(Cat021Items.I160)) { w.WriteUInt16(rec.GroundSpeedBits); w.WriteUInt16(rec.TrackAngle); }
        if (rec.Has(Cat021Items.I170)) w.WriteUInt48(rec.Identification.Bits);
        if (rec.Has(Cat021Items.I020)) w.WriteByte(rec.EmitterCategory);
    }
}
