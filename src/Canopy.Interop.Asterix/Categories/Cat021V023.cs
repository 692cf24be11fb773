using Canopy.Interop.Asterix.Coding;

namespace Canopy.Interop.Asterix.Categories;

/// <summary>CAT021 edition 0.23 items Canopy decodes into <see cref="Cat021V023Record"/>; each flag is bit FRN-1 of the FSPEC.</summary>
[Flags]
public enum Cat021V023Items : ulong
{
    None = 0,
    I010 = 1UL << 0,
    I040 = 1UL << 1,
    I030 = 1UL << 2,
    I130 = 1UL << 3,
    I080 = 1UL << 4,
    I140 = 1UL << 5,
    I145 = 1UL << 9,
    I160 = 1UL << 15,
    I170 = 1UL << 17,
    I020 = 1UL << 21,
}

/// <summary>
/// One CAT021 ADS-B target report of edition 0.23 (November 2003, the edition of many deployed ADS-B ground stations) with raw
/// wire values. Its UAP and several items differ from edition 2.x: I030 time of day instead of I071/I073, a two-octet fixed I040,
/// I140 geometric altitude, a signed ground speed in I160, and no I131, I161 or I073.
/// </summary>
public record struct Cat021V023Record
{
    public Cat021V023Items Items { get; set; }
    public DataSource Source { get; set; }

    /// <summary>I040 target report descriptor: first octet DCR GBS SIM TST RAB SAA SPI spare, second ATP (3 bits) ARC (2 bits) spare.</summary>
    public ushort Descriptor { get; set; }

    /// <summary>I030 time of applicability of the position, 1/128 s since midnight UTC.</summary>
    public int TimeOfDay { get; set; }

    /// <summary>I130 latitude, 180/2^23 degrees, 24-bit signed.</summary>
    public int Latitude { get; set; }

    /// <summary>I130 longitude, 180/2^23 degrees, 24-bit signed.</summary>
    public int Longitude { get; set; }

    /// <summary>I080 24-bit target address.</summary>
    public int TargetAddress { get; set; }

    /// <summary>I140 geometric altitude above the WGS-84 ellipsoid's tangent plane, 6.25 ft.</summary>
    public short GeometricAltitude { get; set; }

    /// <summary>I145 flight level, 1/4 FL.</summary>
    public short FlightLevel { get; set; }

    /// <summary>I160 ground speed, two's complement, 2^-14 NM/s.</summary>
    public short GroundSpeed { get; set; }

    /// <summary>I160 track angle, 360/2^16 degrees.</summary>
    public ushort TrackAngle { get; set; }

    /// <summary>I170 target identification.</summary>
    public Callsign Identification { get; set; }

    /// <summary>I020 emitter category: 1 light, 3 medium, 5 heavy, 6 highly manoeuvrable, 10 rotorcraft, 13 UAV, ... .</summary>
    public byte EmitterCategory { get; set; }

    public readonly bool Has(Cat021V023Items item) => (Items & item) != 0;
    public readonly double TimeOfDaySeconds => TimeOfDay / 128.0;
    public readonly double LatitudeDegrees => Latitude * (180.0 / (1 << 23));
    public readonly double LongitudeDegrees => Longitude * (180.0 / (1 << 23));
    public readonly double GeometricAltitudeMetres => GeometricAltitude * 6.25 * Units.Foot;
    public readonly double GroundSpeedMetresPerSecond => GroundSpeed / 16384.0 * Units.NauticalMile;
}

/// <summary>CAT021 edition 0.23: UAP (every item framed, FRN 27-33 spare), record decoder and encoder.</summary>
public static class Cat021V023Codec
{
    public const byte Category = 21;
    public const string Edition = "0.23";

    private static ItemFormat F(string name, int n) => ItemFormat.Fixed(name, n);

