using Canopy.Core.Defence;
using Canopy.Core.Geometry;

namespace Canopy.ThreatEvaluation.Tests;

public class VerticalAccelerationFitTests
{
    private readonly KinematicClassifier _classifier = new(ThreatEvaluationOptions.Default);

    [Fact]
    public void Slope_FreeFallHistory_IsMinusG()
    {
        var fit = new VerticalAccelerationFit();
        for (var t = 0; t <= 20; t += 4) fit.Add(t, 100 - BallisticImpactPredictor.Gravity * t);

        Assert.Equal(-BallisticImpactPredictor.Gravity, fit.Slope(10)!.Value, 9);
    }

    [Fact]
    public void Slope_TooShortAHistory_IsNull()
    {
        var fit = new VerticalAccelerationFit();
        for (var t = 0; t < 4; t++) fit.Add(t, -t);

        Assert.Null(fit.Slope(10));
    }

    [Fact]
    public void Classify_ShallowFastTrackInFreeFall_IsBallistic()
    {
        // 700 m/s at 10° is a cruise missile by speed and angle; an arc falling at g makes it ballistic.
        var velocity = new Vec3(700 * Math.Cos(0.1745), 0, -700 * Math.Sin(0.1745));

        Assert.Equal(ThreatClass.Cruise, _classifier.Classify(velocity, 500, null).Class);
        Assert.Equal(ThreatClass.Ballistic, _classifier.Classify(velocity, 500, -9.5).Class);
        Assert.Equal(ThreatClass.Cruise, _classifier.Classify(velocity, 500, 0).Class);
        // High up the same velocity is an aircraft's, until the arc shows free fall.
        Assert.Equal(ThreatClass.Aircraft, _classifier.Classify(velocity, 20_000, 0).Class);
        Assert.Equal(ThreatClass.Ballistic, _classifier.Classify(velocity, 20_000, -9.5).Class);
    }

    [Fact]
    public void Classify_SlowDroneDescending_StaysADrone()
    {
        Assert.Equal(ThreatClass.Drone, _classifier.Classify(new Vec3(40, 0, -5), 1000, -9.8).Class);
    }
}
