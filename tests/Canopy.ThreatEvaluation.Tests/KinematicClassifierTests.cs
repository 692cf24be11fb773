using Canopy.Core.Defence;
using Canopy.Core.Geometry;

namespace Canopy.ThreatEvaluation.Tests;

public class KinematicClassifierTests
{
    private readonly KinematicClassifier _classifier = new(ThreatEvaluationOptions.Default);

    [Fact]
    public void Classify_SlowDrone_IsDroneWithHighConfidence()
    {
        var (cls, confidence) = _classifier.Classify(new Vec3(30, 40, 0)); // 50 m/s
        Assert.Equal(ThreatClass.Drone, cls);
        Assert.True(confidence > 0.95, $"confidence {confidence}");
    }

    [Fact]
    public void Classify_230MetresPerSecondLevel_IsCruise()
    {
        var (cls, confidence) = _classifier.Classify(new Vec3(0, -230, -5));
        Assert.Equal(ThreatClass.Cruise, cls);
        Assert.True(confidence > 0.95, $"confidence {confidence}");
    }

    [Fact]
    public void Classify_2000MetresPerSecondDiving_IsBallistic()
    {
        var (cls, _) = _classifier.Classify(new Vec3(1000, 0, -1732));
        Assert.Equal(ThreatClass.Ballistic, cls);
    }

    [Fact]
    public void Classify_700MetresPerSecondSteepDive_IsBallisticButLevelIsCruise()
    {
        // 45° dive at 700 m/s: steep and faster than the 600 m/s steep threshold.
        Assert.Equal(ThreatClass.Ballistic, _classifier.Classify(new Vec3(495, 0, -495)).Class);
        Assert.Equal(ThreatClass.Cruise, _classifier.Classify(new Vec3(700, 0, 0)).Class);
    }

    [Fact]
    public void Classify_OnTheCruiseBoundary_HasConfidenceOneHalf()
    {
        var (cls, confidence) = _classifier.Classify(new Vec3(100, 0, 0));
        Assert.Equal(ThreatClass.Drone, cls);
        Assert.Equal(0.5, confidence, 12);
    }
}
