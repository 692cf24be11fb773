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
