using Canopy.Interop.Asterix.Categories;
using Canopy.Interop.Asterix.Coding;

namespace Canopy.Interop.Asterix.Tests;

/// <summary>Random valid records of every category (every item present with probability one half, at least one item).</summary>
internal static class RandomRecords
{
    private const string CallsignChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ";

    public static Cat048Record Cat048(Random rng)
    {
        var r = new Cat048Record { Items = (Cat048Items)Pick(rng, (ulong)Cat048Codec.All, out _) };
        if (r.Has(Cat048Items.I010)) r.Source = Source(rng);
        if (r.Has(Cat048Items.I140)) r.TimeOfDay = rng.Next(86400 * 128);
        if (r.Has(Cat048Items.I020)) r.Descriptor = Extensible(rng, 3);
        if (r.Has(Cat048Items.I040)) { r.Rho = (ushort)rng.Next(65536); r.Theta = (ushort)rng.Next(65536); }
        if (r.Has(Cat048Items.I070)) r.Mode3A = (ushort)(rng.Next(65536) & 0xEFFF);
        if (r.Has(Cat048Items.I090)) r.FlightLevelBits = (ushort)rng.Next(65536);
        if (r.Has(Cat048Items.I130))
        {
            var present = (byte)rng.Next(1, 128);
            Span<byte> v = stackalloc byte[7];
            for (var i = 0; i < 7; i++) v[i] = ((present >> i) & 1) != 0 ? (byte)rng.Next(256) : (byte)0;
            r.PlotCharacteristics = RadarPlotCharacteristics.FromOctets(present, v);
        }
        if (r.Has(Cat048Items.I220)) r.AircraftAddress = rng.Next(1 << 24);
        if (r.Has(Cat048Items.I240)) r.AircraftId = Callsign(rng);
        if (r.Has(Cat048Items.I161)) r.TrackNumber = (ushort)rng.Next(4096);
        if (r.Has(Cat048Items.I200)) { r.GroundSpeed = (ushort)rng.Next(65536); r.Heading = (ushort)rng.Next(65536); }
        if (r.Has(Cat048Items.I170)) r.TrackStatus = Extensible(rng, 2);
        if (r.Has(Cat048Items.I110)) r.Height3D = (short)rng.Next(-8192, 8192);
        if (r.Has(Cat048Items.I120)) r.DopplerCal = (ushort)((rng.Next(2) << 15) | rng.Next(1024));
        return r;
    }

    public static Cat034Record Cat034(Random rng)
    {
        var r = new Cat034Record { Items = (Cat034Items)Pick(rng, (ulong)Cat034Codec.All, out _) };
        if (r.Has(Cat034Items.I010)) r.Source = Source(rng);
        if (r.Has(Cat034Items.I000)) r.MessageType = (byte)rng.Next(1, 5);
        if (r.Has(Cat034Items.I030)) r.TimeOfDay = rng.Next(86400 * 128);
        if (r.Has(Cat034Items.I020)) r.Sector = (byte)rng.Next(256);
        if (r.Has(Cat034Items.I041)) r.RotationPeriod = (ushort)rng.Next(65536);
        if (r.Has(Cat034Items.I050)) r.Configuration = Status(rng, 0xFFFF);
        if (r.Has(Cat034Items.I060)) r.ProcessingMode = Status(rng, 0xFF);
        return r;
    }

