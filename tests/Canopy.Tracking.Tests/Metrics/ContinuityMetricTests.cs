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
    public void TryPlotCovariance_IsThePolarNoiseTurnedIntoEastNorthUp()
    {
        // 100 km due north, 1990 m above the 10 m antenna: across the line of sight r·cos(el)·σa = 100 km · 0.05° = 87.27 m;
        // northward σr²·cos²(el) + (r·sin(el)·σe)², el = atan(1990/100 km), the range noise and a little elevation noise.
        var r = new double[9];
        Assert.True(Coverage.TryPlotCovariance(new Vec3(0, 100_000, 2_000), r));
        var across = 100_000 * 0.05 * Math.PI / 180;
        Assert.Equal(across * across, r[0], 1e-6);
        var el = Math.Atan2(1_990, 100_000);
        var sigma = 0.05 * Math.PI / 180;
        Assert.Equal(100 * Math.Cos(el) * Math.Cos(el) + Math.Pow(Math.Sqrt(1e10 + 1_990 * 1_990) * Math.Sin(el) * sigma, 2), r[4], 1e-3);
        Assert.False(Coverage.TryPlotCovariance(new Vec3(0, 160_000, 20_000), r));
    }

    [Fact]
    public void Add_PlotGate_HoldsATrackAsCloseAsOnePlotAcrossButNotAlongTheLineOfSight()
    {
        // Association distance 100 m. 200 m east of the truth (across, σ 87 m) is d² = 5.3, within the 99 % gate of
        // 11.345; 200 m north (along, σ 10 m) is d² ≈ 400, outside.
        var truth = new TargetState(1, new Vec3(0, 100_000, 2_000), Vec3.Zero);
        var across = new TargetState(7, new Vec3(200, 100_000, 2_000), Vec3.Zero);
        var along = across with { Position = new Vec3(0, 100_200, 2_000) };
        var distanceOnly = new ContinuityMetric(100, Coverage);
        var gated = new ContinuityMetric(100, Coverage, plotGate: 11.345);
        foreach (var metric in new[] { distanceOnly, gated })
        {
            metric.Add([truth], [across], 1);
            metric.Add([truth], [along], 1);
        }
        Assert.Equal(0, distanceOnly.Result().Continuity);
        Assert.Equal(0.5, gated.Result().Continuity, 12);
        Assert.Equal(1, gated.Result().Breaks);
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
