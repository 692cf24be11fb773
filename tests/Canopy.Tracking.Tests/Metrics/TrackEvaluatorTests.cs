using Canopy.Core.Geometry;
using Canopy.Tracking.Metrics;

namespace Canopy.Tracking.Tests.Metrics;

public class TrackEvaluatorTests
{
    private static readonly Vec3 East10 = new(10, 0, 0);

    // One target at 10 m/s east, truth at 0, 1 and 2 s; tracks reported at 0 s (5 m off) and at 2 s (exact).
    private static readonly TimedState[] Truth =
        [new(0, new(1, Vec3.Zero, East10)), new(1, new(1, new(10, 0, 0), East10)), new(2, new(1, new(20, 0, 0), East10))];

    private static readonly TimedState[] Tracks =
        [new(0, new(5, new(3, 4, 0), East10)), new(2, new(5, new(20, 0, 0), East10))];

    [Fact]
    public void Evaluate_TrackReportBetweenScans_IsMovedOnAtItsVelocity()
    {
        // At 1 s the 0 s report is moved to (13, 4, 0), 5 m off again: GOSPA 5, 5, 0 with c = 10, p = 2.
        var r = TrackEvaluator.Evaluate(Truth, Tracks, new TrackEvaluationOptions { Cutoff = 10, Order = 2, AssociationDistance = 10 });
        Assert.Equal(3, r.Scans);
        Assert.Equal(10.0 / 3, r.MeanGospa, 12);
        Assert.Equal(50.0 / 3, r.MeanLocalisation, 12);
        Assert.Equal(0, r.MeanMissed);
        Assert.Equal(10.0 / 3, r.MeanOspa, 12);
        Assert.Equal(1, r.Siap.Completeness);
    }

    [Fact]
    public void Evaluate_ReportOlderThanMaxAge_LeavesTheTruthMissed()
    {
        // At 1 s the report is 1 s old, over the 0.5 s limit: the truth is missed (c^2 / 2 = 50).
        var r = TrackEvaluator.Evaluate(Truth, Tracks, new TrackEvaluationOptions { Cutoff = 10, Order = 2, MaxTrackAge = 0.5 });
        Assert.Equal((5 + Math.Sqrt(50)) / 3, r.MeanGospa, 12);
        Assert.Equal(50.0 / 3, r.MeanMissed, 12);
        Assert.Equal(1.0 / 3, r.MeanMissedTargets, 12);
        Assert.Equal(2.0 / 3, r.Siap.Completeness, 12);
    }
}
