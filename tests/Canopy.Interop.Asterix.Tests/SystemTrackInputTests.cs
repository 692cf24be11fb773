using System.Net;
using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.Core.Sensing;
using Canopy.Interop.Asterix.Categories;
using Canopy.Interop.Asterix.Coding;
using Canopy.Interop.Asterix.Feeds;
using Canopy.Tracking;

namespace Canopy.Interop.Asterix.Tests;

public class SystemTrackInputTests
{
    private static readonly LocalFrame Ours = new(Geodetic.FromDegrees(50, 30, 0));
    private static readonly LocalFrame Theirs = new(Geodetic.FromDegrees(50.8, 31.2, 0)); // the partner's system reference point

    [Fact]
    public void SensorOf_SacSic_IsAboveEveryRadarId() =>
        Assert.Equal(new SensorId(65536 + 2 * 256 + 7), SystemTrackPlots.SensorOf(new DataSource(2, 7)));

    [Fact]
    public void Position_FlightLevelOnly_UsesI136AsHeight()
    {
        var record = new Cat062Record
        {
            Items = Cat062Items.I105 | Cat062Items.I136,
            Latitude = (int)Math.Round(50.0 / (180.0 / (1 << 25))),
            Longitude = (int)Math.Round(30.0 / (180.0 / (1 << 25))),
            MeasuredFlightLevel = 350 * 4,
        };

        var enu = SystemTrackPlots.Position(record, Ours);

        Assert.NotNull(enu);
        Assert.Equal(35_000 * 0.3048, enu.Value.Z, 0.01); // FL350 straight above the frame's origin
        Assert.Equal(0, enu.Value.X, 0.2); // half a 180/2^25 deg longitude step at 50 deg N is 0.19 m
        Assert.Null(SystemTrackPlots.Position(record with { Items = Cat062Items.I105 }, Ours));
    }

    [Fact]
    public void Listener_PartnerTracksOverLoopback_BecomeConfirmedTracksAtTheirPositions()
    {
        using var listener = new AsterixUdpListener(new IPEndPoint(IPAddress.Loopback, 0), new AsterixPlotDecoder([], 8 * 3600, Ours));
        using var sender = new SystemTrackSender(listener.LocalEndPoint);
        var tracker = new KalmanTracker(new DefenceLayout(Ours, [], [], [], new DefencePolicy()));
        // Two aircraft, given in our frame; the partner sends them in theirs (I105 WGS-84, I130 geometric altitude).
        Vec3[] start = [new(20_000, 30_000, 9_000), new(-40_000, 10_000, 3_000)];
        Vec3[] velocity = [new(-200, 0, 0), new(0, 150, 0)];
        var plots = new List<Plot>();
        IReadOnlyList<Track> tracks = [];
        for (var k = 0; k < 8; k++)
        {
            var t = 4.0 * k;
            Cat062Record[] records = [.. Enumerable.Range(0, 2).Select(i =>
                SystemTracks.ToRecord(i + 1, true, 8 * 3600 + t, Theirs.ToEnu(Ours.ToGeodetic(start[i] + velocity[i] * t)), velocity[i], Theirs,
                    new DataSource(9, 4)))];
            sender.Send(records);

            Assert.True(listener.Receive(TimeSpan.FromSeconds(5), plots, out var step));
            Assert.Equal(t, step);
            tracks = tracker.Update(step!.Value, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(plots));
            Assert.All(plots, p => Assert.Equal(new SensorId(65536 + 9 * 256 + 4), p.Sensor));
            plots.Clear();
        }

        Assert.Equal(16, listener.Decoder.SystemTracks);
        Assert.Equal(2, tracks.Count(t => t.Status == TrackStatus.Confirmed));
        for (var i = 0; i < 2; i++)
        {
            var expected = start[i] + velocity[i] * 28;
            var nearest = tracks.MinBy(t => (t.Position - expected).Length)!;
            // I105 carries 180/2^25 deg (0.6 m), I130 6.25 ft (1.9 m); the filter's smoothing keeps well within 30 m.
            Assert.True((nearest.Position - expected).Length < 30, $"track at {nearest.Position}, expected {expected}");
        }
    }
}

public class AdsbInputTests
{
    private static readonly LocalFrame Frame = new(Geodetic.FromDegrees(50, 30, 0));