    public static Uap Uap { get; } = new(Category, Edition,
        F("I021/010", 2), F("I021/040", 2), F("I021/030", 3), F("I021/130", 6), F("I021/080", 3), F("I021/140", 2), F("I021/090", 2),
        F("I021/210", 1), F("I021/230", 2), F("I021/145", 2), F("I021/150", 2), F("I021/151", 2), F("I021/152", 2), F("I021/155", 2),
        F("I021/157", 2), F("I021/160", 4), ItemFormat.Variable("I021/165"), F("I021/170", 6), F("I021/095", 1), F("I021/032", 1), F("I021/200", 1),
        F("I021/020", 1), ItemFormat.Compound("I021/220", F("WS", 2), F("WD", 2), F("TMP", 2), F("TRB", 1)), F("I021/146", 2), F("I021/148", 2),
        ItemFormat.Compound("I021/110", ItemFormat.Variable("TIS"), ItemFormat.Repetitive("TID", 15)), null, null,
        null, null, null, null, null, ItemFormat.Explicit("RE"), ItemFormat.Explicit("SP"));

    public const Cat021V023Items All = Cat021V023Items.I010 | Cat021V023Items.I040 | Cat021V023Items.I030 | Cat021V023Items.I130 |
        Cat021V023Items.I080 | Cat021V023Items.I140 | Cat021V023Items.I145 | Cat021V023Items.I160 | Cat021V023Items.I170 | Cat021V023Items.I020;

    /// <summary>Decodes one record at the reader's position; throws <see cref="AsterixFormatException"/> on malformed bytes.</summary>
    public static void Decode(ref AsterixReader r, out Cat021V023Record rec)
    {
        rec = default;
        var fspec = Fspec.Read(ref r, Uap.Items.Count);
        rec.Items = (Cat021V023Items)fspec.Bits & All;
        foreach (var frn in fspec)
        {
            switch (frn)
            {
                case 1: rec.Source = DataSource.Read(ref r); break;
                case 2: rec.Descriptor = r.ReadUInt16(); break;
                case 3: rec.TimeOfDay = r.ReadUInt24(); break;
                case 4: rec.Latitude = r.ReadInt24(); rec.Longitude = r.ReadInt24(); break;
                case 5: rec.TargetAddress = r.ReadUInt24(); break;
                case 6: rec.GeometricAltitude = r.ReadInt16(); break;
                case 10: rec.FlightLevel = r.ReadInt16(); break;
                case 16: rec.GroundSpeed = r.ReadInt16(); rec.TrackAngle = r.ReadUInt16(); break;
                case 18: rec.Identification = new Callsign(r.ReadUInt48()); break;
                case 22: rec.EmitterCategory = r.ReadByte(); break;
                default: Uap.Skip(frn, ref r); break;
            }
        }
    }

    /// <summary>Writes one record (FSPEC then the present items in FRN order).</summary>
    public static void Encode(in Cat021V023Record rec, ref AsterixWriter w)
    {
        new Fspec((ulong)(rec.Items & All)).Write(ref w);
        if (rec.Has(Cat021V023Items.I010)) { w.WriteByte(rec.Source.Sac); w.WriteByte(rec.Source.Sic); }
        if (rec.Has(Cat021V023Items.I040)) w.WriteUInt16(rec.Descriptor);
        if (rec.Has(Cat021V023Items.I030)) w.WriteUInt24(rec.TimeOfDay);
        if (rec.Has(Cat021V023Items.I130)) { w.WriteUInt24(rec.Latitude); w.WriteUInt24(rec.Longitude); }
        if (rec.Has(Cat021V023Items.I080)) w.WriteUInt24(rec.TargetAddress);
        if (rec.Has(Cat021V023Items.I140)) w.WriteUInt16(rec.GeometricAltitude);
        if (rec.Has(Cat021V023Items.I145)) w.WriteUInt16(rec.FlightLevel);
        if (rec.Has(Cat021V023Items.I160)) { w.WriteUInt16(rec.GroundSpeed); w.WriteUInt16(rec.TrackAngle); }
        if (rec.Has(Cat021V023Items.I170)) w.WriteUInt48(rec.Identification.Bits);
        if (rec.Has(Cat021V023Items.I020)) w.WriteByte(rec.EmitterCategory);
    }
}
