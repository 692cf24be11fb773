using Canopy.Core.Defence;
using Canopy.Core.Geometry;
using Canopy.Tracking;

namespace Canopy.ThreatEvaluation.Tests;

public class IffCorrelatorTests
{
    private static Track At(int id, double time, Vec3 position, Vec3 velocity, double positionVariance = 0)
    {
        var covariance = new double[36];
        for (var i = 0; i < 3; i++) covariance[i * 7] = positionVariance;
        return new Track(id, TrackStatus.Confirmed, time, position, velocity, covariance, 0, time, 5);
    }

    private static readonly Vec3 Fighter = new(20_000, 5000, 8000);

    [Theory]
    [InlineData(0x941, false, AirIdentity.Friendly)] // 4501 octal is on the friendly list
    [InlineData(0x4E1, true, AirIdentity.Friendly)] // an unlisted code, but a valid Mode 5 reply
    [InlineData(0x4E1, false, AirIdentity.Unknown)] // an unlisted code and no Mode 5: proves nothing
    [InlineData(-1, false, AirIdentity.Unknown)]
    public void Identify_ReplyOnTheTrack_IsFriendlyOnlyForMode5OrAFriendlyCode(int code, bool mode5, AirIdentity expected)
    {
        var iff = new IffCorrelator([0x941]);
        iff.Report(new IffReply(100, Fighter + new Vec3(500, -500, 100), code, mode5));
        Assert.Equal(expected, iff.Identify(At(1, 100, Fighter, default), 100));
    }

    [Theory]
    [InlineData(1999, 0, 299, AirIdentity.Friendly)] // inside 2 km horizontally and 300 m vertically
    [InlineData(2001, 0, 0, AirIdentity.Unknown)]
    [InlineData(0, 0, 301, AirIdentity.Unknown)]
    public void Identify_ReplyOffsetFromTrack_MatchesOnlyWithinTheGate(double east, double north, double up, AirIdentity expected)
    {
        var iff = new IffCorrelator([]);
        iff.Report(new IffReply(100, Fighter + new Vec3(east, north, up), -1, true));
        Assert.Equal(expected, iff.Identify(At(1, 100, Fighter, default), 100));
    }

    [Fact]
    public void Identify_UncertainTrackHeight_WidensTheVerticalGateToThreeSigma()
    {
        var iff = new IffCorrelator([]);
        iff.Report(new IffReply(100, Fighter + new Vec3(0, 0, 1400), -1, true));
        // Height known to 500 m (1 sigma): the gate is 1500 m, so a Mode C altitude 1400 m above the track matches.
        Assert.Equal(AirIdentity.Friendly, iff.Identify(At(1, 100, Fighter, default, positionVariance: 500 * 500), 100));
        Assert.Equal(AirIdentity.Unknown, iff.Identify(At(2, 100, Fighter, default, positionVariance: 100 * 100), 100));
    }

    [Fact]
    public void Identify_ReplyAfterTheTrackTime_WidensTheGateByTheVelocityErrorCarried()
    {
        var iff = new IffCorrelator([]);
        iff.Report(new IffReply(110, Fighter + new Vec3(0, 0, 1400), -1, true));
        var covariance = new double[36];
        covariance[5 * 7] = 50 * 50; // climb rate known to 50 m/s: 10 s later the height is known to 500 m
        var track = new Track(1, TrackStatus.Confirmed, 100, Fighter, default, covariance, 0, 100, 5);
        Assert.Equal(AirIdentity.Friendly, iff.Identify(track, 110));
        Assert.Equal(AirIdentity.Unknown, iff.Identify(track with { Id = 2, Time = 109, LastUpdateTime = 109 }, 110));
    }

    [Fact]
    public void Identify_CoarseReplyBearing_WidensTheHorizontalGateByTheReplysError()
    {
        // 0.2 deg of bearing at 290 km is about 1 km: the gate grows to 3 km, so a reply 2.5 km off the track matches.
        var iff = new IffCorrelator([]);
        iff.Report(new IffReply(100, Fighter + new Vec3(0, 2500, 0), -1, true, HorizontalSigma: 1000));
        iff.Report(new IffReply(100, -Fighter with { Z = 8000 } + new Vec3(0, 2500, 0), -1, true, HorizontalSigma: 100));
        Assert.Equal(AirIdentity.Friendly, iff.Identify(At(1, 100, Fighter, default), 100));
        Assert.Equal(AirIdentity.Unknown, iff.Identify(At(2, 100, -Fighter with { Z = 8000 }, default), 100));
    }

    [Fact]
    public void Identify_StaleReply_DoesNotMatchButAFriendlyTrackStaysFriendly()
    {
        var iff = new IffCorrelator([]);
        iff.Report(new IffReply(0, Fighter, -1, true));
        var track = At(3, 0, Fighter, new Vec3(250, 0, 0));
        Assert.Equal(AirIdentity.Friendly, iff.Identify(track, 0));
        Assert.Equal(AirIdentity.Unknown, iff.Identify(At(4, 16, Fighter, default), 16)); // 16 s old
        Assert.Equal(AirIdentity.Friendly, iff.Identify(track with { Time = 60, Position = Fighter + new Vec3(15_000, 0, 0) }, 60));
        Assert.Equal(1, iff.FriendlyTracks);
    }

    [Fact]
    public void Identify_CivilAndFriendlyReports_CivilWinsAndUnreportedStaysUnknown()
    {
        var identity = CooperativeIdentityCorrelator.For(new DefencePolicy { FriendlySquawks = [0x941] });
        identity.Adsb.Report(new AdsbReport(0x500000, 100, Fighter));
        identity.Iff.Report(new IffReply(100, Fighter, 0x941, false));
        identity.Iff.Report(new IffReply(100, -Fighter with { Z = 8000 }, 0x941, false));
        Assert.Equal(AirIdentity.Civil, identity.Identify(At(1, 100, Fighter, default), 100));
        Assert.Equal(AirIdentity.Friendly, identity.Identify(At(2, 100, -Fighter with { Z = 8000 }, default), 100));
        Assert.Equal(AirIdentity.Unknown, identity.Identify(At(3, 100, new Vec3(0, 0, 8000), default), 100));
    }
}
