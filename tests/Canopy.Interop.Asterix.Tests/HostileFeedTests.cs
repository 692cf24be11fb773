using System.Net;
using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.Core.Quantities;
using Canopy.Core.Sensing;
using Canopy.Interop.Asterix.Categories;
using Canopy.Interop.Asterix.Coding;
using Canopy.Interop.Asterix.Feeds;

namespace Canopy.Interop.Asterix.Tests;

/// <summary>
/// The ASTERIX crashes and spoofs of issue 17 as regression tests: the 24-byte CAT021 with a latitude beyond 90 degrees (which
/// killed `listen` and `replay`), the same in CAT062, a CAT034 of an undeclared SAC/SIC 6 h ahead (which stepped the pipeline
/// and moved its clock), records far from the feed's clock, across midnight, and datagrams from an undeclared address.
/// </summary>
public class HostileFeedTests
{
    private static readonly RadarSite Radar = new(new SensorId(3), new DataSource(0, 3), Geodetic.FromDegrees(50, 30, 120));
    private static readonly LocalFrame Frame = new(Radar.Antenna);


    private static byte[] Cat034(DataSource source, double timeOfDay)
    {
        var buffer = new byte[64];
        var w = new AsterixWriter(buffer);
        w.BeginBlock(Cat034Codec.Category);
        Cat034Codec.Encode(new Cat034Record { Items = Cat034Items.I010 | Cat034Items.I000 | Cat034Items.I030, Source = source, MessageType = 2, TimeOfDay = (int)(timeOfDay * 128) }, ref w);
        w.EndBlock();
        return w.Written.ToArray();
    }

    private static byte[] Plot(double timeOfDay)
    {
        var buffer = new byte[128];
        var w = new AsterixWriter(buffer);
        w.BeginBlock(Cat048Codec.Category);
        Assert.True(RadarPlots.TryEncode(Canopy.Core.Sensing.Plot.Polar(Radar.Id, 0, 20_000, 1, 0.01), Radar, timeOfDay, out var record));
        Cat048Codec.Encode(record, ref w);
        w.EndBlock();
        return w.Written.ToArray();
    }

    [Fact]
    public void Decode_IssueCat021WithLatitudeBeyond90_IsCountedNotThrown()
    {
        var datagram = Convert.FromHexString("1500188b114000ff93a800238e38e40aaaaaababcdef0100");
        var decoder = new AsterixPlotDecoder([Radar], 0, Frame, new Canopy.ThreatEvaluation.AdsbCorrelator());

        Assert.Null(decoder.Decode(datagram, 0, []));

        Assert.Equal(1, decoder.Counters.Implausible);
        Assert.Equal(0, decoder.AdsbReports);
        Assert.Null(AdsbPositions.Report(new Cat021Record { Items = Cat021Items.I080 | Cat021Items.I071 | Cat021Items.I131 | Cat021Items.I140, LatitudeHighRes = int.MaxValue },
            Frame, new TimeOfDayClock(0)));
    }

    [Fact]
    public void Decode_Cat062WithLatitudeBeyond90_IsCountedNotThrown()
    {
        var record = SystemTracks.ToRecord(1, true, 5, new Vec3(1000, 0, 2000), default, Frame, new DataSource(1, 1)) with { Latitude = 1 << 25 }; // 180 degrees
        var buffer = new byte[128];
        var w = new AsterixWriter(buffer);
        w.BeginBlock(Cat062Codec.Category);
        Cat062Codec.Encode(record, ref w);
        w.EndBlock();
        var decoder = new AsterixPlotDecoder([Radar], 0, Frame);
        var plots = new List<Plot>();

        Assert.Null(decoder.Decode(w.Written, 0, plots));

        Assert.Empty(plots);
        Assert.Equal(1, decoder.Counters.Implausible);
        Assert.Null(SystemTrackPlots.Position(record, Frame));
    }

    [Fact]
    public void Decode_Cat034OfAnUndeclaredRadarSixHoursAhead_StepsNothingAndLeavesTheClock()
    {
        var decoder = new AsterixPlotDecoder([Radar], 8 * 3600, Frame);
        Assert.Equal(10.0, decoder.Decode(Cat034(Radar.Source, 8 * 3600 + 10), 0, []));

        Assert.Null(decoder.Decode(Cat034(new DataSource(5, 9), 14 * 3600 + 10), 0, []));

        Assert.Equal(1, decoder.Counters.RejectedBySource);
        Assert.Equal(11.0, decoder.Decode(Cat034(Radar.Source, 8 * 3600 + 11), 0, []));
    }

