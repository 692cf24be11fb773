using Canopy.Interop.Asterix.Coding;

namespace Canopy.Interop.Asterix.Categories;

/// <summary>CAT034 items Canopy decodes into <see cref="Cat034Record"/>; each flag is bit FRN-1 of the FSPEC.</summary>
[Flags]
public enum Cat034Items : ulong
{
    None = 0,
    I010 = 1UL << 0,
    I000 = 1UL << 1,
    I030 = 1UL << 2,
    I020 = 1UL << 3,
    I041 = 1UL << 4,
    I050 = 1UL << 5,
    I060 = 1UL << 6,
}

/// <summary>
/// I034/050 system configuration and status or I034/060 system processing mode (compound): subfields COM, PSR, SSR, MDS
/// (primary bits 1, 4, 5, 6); MDS is two octets in I050 and one in I060.
/// </summary>
public readonly record struct RadarServiceStatus(byte Present, byte Com, byte Psr, byte Ssr, ushort Mds)
{
    /// <summary>Primary-subfield positions (0-based) of COM, PSR, SSR, MDS.</summary>
    public static ReadOnlySpan<int> Slots => [0, 3, 4, 5];

    public bool Has(int slot) => ((Present >> slot) & 1) != 0;
}

/// <summary>One CAT034 radar service message (EUROCONTROL ASTERIX Category 034, edition 1.29): north marker, sector crossing, status.</summary>
public record struct Cat034Record
{
    public Cat034Items Items { get; set; }
    public DataSource Source { get; set; }

    /// <summary>I000: 1 north marker, 2 sector crossing, 3 geographical filtering, 4 jamming strobe.</summary>
    public byte MessageType { get; set; }

    /// <summary>I030 time of day, 1/128 s.</summary>
    public int TimeOfDay { get; set; }

    /// <summary>I020 sector number, 360/2^8 degrees.</summary>
    public byte Sector { get; set; }

    /// <summary>I041 antenna rotation period, 1/128 s.</summary>
    public ushort RotationPeriod { get; set; }

    public RadarServiceStatus Configuration { get; set; }
    public RadarServiceStatus ProcessingMode { get; set; }

    public readonly bool Has(Cat034Items item) => (Items & item) != 0;
    public readonly double TimeOfDaySeconds => TimeOfDay / 128.0;
    public readonly double RotationPeriodSeconds => RotationPeriod / 128.0;
    public readonly double SectorRadians => Sector * (2 * Math.PI / 256.0);
}

/// <summary>CAT034 edition 1.29: UAP, record decoder and encoder.</summary>
public static class Cat034Codec
{
    public const byte Category = 34;
    public const string Edition = "1.29";

    public static Uap Uap { get; } = new(Category, Edition,
        ItemFormat.Fixed("I034/010", 2), ItemFormat.Fixed("I034/000", 1), ItemFormat.Fixed("I034/030", 3), ItemFormat.Fixed("I034/020", 1),
        ItemFormat.Fixed("I034/041", 2),
        ItemFormat.Compound("I034/050", ItemFormat.Fixed("COM", 1), null, null, ItemFormat.Fixed("PSR", 1), ItemFormat.Fixed("SSR", 1), ItemFormat.Fixed("MDS", 2)),
        ItemFormat.Compound("I034/060", ItemFormat.Fixed("COM", 1), null, null, ItemFormat.Fixed("PSR", 1), ItemFormat.Fixed("SSR", 1), ItemFormat.Fixed("MDS", 1)),
        ItemFormat.Repetitive("I034/070", 2), ItemFormat.Fixed("I034/100", 8), ItemFormat.Fixed("I034/110", 1), ItemFormat.Fixed("I034/120", 8),
        ItemFormat.Fixed("I034/090", 2), ItemFormat.Explicit("RE"), ItemFormat.Explicit("SP"));

    public const Cat034Items All = Cat034Items.I010 | Cat034Items.I000 | Cat034Items.I030 | Cat034Items.I020 | Cat034Items.I041 | Cat034Items.I050 | Cat034Items.I060;

    /// <summary>Decodes one record at the reader's position (items stepped over by <paramref name="edition"/>'s UAP, default this one); throws <see cref="AsterixFormatException"/> on malformed bytes.</summary>
    public static void Decode(ref AsterixReader r, out Cat034Record rec, Uap? edition = null)
    {
        rec = default;
        var uap = edition ?? Uap;
        var fspec = Fspec.Read(ref r, uap.Items.Count);
        rec.Items = (Cat034Items)fspec.Bits & All;
        foreach (var frn in fspec)
        {
            switch (frn)
            {
                case 1: rec.Source = DataSource.Read(ref r); break;
                case 2: rec.MessageType = r.ReadByte(); break;
                case 3: rec.TimeOfDay = r.ReadUInt24(); break;
                case 4: rec.Sector = r.ReadByte(); break;
                case 5: rec.RotationPeriod = r.ReadUInt16(); break;
                case 6: rec.Configuration = ReadStatus(ref r, Uap.Items[5]!, 2); break;
                case 7: rec.ProcessingMode = ReadStatus(ref r, Uap.Items[6]!, 1); break;
                default: uap.Skip(frn, ref r); break;
            }
        }
    }

    /// <summary>Writes one record (FSPEC then the present items in FRN order).</summary>
    public static void Encode(in Cat034Record rec, ref AsterixWriter w)
    {
        new Fspec((ulong)(rec.Items & All)).Write(ref w);
        if (rec.Has(Cat034Items.I010)) { w.WriteByte(rec.Source.Sac); w.WriteByte(rec.Source.Sic); }
        if (rec.Has(Cat034Items.I000)) w.WriteByte(rec.MessageType);
        if (rec.Has(Cat034Items.I030)) w.WriteUInt24(rec.TimeOfDay);
        if (rec.Has(Cat034Items.I020)) w.WriteByte(rec.Sector);
        if (rec.Has(Cat034Items.I041)) w.WriteUInt16(rec.RotationPeriod);
        if (rec.Has(Cat034Items.I050)) WriteStatus(rec.Configuration, 2, ref w);
        if (rec.Has(Cat034Items.I060)) WriteStatus(rec.ProcessingMode, 1, ref w);
    }

    private static RadarServiceStatus ReadStatus(ref AsterixReader r, ItemFormat format, int mdsLength)
    {
        var present = (byte)format.ReadPrimary(ref r);
        var com = (present & 1) != 0 ? r.ReadByte() : (byte)0;
        var psr = (present & 8) != 0 ? r.ReadByte() : (byte)0;
        var ssr = (present & 16) != 0 ? r.ReadByte() : (byte)0;
        var mds = (present & 32) != 0 ? (mdsLength == 2 ? r.ReadUInt16() : r.ReadByte()) : (ushort)0;
        return new RadarServiceStatus(present, com, psr, ssr, mds);
    }

    private static void WriteStatus(in RadarServiceStatus s, int mdsLength, ref AsterixWriter w)
    {
        new Fspec(s.Present & 0b0111001UL).Write(ref w);
        if (s.Has(0)) w.WriteByte(s.Com);
        if (s.Has(3)) w.WriteByte(s.Psr);
        if (s.Has(4)) w.WriteByte(s.Ssr);
        if (s.Has(5))
        {
            if (mdsLength == 2) w.WriteUInt16(s.Mds);
            else w.WriteByte(s.Mds);
        }
    }
}
