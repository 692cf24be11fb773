using Canopy.Core.Geodesy;
using Canopy.Core.Sensing;
using Canopy.Interop.Asterix.Categories;
using Canopy.Interop.Asterix.Coding;
using Canopy.Interop.Asterix.Feeds;
using Canopy.ThreatEvaluation;

namespace Canopy.Interop.Asterix.Tests;

public class IdentityFeedTests
{
    private static readonly LocalFrame Frame = new(Geodetic.FromDegrees(50.45, 30.52, 0));
    private static readonly RadarSite Site = new(new SensorId(1), new DataSource(0, 1), Geodetic.FromDegrees(50.78, 30.55, 185));
    private static readonly DataSource Station = new(0, 255);

    [Fact]
    public void AdsbToRecord_AirlinerAt11Km_RoundTripsThroughTheCat021Codec()
    {
        var where = Geodetic.FromDegrees(50.5, 30.6, 11_000);
        var report = new AdsbReport(0x4CA123, 12, Frame.ToEnu(where));

        var sent = AdsbPositions.ToRecord(report, Frame, Station, 75_612.5);
        var back = RoundTrip(sent, static (in Cat021Record r, ref AsterixWriter w) => Cat021Codec.Encode(r, ref w), static (ref AsterixReader r) =>
        {
            Cat021Codec.Decode(ref r, out var rec);
            return rec;
        });

        Assert.Equal(sent, back);
        Assert.Equal(Station, back.Source);
        Assert.Equal(0x4CA123, back.TargetAddress);
        Assert.Equal(75_612.5 * 128, back.TimeOfPosition);
        Assert.Equal(5774, back.GeometricHeight); // 11,000 m / 6.25 ft = 5774.3
        Assert.Equal(1444, back.FlightLevel); // FL 360.9 in quarters
        Assert.Equal(50.5, back.LatitudeHighResDegrees, 1e-7);
        Assert.Equal(30.6, back.LongitudeHighResDegrees, 1e-7);
        Assert.Equal(0, back.Descriptor.Octet(0)); // ATP 0: 24-bit ICAO address
        var heard = AdsbPositions.Report(back, Frame, new TimeOfDayClock(75_600.5))!.Value;
        Assert.Equal(0x4CA123, heard.Address);
        Assert.Equal(12, heard.Time, 1e-9);
        Assert.True((heard.Position - report.Position).Length < 1, $"{heard.Position} against {report.Position}");
    }

    [Fact]
    public void AdsbToRecordV023_AirlinerAt11Km_RoundTripsThroughTheEdition023Codec()
    {
        var report = new AdsbReport(0x4CA123, 12, Frame.ToEnu(Geodetic.FromDegrees(50.5, 30.6, 11_000)));

        var sent = AdsbPositions.ToRecordV023(report, Frame, Station, 75_612.5);
        var back = RoundTrip(sent, static (in Cat021V023Record r, ref AsterixWriter w) => Cat021V023Codec.Encode(r, ref w), static (ref AsterixReader r) =>
        {
            Cat021V023Codec.Decode(ref r, out var rec);
            return rec;
        });

        Assert.Equal(sent, back);
        Assert.Equal(5774, back.GeometricAltitude);
        var heard = AdsbPositions.Report(back, Frame, new TimeOfDayClock(75_600.5))!.Value;
        // I130 is 180/2^23 deg (2.4 m north-south): the position comes back within a few metres.
        Assert.True((heard.Position - report.Position).Length < 5, $"{heard.Position} against {report.Position}");
    }

    [Fact]
    public void SsrTryEncode_ReplyTenNauticalMilesEastOfTheRadar_IsAnSsrReportWithCodeAndFlightLevel()
    {
        var ssr = new SsrReplies([Site], Frame);
        var radar = new LocalFrame(Site.Antenna);
        var at = radar.ToGeodetic(LocalFrame.FromPolar(10 * 1852, Math.PI / 2, 0));
        var fighter = Geodetic.FromDegrees(at.LatitudeDeg, at.LongitudeDeg, 8000);
        var reply = new IffReply(30, Frame.ToEnu(fighter), Convert.ToInt32("4501", 8), Mode5Valid: true, 120);

        Assert.True(ssr.TryEncode(reply, Site, 75_630, out var sent));
        var back = RoundTrip(sent, static (in Cat048Record r, ref AsterixWriter w) => Cat048Codec.Encode(r, ref w), static (ref AsterixReader r) =>
        {
            Cat048Codec.Decode(ref r, out var rec);
            return rec;
        });

        Assert.Equal(sent, back);
        Assert.Equal(2, back.DetectionType); // single SSR detection
        Assert.Equal(0x941, back.Mode3ACode); // 4501 octal
        Assert.InRange(back.Theta, 16383, 16385); // due east
        // Slant range: 10 NM out and 7,815 m up (8,000 m less the antenna's 185 m): sqrt(18,520^2 + 7,815^2) = 20,101 m = 2,779/256 NM.
        Assert.InRange(back.Rho, 2778, 2781);
        Assert.Equal(262.5, back.FlightLevel, 0.25); // 8,000 m = FL 262.47
        Assert.True(SsrReplies.IsReply(back));
        var heard = ssr.Decode(back, Site, 30)!.Value;
        Assert.Equal(reply.Mode3A, heard.Mode3A);
        Assert.False(heard.Mode5Valid); // CAT048 carries no Mode 5 in Canopy's codec
        Assert.True((heard.Position - reply.Position).Length < 15, $"{heard.Position} against {reply.Position}");
    }

    [Fact]
    public void SsrTryEncode_Mode5OnlyReply_IsNotSent()
    {
        var reply = new IffReply(30, new Core.Geometry.Vec3(1000, 2000, 8000), -1, Mode5Valid: true);
        Assert.False(new SsrReplies([Site], Frame).TryEncode(reply, Site, 0, out _));
    }

    [Fact]
    public void Decode_SsrReplyAndPsrPlot_ReplyGoesToTheIffCorrelatorAndOnlyThePlotToTheTracker()
    {
        var reply = new IffReply(5, Frame.ToEnu(Geodetic.FromDegrees(50.9, 30.6, 8000)), 0x941, false);
        Assert.True(new SsrReplies([Site], Frame).TryEncode(reply, Site, 75_605, out var ssr));
        Assert.True(RadarPlots.TryEncode(Plot.Polar(Site.Id, 5, 20_000, 1, 0.1), Site, 75_605, out var psr));
        var buffer = new byte[256];
        var w = new AsterixWriter(buffer);
        w.BeginBlock(Cat048Codec.Category);
        Cat048Codec.Encode(ssr, ref w);
        Cat048Codec.Encode(psr, ref w);
        w.EndBlock();
        var datagram = w.Written.ToArray();
        var iff = new IffCorrelator([0x941]);
        var decoder = new AsterixPlotDecoder([Site], 75_600, Frame, iff: iff);
        var plots = new List<Plot>();

        decoder.Decode(datagram, 0, plots);

        Assert.Single(plots);
        Assert.Equal(1, decoder.IffReplies);
        Assert.Equal(0, decoder.BadDatagrams);
    }

    private delegate void Encoder<T>(in T record, ref AsterixWriter w);

    private delegate T Decoder<T>(ref AsterixReader r);

    private static T RoundTrip<T>(T record, Encoder<T> encode, Decoder<T> decode)
    {
        var buffer = new byte[128];
        var w = new AsterixWriter(buffer);
        encode(record, ref w);
        var reader = new AsterixReader(buffer.AsSpan(0, w.Position));
        var back = decode(ref reader);
        Assert.True(reader.End);
        return back;
    }
}
