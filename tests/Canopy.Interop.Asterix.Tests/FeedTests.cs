using System.Net;
using Canopy.Core.Geodesy;
using Canopy.Core.Sensing;
using Canopy.Interop.Asterix.Categories;
using Canopy.Interop.Asterix.Coding;
using Canopy.Interop.Asterix.Feeds;

namespace Canopy.Interop.Asterix.Tests;

public class FeedTests
{
    private static readonly RadarSite Site = new(new SensorId(3), new DataSource(0, 3), Geodetic.FromDegrees(50, 30, 120));

    [Fact]
    public void TryEncode_TenNauticalMilesEast_GivesRho2560AndTheta16384()
    {
        var plot = Plot.Polar(Site.Id, 0, 10 * 1852, Math.PI / 2, 0);

        Assert.True(RadarPlots.TryEncode(plot, Site, 3600.5, out var r));

        Assert.Equal(2560, r.Rho);
        Assert.Equal(16384, r.Theta);
        Assert.Equal(3600.5 * 128, r.TimeOfDay);
        Assert.Equal(Site.Source, r.Source);
    }

    [Fact]
    public void TryEncode_RangeRate_TravelsAsI120CalculatedDopplerSpeed()
    {
        var plot = Plot.Polar(Site.Id, 0, 10 * 1852, Math.PI / 2, 0) with { RangeRate = -87.4 };
        Assert.True(RadarPlots.TryEncode(plot, Site, 0, out var r));
        Assert.True(r.Has(Cat048Items.I120));
        Assert.Equal(0x3A9, r.DopplerCal); // −87 in 10-bit two's complement, D clear
        Span<byte> buffer = stackalloc byte[64];
        var w = new AsterixWriter(buffer);
        Cat048Codec.Encode(r with { Items = Cat048Items.I120 }, ref w);
        // FSPEC: FRN 20 is the third octet's 0x04; then I120's primary subfield (CAL only) and CAL.
        Assert.Equal(new byte[] { 0x01, 0x01, 0x04, 0x80, 0x03, 0xA9 }, w.Written.ToArray());
        Assert.Equal(-87, RadarPlots.Decode(r, Site, 0).RangeRate);
    }

    [Fact]
    public void TryEncode_RangeRateBeyondI120_IsNotSent()
    {
        Assert.True(RadarPlots.TryEncode(Plot.Polar(Site.Id, 0, 10_000, 0, 0) with { RangeRate = 1400 }, Site, 0, out var r));
        Assert.False(r.Has(Cat048Items.I120));
        Assert.False(RadarPlots.Decode(r, Site, 0).HasRangeRate);
    }

    [Fact]
    public void Decode_I120WithRawDopplerOnly_IsSkipped()
    {
        // FRN 20 (I120) and FRN 21 (I230): I120 has only RDS (one repetition of 6 octets), then I230's 2 octets still read.
        byte[] bytes = [0x01, 0x01, 0x06, 0x40, 0x01, 1, 2, 3, 4, 5, 6, 0x12, 0x34];
        var reader = new AsterixReader(bytes);
        Cat048Codec.Decode(ref reader, out var r);
        Assert.False(r.Has(Cat048Items.I120));
        Assert.True(reader.End);
    }

    [Fact]
    public void TryEncode_Bearing_IsNotSent() =>
        Assert.False(RadarPlots.TryEncode(Plot.Bearing(Site.Id, 0, 1), Site, 0, out _));

    [Fact]
    public void EncodeThenDecode_RandomPlots_ComeBackWithinTheWireResolution()
    {
        var rng = new Random(3);
        for (var i = 0; i < 2000; i++)
        {
            var plot = Plot.Polar(Site.Id, 10, rng.NextDouble() * 400_000, rng.NextDouble() * 2 * Math.PI, rng.NextDouble() * 0.3);
            var height = RadarPlots.HeightOf(plot.Range, plot.Elevation, Site.Antenna.HeightM);
            if (height > 60_000) continue;
            Assert.True(RadarPlots.TryEncode(plot, Site, 10, out var record));

            var back = RadarPlots.Decode(record, Site, 10);

            Assert.Equal(plot.Range, back.Range, 1852.0 / 512 + 1e-6);
            Assert.True(Math.Abs(Angles.WrapPi(plot.Azimuth - back.Azimuth)) <= Math.PI / 65536 + 1e-12);
            // Half a 25 ft height step (3.81 m), seen from the plot's range, plus the 1/512 NM range rounding.
            Assert.Equal(height, RadarPlots.HeightOf(back.Range, back.Elevation, Site.Antenna.HeightM), 3.81 + 3.62 + 1e-6);
        }
    }

