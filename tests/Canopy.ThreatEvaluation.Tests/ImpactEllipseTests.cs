using Canopy.Core.Geometry;

namespace Canopy.ThreatEvaluation.Tests;

public class ImpactEllipseTests
{
    private static double[] Diagonal(params double[] variances)
    {
        var p = new double[36];
        for (var i = 0; i < 6; i++) p[i * 7] = variances[i];
        return p;
    }

    [Fact]
    public void Predict_PurePositionUncertainty_MapsOneToOneOntoTheGround()
    {
        // A horizontal position error moves the whole arc, so the impact point moves by the same amount.
        var covariance = Diagonal(200 * 200, 80 * 80, 0, 0, 0, 0);

        var e = ImpactEllipse.Predict(new Vec3(-20_000, 0, 15_000), new Vec3(800, 0, -300), covariance)!.Value;

        Assert.Equal(200 * 200, e.Cxx, 200 * 200 * 0.01);
        Assert.Equal(80 * 80, e.Cyy, 80 * 80 * 0.01);
        Assert.Equal(0, e.Cxy, 1);
    }

    [Fact]
    public void Predict_DropWithHorizontalSpeedError_SpreadsByTimeOfFall()
    {
        // Dropped from rest at h: falls for t = sqrt(2h/g); an east speed error σv lands σv·t off. Height 4903.325 m
        // gives t = 31.623 s (the ground's curvature right under the origin is nil).
        const double h = 4903.325, sigmaV = 5;
        var t = Math.Sqrt(2 * h / BallisticImpactPredictor.Gravity);

        var e = ImpactEllipse.Predict(new Vec3(0, 0, h), Vec3.Zero, Diagonal(0, 0, 0, sigmaV * sigmaV, 0, 0))!.Value;

        Assert.Equal(t, e.TimeToGo, 6);
        Assert.Equal(sigmaV * t, Math.Sqrt(e.Cxx), 0.01 * sigmaV * t);
        Assert.True(e.Cyy < 1e-6, $"cyy {e.Cyy}");
    }

    [Fact]
    public void ProbabilityWithin_CircularEllipseOnAnAsset_IsTheRayleighFigure()
    {
        var e = new ImpactEllipse(30, new Vec3(1000, 2000, 0), 500 * 500, 0, 500 * 500);

        Assert.Equal(1 - Math.Exp(-0.5), e.ProbabilityWithin(new Vec3(1000, 2000, 0), 500), 5);
    }
}
