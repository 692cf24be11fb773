using Canopy.Core.Defence;
using Canopy.Core.Geometry;
using Canopy.ThreatEvaluation;

namespace Canopy.Interop.Cot.Tests;

public class CotPictureEncoderTests
{
    private readonly CotPictureEncoder _encoder = new(Fixtures.Frame, Fixtures.Options);

    [Theory]
    [InlineData(ThreatClass.Ballistic, "a-h-A-W-M")]
    [InlineData(ThreatClass.Cruise, "a-h-A-W-M")]
    [InlineData(ThreatClass.Drone, "a-h-A-M-F-Q")]
    [InlineData(ThreatClass.Decoy, "a-h-A-M-F-Q")]
    public void ThreatEvent_ByClass_HasTheHostileTypeCode(ThreatClass c, string expected)
    {
        var e = _encoder.ThreatEvent(60, Fixtures.Threat(Fixtures.Track(7, Vec3.Zero, new Vec3(10, 0, 0)), c));
        Assert.Equal(expected, e.Type);
        Assert.Equal("m-f", e.How);
    }

    [Theory]
    [InlineData(AirIdentity.Civil, "a-n-A-C-F")]
    [InlineData(AirIdentity.Friendly, "a-f-A-M-F")]
    [InlineData(AirIdentity.Unknown, "a-u-A")]
    public void TrackEvent_ByIdentity_IsNeutralCivilFriendlyMilitaryOrUnknownAir(AirIdentity identity, string expected)
    {
        var track = Fixtures.Track(3, Vec3.Zero, new Vec3(200, 0, 0));
        Assert.Equal(expected, _encoder.TrackEvent(60, track, identity).Type);
    }

    [Fact]
    public void Encode_CivilFriendlyAndUnknownTracks_TypesEachByItsIdentity()
    {
        var events = new List<CotEvent>();
        _encoder.Encode(60, [Fixtures.Track(1, Vec3.Zero, Vec3.Zero), Fixtures.Track(2, Vec3.Zero, Vec3.Zero), Fixtures.Track(3, Vec3.Zero, Vec3.Zero)], [], [],
            new Dictionary<int, AirIdentity> { [1] = AirIdentity.Civil, [2] = AirIdentity.Friendly }, events);

        Assert.Equal(["a-n-A-C-F", "a-f-A-M-F", "a-u-A"], events.Select(e => e.Type));
        Assert.Equal(["canopy.track.1", "canopy.track.2", "canopy.track.3"], events.Select(e => e.Uid));
    }

    [Fact]
    public void ThreatEvent_AtTheOrigin_HasOriginPointErrorsTimesAndUid()
    {
        var e = _encoder.ThreatEvent(60, Fixtures.Threat(Fixtures.Track(7, Vec3.Zero, new Vec3(10, 0, 0)), ThreatClass.Drone));
        Assert.Equal("canopy.track.7", e.Uid);
        Assert.Equal(50.45, e.LatitudeDeg, 9);
        Assert.Equal(30.52, e.LongitudeDeg, 9);
        Assert.Equal(150, e.HaeM, 6);
        Assert.Equal(Math.Sqrt((100 + 36) / 2.0), e.CeM, 9); // circular 1-sigma: sqrt((σe² + σn²) / 2)
        Assert.Equal(5, e.LeM, 9);
        Assert.Equal(new DateTime(2026, 1, 1, 0, 1, 0, DateTimeKind.Utc), e.Time);
        Assert.Equal(e.Time, e.Start);
        Assert.Equal(e.Time.AddSeconds(15), e.Stale);
        Assert.Equal(90, e.Detail.Track!.Value.CourseDeg, 9);
        Assert.Equal(10, e.Detail.Track!.Value.SpeedMps, 9);
    }

    [Fact]
    public void TrackEvent_ThreeKilometresNorth_IsAboutTwentySevenThousandthsOfADegreeNorth()
    {
        // 3 km north at 50.45°: the meridian radius of curvature M = a(1-e²)/(1-e²sin²φ)^1.5 = 6 374 896 m gives 0.026963°.
        var e = _encoder.TrackEvent(0, Fixtures.Track(1, new Vec3(0, 3000, 0), Vec3.Zero), AirIdentity.Unknown);
        Assert.Equal(50.45 + 0.026963, e.LatitudeDeg, 4);
        Assert.Equal(30.52, e.LongitudeDeg, 6);
    }

    [Theory]
    [InlineData(0, 10, 0)]
    [InlineData(10, 0, 90)]
    [InlineData(0, -10, 180)]
    [InlineData(-10, -10, 225)]
    public void Course_OfAnEnuVelocity_IsClockwiseFromNorth(double east, double north, double course)
    {
        Assert.Equal(course, CotPictureEncoder.Course(new Vec3(east, north, 3)).CourseDeg, 9);
    }

    [Fact]
    public void Encode_OneThreatOneTrackOneAssignment_GivesTwoTrackEventsAndACueAtTheInterceptPoint()
    {
        var threatTrack = Fixtures.Track(7, Vec3.Zero, new Vec3(10, 0, 0));
        var tentative = Fixtures.Track(9, Vec3.Zero, Vec3.Zero) with { Status = Tracking.TrackStatus.Tentative };
        var events = new List<CotEvent>();
        _encoder.Encode(60, [threatTrack, Fixtures.Track(8, Vec3.Zero, Vec3.Zero), tentative], [Fixtures.Threat(threatTrack, ThreatClass.Drone)],
            [Fixtures.Assignment("MFG-1", 7)], new Dictionary<int, AirIdentity> { [8] = AirIdentity.Civil }, events);

        Assert.Equal(["a-h-A-M-F-Q", "a-n-A-C-F", CotTypes.EngagementCue], events.Select(e => e.Type));
        var cue = events[2];
        var at = Fixtures.Frame.ToGeodetic(new Vec3(1500, 1500, 500));
        Assert.Equal(at.LatitudeDeg, cue.LatitudeDeg, 9);
        Assert.Equal(at.LongitudeDeg, cue.LongitudeDeg, 9);
        Assert.Equal("canopy.cue.MFG-1.7", cue.Uid);
        Assert.Equal("canopy.track.7", cue.Detail.LinkUid);
        Assert.Contains("expected at 00:01:30Z", cue.Detail.Remarks, StringComparison.Ordinal);
        Assert.Equal(Fixtures.Epoch.AddSeconds(90 + 60), cue.Stale);
    }

    [Fact]
    public void StaleAfterRevisits_ThreeRevisitsOfFiveSeconds_IsFifteenSeconds()
    {
        Assert.Equal(15, CotOptions.StaleAfterRevisits(5), 12);
    }
}