    public static Cat062Record Cat062(Random rng)
    {
        var r = new Cat062Record { Items = (Cat062Items)Pick(rng, (ulong)Cat062Codec.All, out _) };
        if (r.Has(Cat062Items.I010)) r.Source = Source(rng);
        if (r.Has(Cat062Items.I015)) r.ServiceId = (byte)rng.Next(256);
        if (r.Has(Cat062Items.I070)) r.TimeOfTrack = rng.Next(86400 * 128);
        if (r.Has(Cat062Items.I105)) { r.Latitude = rng.Next(-(1 << 24), 1 << 24); r.Longitude = rng.Next(-(1 << 25), 1 << 25); }
        if (r.Has(Cat062Items.I100)) { r.X = rng.Next(-(1 << 23), 1 << 23); r.Y = rng.Next(-(1 << 23), 1 << 23); }
        if (r.Has(Cat062Items.I185)) { r.Vx = (short)rng.Next(-32768, 32768); r.Vy = (short)rng.Next(-32768, 32768); }
        if (r.Has(Cat062Items.I060)) r.Mode3A = (ushort)(rng.Next(65536) & 0x2FFF);
        if (r.Has(Cat062Items.I245)) { r.IdentificationSource = (byte)rng.Next(4); r.Identification = Callsign(rng); }
        if (r.Has(Cat062Items.I040)) r.TrackNumber = (ushort)rng.Next(65536);
        if (r.Has(Cat062Items.I080)) r.TrackStatus = Extensible(rng, 4);
        if (r.Has(Cat062Items.I136)) r.MeasuredFlightLevel = (short)rng.Next(-32768, 32768);
        if (r.Has(Cat062Items.I130)) r.GeometricAltitude = (short)rng.Next(-32768, 32768);
        if (r.Has(Cat062Items.I135)) r.BarometricAltitudeBits = (ushort)rng.Next(65536);
        if (r.Has(Cat062Items.I220)) r.RateOfClimb = (short)rng.Next(-32768, 32768);
        return r;
    }

    public static Cat021Record Cat021(Random rng)
    {
        var r = new Cat021Record { Items = (Cat021Items)Pick(rng, (ulong)Cat021Codec.All, out _) };
        if (r.Has(Cat021Items.I010)) r.Source = Source(rng);
        if (r.Has(Cat021Items.I040)) r.Descriptor = Extensible(rng, 3);
        if (r.Has(Cat021Items.I161)) r.TrackNumber = (ushort)rng.Next(4096);
        if (r.Has(Cat021Items.I071)) r.TimeOfPosition = rng.Next(86400 * 128);
        if (r.Has(Cat021Items.I130)) { r.Latitude = rng.Next(-(1 << 22), 1 << 22); r.Longitude = rng.Next(-(1 << 23), 1 << 23); }
        if (r.Has(Cat021Items.I131)) { r.LatitudeHighRes = rng.Next(-(1 << 29), 1 << 29); r.LongitudeHighRes = rng.Next(int.MinValue, int.MaxValue); }
        if (r.Has(Cat021Items.I080)) r.TargetAddress = rng.Next(1 << 24);
        if (r.Has(Cat021Items.I073)) r.TimeOfReception = rng.Next(86400 * 128);
        if (r.Has(Cat021Items.I140)) r.GeometricHeight = (short)rng.Next(-32768, 32768);
        if (r.Has(Cat021Items.I145)) r.FlightLevel = (short)rng.Next(-32768, 32768);
        if (r.Has(Cat021Items.I160)) { r.GroundSpeedBits = (ushort)rng.Next(65536); r.TrackAngle = (ushort)rng.Next(65536); }
        if (r.Has(Cat021Items.I170)) r.Identification = Callsign(rng);
        if (r.Has(Cat021Items.I020)) r.EmitterCategory = (byte)rng.Next(25);
        return r;
    }

