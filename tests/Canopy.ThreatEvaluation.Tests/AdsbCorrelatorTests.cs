using Canopy.Core.Geometry;
using Canopy.ThreatEvaluation;
using Canopy.Tracking;

namespace Canopy.ThreatEvaluation.Tests;

public class AdsbCorrelatorTests
{
    private static Track At(int id, double time, Vec3 position, Vec3 velocity) =>
        new(id, TrackStatus.Confirmed, time, position, velocity, new double[36], 0, time, 5);

    [Theory]
    [InlineData(999, 0, 299, true)] // just inside 1 km horizontally and 300 m vertically
    [InlineData(600, 800, 0, true)] // 1000 m exactly, on the gate
    [InlineData(1001, 0, 0, false)]
    [InlineData(0, 0, 301, false)]
    public void IsCivil_ReportOffsetFromTrack_MatchesOnlyWithinTheGate(double east, double north, double up, bool civil)
    {
        var correlator = new AdsbCorrelator();
        correlator.Report(new AdsbReport(0xABCDEF, 100, new Vec3(5000 + east, 2000 + north, 9000 + up)));

        Assert.Equal(civil, correlator.IsCivil(At(1, 100, new Vec3(5000, 2000, 9000), default), 100));
    }

    [Fact]
    public void IsCivil_ReportFourSecondsOld_ComparesWithTheTrackCarriedBackToIt()
    {
        var correlator = new AdsbCorrelator();
        // 4 s before the track's time the airliner (250 m/s east) was 1000 m further west: that is where the report puts it.
        correlator.Report(new AdsbReport(1, 96, new Vec3(4000, 0, 10_000)));

        Assert.True(correlator.IsCivil(At(7, 100, new Vec3(5000, 0, 10_000), new Vec3(250, 0, 0)), 100));
        Assert.False(correlator.IsCivil(At(8, 100, new Vec3(5000, 0, 10_000), new Vec3(-250, 0, 0)), 100)); // 2 km off
    }

    [Fact]
    public void IsCivil_StaleReport_DoesNotMatchButACivilTrackStaysCivil()
    {
        var correlator = new AdsbCorrelator();
        correlator.Report(new AdsbReport(1, 0, new Vec3(0, 0, 5000)));
        var track = At(3, 0, new Vec3(0, 0, 5000), default);

        Assert.False(correlator.IsCivil(At(4, 11, new Vec3(0, 0, 5000), default), 11)); // 11 s old
        Assert.True(correlator.IsCivil(track, 0));
        Assert.True(correlator.IsCivil(track with { Time = 60, Position = new Vec3(50_000, 0, 5000) }, 60));
    }
}
