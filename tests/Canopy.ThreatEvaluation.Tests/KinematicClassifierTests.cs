using Canopy.Core.Defence;
using Canopy.Core.Geometry;

namespace Canopy.ThreatEvaluation.Tests;

public class KinematicClassifierTests
{
    private readonly KinematicClassifier _classifier = new(ThreatEvaluationOptions.Default);

    [Fact]
    public void Classify_SlowDrone_IsDroneWithHighConfidence()
    {
        var (cls, confidence) = _classifier.Classify(new Vec3(30, 40, 0), 1000); // 50 m/s
        Assert.Equal(ThreatClass.Drone, cls);
        Assert.True(confidence > 0.95, $"confidence {confidence}");
    }

    [Fact]
    public void Classify_230MetresPerSecondLevelAtLowLevel_IsCruise()
    {
        var (cls, confidence) = _classifier.Classify(new Vec3(0, -230, -5), 100);
        Assert.Equal(ThreatClass.Cruise, cls);
        Assert.True(confidence > 0.95, $"confidence {confidence}");
    }

    [Fact]
    public void Classify_2000MetresPerSecondDiving_IsBallistic()
    {
        var (cls, _) = _classifier.Classify(new Vec3(1000, 0, -1732), 30_000);
        Assert.Equal(ThreatClass.Ballistic, cls);
    }

    [Fact]
    public void Classify_700MetresPerSecondSteepDive_IsBallisticButLevelAtLowLevelIsCruise()
    {
        // 45° dive at 700 m/s: steep and faster than the 600 m/s steep threshold.
        Assert.Equal(ThreatClass.Ballistic, _classifier.Classify(new Vec3(495, 0, -495), 5000).Class);
        Assert.Equal(ThreatClass.Cruise, _classifier.Classify(new Vec3(700, 0, 0), 50).Class);
    }

    [Fact]
    public void Classify_OnTheCruiseBoundary_HasConfidenceOneHalf()
    {
        var (cls, confidence) = _classifier.Classify(new Vec3(100, 0, 0), 1000);
        Assert.Equal(ThreatClass.Drone, cls);
        Assert.Equal(0.5, confidence, 12);
    }

    /// <summary>
    /// Textbook kinematics: an airliner cruising at Mach 0.8 (240 m/s) at FL360 (11 km); a Tomahawk-class cruise missile
    /// (250 m/s) terrain-following at 50 m; a Shahed-136 (185 km/h, about 50 m/s) at 2 km; an Iskander-M in its terminal
    /// dive (about Mach 6, 1800 m/s at 60°) and a Scud-class descent (1500 m/s at 40°).
    /// </summary>
    [Theory]
    [InlineData(240, 0, 0, 11_000, ThreatClass.Aircraft)]
    [InlineData(250, 0, 0, 50, ThreatClass.Cruise)]
    [InlineData(50, 0, 0, 2000, ThreatClass.Drone)]
    [InlineData(900, 0, -1559, 20_000, ThreatClass.Ballistic)]
    [InlineData(1149, 0, -964, 40_000, ThreatClass.Ballistic)]
    public void Classify_TextbookKinematics_GivesTheRightClassConfidently(double east, double north, double up, double altitude, ThreatClass expected)
    {
        var (cls, confidence) = _classifier.Classify(new Vec3(east, north, up), altitude);
        Assert.Equal(expected, cls);
        Assert.True(confidence > 0.95, $"confidence {confidence}");
    }

    [Fact]
    public void Classify_FighterTurningAtAltitude_IsAircraftAndAStooping300MetresPerSecondDiveIsNot()
    {
        // A 300 m/s fighter in a 20° climbing turn at 6 km is an aircraft; the same speed in a 40° dive is not level flight.
        Assert.Equal(ThreatClass.Aircraft, _classifier.Classify(new Vec3(200, 182, 103), 6000).Class);
        Assert.Equal(ThreatClass.Cruise, _classifier.Classify(new Vec3(230, 0, -193), 6000).Class);
    }

    [Theory]
    [InlineData(2000, 0.5)] // on the aircraft altitude boundary
    [InlineData(4000, 0.9961)] // ln 2 / 0.25 = 2.77: 0.5 + 0.5 tanh 2.77
    public void Classify_240MetresPerSecondAtAltitude_ConfidenceFollowsTheLogDistanceToTheBoundary(double altitude, double expected)
    {
        var (cls, confidence) = _classifier.Classify(new Vec3(240, 0, 0), altitude);
        Assert.Equal(ThreatClass.Aircraft, cls);
        Assert.Equal(expected, confidence, 4);
    }
}