    public static Cat021V023Record Cat021V023(Random rng)
    {
        var r = new Cat021V023Record { Items = (Cat021V023Items)Pick(rng, (ulong)Cat021V023Codec.All, out _) };
        if (r.Has(Cat021V023Items.I010)) r.Source = Source(rng);
        if (r.Has(Cat021V023Items.I040)) r.Descriptor = (ushort)(rng.Next(65536) & 0xFEF8); // spare bits zero
        if (r.Has(Cat021V023Items.I030)) r.TimeOfDay = rng.Next(86400 * 128);
        if (r.Has(Cat021V023Items.I130)) { r.Latitude = rng.Next(-(1 << 22), 1 << 22); r.Longitude = rng.Next(-(1 << 23), 1 << 23); }
        if (r.Has(Cat021V023Items.I080)) r.TargetAddress = rng.Next(1 << 24);
        if (r.Has(Cat021V023Items.I140)) r.GeometricAltitude = (short)rng.Next(-32768, 32768);
        if (r.Has(Cat021V023Items.I145)) r.FlightLevel = (short)rng.Next(-32768, 32768);
        if (r.Has(Cat021V023Items.I160)) { r.GroundSpeed = (short)rng.Next(-32768, 32768); r.TrackAngle = (ushort)rng.Next(65536); }
        if (r.Has(Cat021V023Items.I170)) r.Identification = Callsign(rng);
        if (r.Has(Cat021V023Items.I020)) r.EmitterCategory = (byte)rng.Next(25);
        return r;
    }

    /// <summary>
    /// A CAT048 record's bytes: a random typed record with random untyped items and, two times in three, an I048/120 with raw
    /// Doppler speeds (RDS, 0 to 3 elements) beside or without its CAL subfield.
    /// </summary>
    public static byte[] Cat048WithRawDoppler(Random rng)
    {
        var r = Cat048(rng);
        var buffer = new byte[2048];
        var w = new AsterixWriter(buffer);
        Cat048Codec.Encode(r, ref w);
        var record = UntypedItems.AddTo(w.Written.ToArray(), Cat048Codec.Uap, (ulong)Cat048Codec.All, rng);
        if (rng.Next(3) == 0) return record;
        var spans = new List<ItemSpan>();
        RecordLayout.Split(record, 0, Cat048Codec.Uap, spans);
        var items = spans.Where(s => s.Frn != 20).Select(s => (s.Frn, record.AsSpan(s.Start, s.Length).ToArray())).ToList();
        var doppler = new List<byte>();
        var withCal = rng.Next(2) == 0;
        doppler.Add((byte)(withCal ? 0xC0 : 0x40));
        if (withCal) doppler.AddRange([(byte)(rng.Next(2) << 7 | rng.Next(4)), (byte)rng.Next(256)]);
        var rep = rng.Next(4);
        doppler.Add((byte)rep);
        for (var i = 0; i < rep * 6; i++) doppler.Add((byte)rng.Next(256));
        items.Add((20, doppler.ToArray()));
        w = new AsterixWriter(buffer);
        RecordLayout.Join(items, ref w);
        return w.Written.ToArray();
    }

    public static Callsign Callsign(Random rng)
    {
        Span<char> c = stackalloc char[8];
        for (var i = 0; i < 8; i++) c[i] = CallsignChars[rng.Next(CallsignChars.Length)];
        return Coding.Callsign.Parse(new string(c));
    }

    private static ulong Pick(Random rng, ulong all, out int count)
    {
        while (true)
        {
            ulong items = 0;
            for (var b = all; b != 0; b &= b - 1)
                if (rng.Next(2) == 0) items |= b & (ulong)-(long)b;
            count = System.Numerics.BitOperations.PopCount(items);
            if (items != 0) return items;
        }
    }

    private static DataSource Source(Random rng) => new((byte)rng.Next(256), (byte)rng.Next(256));

    private static ExtensibleBits Extensible(Random rng, int maxOctets)
    {
        Span<byte> b = stackalloc byte[rng.Next(1, maxOctets + 1)];
        rng.NextBytes(b);
        return ExtensibleBits.FromOctets(b);
    }

    private static RadarServiceStatus Status(Random rng, int mdsMax)
    {
        byte present = 0;
        while (present == 0)
            foreach (var slot in RadarServiceStatus.Slots)
                if (rng.Next(2) == 0) present |= (byte)(1 << slot);
        byte Val(int slot) => ((present >> slot) & 1) != 0 ? (byte)rng.Next(256) : (byte)0;
        return new RadarServiceStatus(present, Val(0), Val(3), Val(4), ((present >> 5) & 1) != 0 ? (ushort)rng.Next(mdsMax + 1) : (ushort)0);
    }
}