    [Fact]
    public void Decode_DeclaredRadarSixHoursAheadOrFarBehind_IsDroppedAndCountedAndTheFeedGoesOn()
    {
        var decoder = new AsterixPlotDecoder([Radar], 8 * 3600, Frame);
        var plots = new List<Plot>();
        Assert.Equal(10.0, decoder.Decode(Cat034(Radar.Source, 8 * 3600 + 10), 0, plots));

        Assert.Null(decoder.Decode(Cat034(Radar.Source, 14 * 3600 + 10), 0, plots));
        Assert.Null(decoder.Decode(Plot(14 * 3600), 0, plots));
        Assert.Null(decoder.Decode(Plot(7 * 3600), 0, plots)); // 1 h late: beyond the 300 s lag
        Assert.Null(decoder.Decode(Cat034(Radar.Source, 8 * 3600 + 5), 0, plots)); // a step back in time

        Assert.Empty(plots);
        Assert.Equal(4, decoder.Counters.RejectedByTime);
        Assert.Null(decoder.Decode(Plot(8 * 3600 + 12), 0, plots));
        Assert.Equal(12.0, Assert.Single(plots).Time);
        Assert.Equal(13.0, decoder.Decode(Cat034(Radar.Source, 8 * 3600 + 13), 0, plots));
    }

    [Fact]
    public void Decode_AfterSilenceLongerThanTheLead_IsHeardAgainByTheReceiveClock()
    {
        var decoder = new AsterixPlotDecoder([Radar], 0, Frame);
        Assert.Equal(10.0, decoder.Decode(Cat034(Radar.Source, 10), 0, [], null, receivedAt: 1000));

        Assert.Null(decoder.Decode(Cat034(Radar.Source, 610), 0, [], null, receivedAt: 1001)); // 600 s on in 1 s
        Assert.Equal(610.0, decoder.Decode(Cat034(Radar.Source, 610), 0, [], null, receivedAt: 1600)); // 600 s on in 600 s
    }

    [Fact]
    public void Decode_AcrossMidnight_KeepsCountingAndRefusesTheDayBefore()
    {
        var decoder = new AsterixPlotDecoder([Radar], 86_390, Frame);
        Assert.Equal(5.0, decoder.Decode(Cat034(Radar.Source, 86_395), 0, []));
        Assert.Equal(15.0, decoder.Decode(Cat034(Radar.Source, 5), 0, []));
        Assert.Equal(25.0, decoder.Decode(Cat034(Radar.Source, 15), 0, []));

        Assert.Null(decoder.Decode(Cat034(Radar.Source, 43_200), 0, [])); // noon: 12 h off either way
        Assert.Null(decoder.Decode(Cat034(Radar.Source, 86_395), 0, [])); // before the last step
        Assert.Equal(35.0, decoder.Decode(Cat034(Radar.Source, 25), 0, []));
    }

    [Fact]
    public void TryToTime_TimeOfDayPastMidnightOrNotANumber_IsRefused()
    {
        var clock = new TimeOfDayClock(0);
        Assert.False(clock.TryToTime(86_400, 30, 300, out _));
        Assert.False(clock.TryToTime(double.NaN, 30, 300, out _));
        Assert.False(clock.TryToTime(-1, 30, 300, out _));
        Assert.True(clock.TryToTime(86_399, 30, 300, out var t));
        Assert.Equal(86_399.0, t); // the first time sets the clock
    }

    [Fact]
    public void Decode_TimeOfDayBeyondADay_IsImplausible()
    {
        var decoder = new AsterixPlotDecoder([Radar], 0, Frame);
        Assert.Null(decoder.Decode(Cat034(Radar.Source, 100_000), 0, []));
        Assert.Equal(1, decoder.Counters.Implausible);
    }

    [Fact]
    public void Decode_FromAnUndeclaredAddressOrPartner_IsRejectedBySource()
    {
        var options = AsterixFeedOptions.Default with
        {
            SourceAddresses = [IPAddress.Parse("10.1.1.1")],
            Partners = new HashSet<DataSource> { new(7, 7) },
        };
        var decoder = new AsterixPlotDecoder([Radar], 0, Frame, options: options);
        Assert.Null(decoder.Decode(Cat034(Radar.Source, 10), 0, [], IPAddress.Parse("10.1.1.2")));
        Assert.Equal(10.0, decoder.Decode(Cat034(Radar.Source, 10), 0, [], IPAddress.Parse("::ffff:10.1.1.1")));

        var buffer = new byte[256];
        var w = new AsterixWriter(buffer);
        w.BeginBlock(Cat062Codec.Category);
        Cat062Codec.Encode(SystemTracks.ToRecord(1, true, 12, new Vec3(1000, 0, 2000), default, Frame, new DataSource(1, 1)), ref w);
        Cat062Codec.Encode(SystemTracks.ToRecord(2, true, 12, new Vec3(3000, 0, 2000), default, Frame, new DataSource(7, 7)), ref w);
        w.EndBlock();
        var plots = new List<Plot>();
        Assert.Equal(12.0, decoder.Decode(w.Written, 0, plots, IPAddress.Parse("10.1.1.1")));

        Assert.Equal(3000, Assert.Single(plots).Value.X, 0.5);
        Assert.Equal(2, decoder.Counters.RejectedBySource);
    }
}
