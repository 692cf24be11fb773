using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.Tracking.Metrics;

namespace Canopy.Tracking.Tests.Metrics;

public class ContinuityMetricTests
{
    // A radar 10 m up at the frame's origin with 150 km range.
    private static readonly RadarCoverage Coverage = new(TestWorld.Frame, [TestWorld.Radar(1, TestWorld.Frame.Origin)]);

    [Fact]
    public void Covers_RangeAndRadarHorizon()
    {
        // Horizon for 10 m antenna and 100 m target: 4120 (sqrt 10 + sqrt 100) = 54.2 km; at 1000 m: 143.3 km.
        // A height h at horizontal distance d sits at ENU z = h - d^2 / 2R (R = 6371 km): 196 m lower at 50 km.
        Assert.True(Coverage.Covers(new Vec3(50_000, 0, 100 - 196)));
        Assert.False(Coverage.Covers(new Vec3(60_000, 0, 100 - 283)));
        Assert.True(Coverage.Covers(new Vec3(0, 140_000, 1_000 - 1_538)));
        Assert.False(Coverage.Covers(new Vec3(0, 160_000, 20_000)));    // above every horizon, beyond max range
    }

    [Fact]
    public void Add_CountsHeldTimeAcquisitionAndBreaks()
    {
        var metric = new ContinuityMetric(100, Coverage);
        var near = new TargetState(1, new Vec3(10_000, 0, 1_000), Vec3.Zero);
        var track = new TargetState(7, new Vec3(10_050, 0, 1_000), Vec3.Zero);
        var far = track with { Position = new Vec3(10_500, 0, 1_000) };
        // Scans of 1 s: no track (acquisition), held, held, far (break), held.
        metric.Add([near], [], 1);
        metric.Add([near], [track], 1);
        metric.Add([near], [track], 1);
        metric.Add([near], [far], 1);
        metric.Add([near], [track], 1);
        var r = metric.Result();
        Assert.Equal(5, r.CoveredTime);
        Assert.Equal(1, r.AcquisitionTime);
        Assert.Equal(3.0 / 5, r.Continuity, 12);
        Assert.Equal(3.0 / 4, r.ContinuityAfterAcquisition, 12);
        Assert.Equal(1, r.Breaks);
        Assert.Equal(1, r.AcquiredTruths);
        Assert.Equal(1, r.CoveredTruths);
    }

    [Fact]
    public void Add_TruthOutsideCoverageIsNotCounted()
    {
        var metric = new ContinuityMetric(100, Coverage);
        metric.Add([new TargetState(3, new Vec3(200_000, 0, 5_000), Vec3.Zero)], [], 1);
        Assert.Equal(0, metric.Result().CoveredTime);
        Assert.Equal(0, metric.Result().CoveredTruths);
    }
}
