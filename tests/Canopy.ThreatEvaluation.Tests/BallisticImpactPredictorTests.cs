using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;

namespace Canopy.ThreatEvaluation.Tests;

public class BallisticImpactPredictorTests
{
    private const double G = BallisticImpactPredictor.Gravity;

    [Fact]
    public void PredictImpact_ParabolaLandingOnOrigin_FindsTheAnalyticImpact()
    {
        // Lands on the origin (where the ground is exactly z = 0) after 60 s.
        var velocity = new Vec3(1000, 500, -200);
        var start = new Vec3(-60_000, -30_000, 200 * 60 + 0.5 * G * 60 * 60);

        var (timeToGo, point) = BallisticImpactPredictor.PredictImpact(start, velocity)!.Value;

        Assert.Equal(60, timeToGo, 6);
        Assert.True(point.Length < 1e-3, $"impact {point}");
    }

    [Fact]
    public void PredictImpact_FarFromOrigin_FallsToTheCurvedGround()
    {
        // Dropped 10 km above a point 100 km east: the ground there is d²/(2R) below the tangent plane.
        var drop = 100_000.0 * 100_000 / (2 * Wgs84.MeanRadius); // 784.8 m
        var (timeToGo, point) = BallisticImpactPredictor.PredictImpact(new Vec3(100_000, 0, 10_000), Vec3.Zero)!.Value;

        Assert.Equal(Math.Sqrt(2 * (10_000 + drop) / G), timeToGo, 6);
        Assert.Equal(-drop, point.Z, 3);
    }

    [Fact]
    public void PredictImpact_AlreadyOnTheGround_IsNow()
    {
        var (timeToGo, _) = BallisticImpactPredictor.PredictImpact(new Vec3(0, 0, -1), new Vec3(0, 0, -100))!.Value;
        Assert.Equal(0, timeToGo);
    }
}