    [Fact]
    public void ElevationOf_InvertsHeightOf()
    {
        // A target 100 km away at 1 degree elevation from a 120 m antenna: height ~ 120 + 100000 sin(1 deg) + 100000^2 / (2 x 6371 km).
        var h = RadarPlots.HeightOf(100_000, Math.PI / 180, 120);

        Assert.Equal(120 + 1745.2 + 784.8, h, 1.0);
        Assert.Equal(Math.PI / 180, RadarPlots.ElevationOf(100_000, h, 120), 12);
    }

    [Fact]
    public void ToTime_AcrossMidnight_KeepsCounting()
    {
        var clock = new TimeOfDayClock(startTimeOfDay: 23 * 3600);

        Assert.Equal(0, clock.ToTime(23 * 3600));
        Assert.Equal(3599, clock.ToTime(86399));
        Assert.Equal(3601, clock.ToTime(1));
        Assert.Equal(3598, clock.ToTime(86398)); // a late report from before midnight
        Assert.Equal(3700, clock.ToTime(100));
    }

    [Fact]
    public void Listener_PlotsSentOnLoopback_AreReceivedAndBadDatagramsCounted()
    {
        using var listener = new AsterixUdpListener(new IPEndPoint(IPAddress.Loopback, 0), new AsterixPlotDecoder([Site], 0, new LocalFrame(Site.Antenna)));
        using var sender = new AsterixPlotSender(listener.LocalEndPoint, [Site], 0);
        using var garbage = new System.Net.Sockets.UdpClient();
        Plot[] plots = [Plot.Polar(Site.Id, 5, 20_000, 1, 0.01), Plot.Polar(new SensorId(9), 5, 1000, 1, 0), Plot.Polar(Site.Id, 5, 30_000, 2, 0.02)];

        garbage.Send([48, 0, 99, 1], listener.LocalEndPoint);
        sender.Send(5, plots);

        var received = new List<Plot>();
        double? step = null;
        for (var i = 0; i < 5 && step is null; i++)
            Assert.True(listener.Receive(TimeSpan.FromSeconds(5), received, out step));

        Assert.Equal(5.0, step);
        Assert.Equal(2, received.Count);
        Assert.Equal(2765 / 256.0 * 1852, received[0].Range, 9); // 20 km is 2764.58 steps of 1/256 NM, sent as 2765
        Assert.Equal(5.0, received[0].Time);
        Assert.Equal(1, listener.BadDatagrams);
        Assert.Equal(2, listener.Datagrams);
    }
}

public class SystemTrackTests
{
    [Fact]
    public void ToRecord_TentativeTrackEastAndSouth_GivesScaledCat062Items()
    {
        var frame = new LocalFrame(Geodetic.FromDegrees(50, 30, 0));
        var enu = new Canopy.Core.Geometry.Vec3(1000, -2000, 500);

        var r = SystemTracks.ToRecord(4242, confirmed: false, 100.25, enu, new Canopy.Core.Geometry.Vec3(100, -50, 0), frame, new DataSource(0, 0));

        Assert.Equal(2000, r.X); // 1000 m / 0.5 m
        Assert.Equal(-4000, r.Y);
        Assert.Equal(400, r.Vx); // 100 m/s / 0.25 m/s
        Assert.Equal(-200, r.Vy);
        Assert.Equal(4242, r.TrackNumber);
        Assert.Equal(100.25 * 128, r.TimeOfTrack);
        Assert.Equal(1, (r.TrackStatus.Octet(0) >> 1) & 1); // CNF: tentative
        var g = frame.ToGeodetic(enu);
        Assert.Equal(g.LatitudeDeg, r.LatitudeDegrees, 180.0 / (1 << 26) + 1e-12);
        Assert.Equal(g.LongitudeDeg, r.LongitudeDegrees, 180.0 / (1 << 26) + 1e-12);
        Assert.Equal(g.HeightM, r.GeometricAltitudeMetres, 6.25 * 0.3048 / 2 + 1e-9);
    }

    [Fact]
    public void Sender_TracksOnLoopback_ArriveAsOneCat062Block()
    {
        using var receiver = new System.Net.Sockets.UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var sender = new SystemTrackSender((IPEndPoint)receiver.Client.LocalEndPoint!);
        var frame = new LocalFrame(Geodetic.FromDegrees(50, 30, 0));
        Cat062Record[] tracks = [.. Enumerable.Range(1, 3).Select(i =>
            SystemTracks.ToRecord(i, true, 10, new Canopy.Core.Geometry.Vec3(i * 1000, 0, 100), default, frame, new DataSource(0, 0)))];

        sender.Send(tracks);

        Assert.True(receiver.Client.Poll(TimeSpan.FromSeconds(5), System.Net.Sockets.SelectMode.SelectRead));
        IPEndPoint? from = null;
        var c = RecordCollector.Decode(receiver.Receive(ref from));
        Assert.Equal(tracks, c.Cat062);
        Assert.Equal(1, sender.Datagrams);
    }
}
