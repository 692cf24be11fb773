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
        using var listener = new AsterixUdpListener(new IPEndPoint(IPAddress.Loopback, 0), [Site], 0);
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