    private static Cat021Record Airliner(Cat021Items items) => new()
    {
        Items = items,
        Source = new DataSource(5, 1),
        TargetAddress = 0x4CA123,
        TimeOfPosition = (8 * 3600 + 10) * 128,
        TimeOfReception = (8 * 3600 + 11) * 128,
        LatitudeHighRes = (int)Math.Round(50.0 / (180.0 / (1 << 30))),
        LongitudeHighRes = (int)Math.Round(30.0 / (180.0 / (1 << 30))),
        Latitude = (int)Math.Round(50.0 / (180.0 / (1 << 23))),
        Longitude = (int)Math.Round(30.01 / (180.0 / (1 << 23))),
        GeometricHeight = 36_000 * 4 / 25, // 36,000 ft in 6.25 ft
        FlightLevel = 350 * 4,
    };

    [Fact]
    public void Report_HighResolutionPositionAndGeometricHeight_AreOverTheFrameOrigin()
    {
        var report = AdsbPositions.Report(Airliner(Cat021Items.I080 | Cat021Items.I071 | Cat021Items.I131 | Cat021Items.I130 | Cat021Items.I140),
            Frame, new TimeOfDayClock(8 * 3600));

        Assert.NotNull(report);
        Assert.Equal(0x4CA123, report.Value.Address);
        Assert.Equal(10, report.Value.Time);
        Assert.Equal(36_000 * 0.3048, report.Value.Position.Z, 0.01);
        Assert.Equal(0, report.Value.Position.X, 0.01); // I131 (180/2^30 deg) wins over I130, which is 0.01 deg (717 m) east
    }

    [Fact]
    public void Report_LowResolutionAndFlightLevel_UsesI130I145AndI073()
    {
        var report = AdsbPositions.Report(Airliner(Cat021Items.I080 | Cat021Items.I073 | Cat021Items.I130 | Cat021Items.I145), Frame, new TimeOfDayClock(8 * 3600));

        Assert.NotNull(report);
        Assert.Equal(11, report.Value.Time);
        Assert.Equal(35_000 * 0.3048, report.Value.Position.Z, 1.0);
        // 0.01 deg of longitude at 50 deg N: 111.32 km cos 50 deg / 100 = 715.6 m (to within the 180/2^23 deg step, 1.5 m).
        Assert.Equal(715.6, report.Value.Position.X, 2.0);
        Assert.Null(AdsbPositions.Report(Airliner(Cat021Items.I080 | Cat021Items.I073 | Cat021Items.I130), Frame, new TimeOfDayClock(0)));
    }

    [Fact]
    public void Decode_Cat021Datagram_MakesTheMatchingTrackCivil()
    {
        var civil = new Canopy.ThreatEvaluation.AdsbCorrelator();
        var decoder = new AsterixPlotDecoder([], 8 * 3600, Frame, civil);
        var buffer = new byte[256];
        var w = new AsterixWriter(buffer);
        w.BeginBlock(Cat021Codec.Category);
        Cat021Codec.Encode(Airliner(Cat021Items.I010 | Cat021Items.I080 | Cat021Items.I071 | Cat021Items.I131 | Cat021Items.I140), ref w);
        w.EndBlock();
        var plots = new List<Plot>();

        Assert.Null(decoder.Decode(w.Written, 0, plots));

        Assert.Equal(1, decoder.AdsbReports);
        Assert.Empty(plots);
        var airliner = new Track(1, TrackStatus.Confirmed, 10, new Vec3(300, -200, 36_000 * 0.3048 + 100), new Vec3(230, 0, 0), new double[36], 0, 10, 9);
        Assert.True(civil.IsCivil(airliner, 10));
        Assert.False(civil.IsCivil(airliner with { Id = 2, Position = new Vec3(3000, 0, 11_000) }, 10));
    }
}

public class TentativeSystemTrackTests
{
    [Fact]
    public void Decode_TentativeTrack_GivesNoPlot()
    {
        var frame = new LocalFrame(Geodetic.FromDegrees(50, 30, 0));
        var decoder = new AsterixPlotDecoder([], 0, frame);
        var buffer = new byte[256];
        var w = new AsterixWriter(buffer);
        w.BeginBlock(Cat062Codec.Category);
        Cat062Codec.Encode(SystemTracks.ToRecord(1, confirmed: false, 5, new Vec3(1000, 0, 2000), default, frame, new DataSource(1, 1)), ref w);
        Cat062Codec.Encode(SystemTracks.ToRecord(2, confirmed: true, 5, new Vec3(3000, 0, 2000), default, frame, new DataSource(1, 1)), ref w);
        w.EndBlock();
        var plots = new List<Plot>();

        Assert.Equal(5, decoder.Decode(w.Written, 0, plots));

        var plot = Assert.Single(plots);
        Assert.Equal(3000, plot.Value.X, 0.5);
    }
}
