using Canopy.Core.Geometry;
using Canopy.Tracking.Metrics;

namespace Canopy.Tracking.Tests.Metrics;

public class SiapMetricTests
{
    private static TargetState At(int id, double x, double y = 0, double z = 0) => new(id, new Vec3(x, y, z), Vec3.Zero);

    [Fact]
    public void Result_TwoHandMadeScans_GivesHandComputedMeasures()
    {
        var siap = new SiapMetric(100);
        // Scan 1: tracks 10 (10 m) and 11 (20 m) on truth 1, track 12 far from everything; truth 2 untracked.
        siap.Add([At(1, 0), At(2, 1000)], [At(10, 10), At(11, 0, 20), At(12, 5000)], 1);
        // Scan 2: a new track 13 on truth 1 (0 m), track 14 on truth 2 (40 m).
        siap.Add([At(1, 0), At(2, 1000)], [At(13, 0), At(14, 1000, 0, 40)], 1);
        var r = siap.Result();
        Assert.Equal(3.0 / 4, r.Completeness, 12);       // JT 1 + 2 over J 2 + 2
        Assert.Equal(4.0 / 3, r.Ambiguity, 12);          // NA 2 + 2 over JT 3
        Assert.Equal(1.0 / 5, r.Spuriousness, 12);       // N - NA = 1 over N = 5
        Assert.Equal(70.0 / 4, r.PositionalAccuracy, 12); // (10 + 20 + 0 + 40) / 4
        Assert.Equal(0, r.VelocityAccuracy);
        Assert.Equal(2, r.TrackNumberChanges);           // truth 1 held by 10, 11, 13
        Assert.Equal(2.0 / 3, r.TrackNumberChangeRate, 12); // tracked 2 s + 1 s
        Assert.Equal(2.0 / 4, r.LongestTrackSegment, 12);   // 1 s + 1 s over lifetimes 2 s + 2 s
    }

    [Fact]
    public void Result_OneTrackHoldingTheTruthThroughout_IsPerfect()
    {
        var siap = new SiapMetric(100);
        for (var k = 0; k < 4; k++) siap.Add([At(1, k * 10)], [new TargetState(7, new Vec3(k * 10, 3, 0), new Vec3(0, 2, 0))], 1);
        var r = siap.Result();
        Assert.Equal(1, r.Completeness);
        Assert.Equal(1, r.Ambiguity);
        Assert.Equal(0, r.Spuriousness);
        Assert.Equal(3, r.PositionalAccuracy, 12);
        Assert.Equal(2, r.VelocityAccuracy, 12);
        Assert.Equal(0, r.TrackNumberChanges);
        Assert.Equal(1, r.LongestTrackSegment, 12);
    }

    [Fact]
    public void Result_TrackWithAGap_CountsOnlyItsLongestRun()
    {
        var siap = new SiapMetric(100);
        siap.Add([At(1, 0)], [At(7, 0)], 1);
        siap.Add([At(1, 0)], [], 1);
        siap.Add([At(1, 0)], [At(7, 0)], 1);
        siap.Add([At(1, 0)], [At(7, 0)], 1);
        var r = siap.Result();
        Assert.Equal(0.75, r.Completeness, 12);
        Assert.Equal(0.5, r.LongestTrackSegment, 12);
        Assert.Equal(0, r.TrackNumberChanges);
    }
}
