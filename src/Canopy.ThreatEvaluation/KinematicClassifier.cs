using Canopy.Core.Defence;
using Canopy.Core.Geometry;

namespace Canopy.ThreatEvaluation;

/// <summary>
/// Tells ballistic missiles, cruise missiles and drones apart by speed and flight path angle, and by the fit of a
/// ballistic arc (vertical acceleration near −g) when the track has a history.
/// Decoys fly like drones and are reported as <see cref="ThreatClass.Drone"/>: kinematics cannot tell them apart.
/// </summary>
public sealed class KinematicClassifier(ThreatEvaluationOptions options)
{
    /// <summary>Log-speed distance to a class boundary at which the confidence reaches about 0.88.</summary>
    private const double ConfidenceScale = 0.25;

    /// <summary>
    /// The class and its confidence in [0.5, 1): 0.5 on a speed boundary, rising with the log-speed distance to the
    /// nearest boundary.
    /// </summary>
    public (ThreatClass Class, double Confidence) Classify(Vec3 velocity)
    {
        var speed = velocity.Length;
        var ground = velocity.HorizontalLength;
        var pathAngle = Math.Atan2(Math.Abs(velocity.Z), ground);
        var ballistic = options.BallisticSpeed.MetresPerSecond;
        var steepSpeed = options.SteepBallisticSpeed.MetresPerSecond;
        var cruise = options.CruiseSpeed.MetresPerSecond;

        if (speed > ballistic)
            return (ThreatClass.Ballistic, Confidence(speed, ballistic));
        if (speed > steepSpeed && pathAngle > options.SteepAngle.Radians)
            return (ThreatClass.Ballistic, Confidence(speed, steepSpeed));
        if (ground > cruise)
            return (ThreatClass.Cruise, Math.Min(Confidence(ground, cruise), Confidence(speed, ballistic)));
        return (ThreatClass.Drone, Confidence(ground, cruise));
    }

    /// <summary>
    /// The class from speed and path angle (<see cref="Classify(Vec3)"/>), refined by the fitted vertical acceleration
    /// when there is one: a fast track (above half the steep ballistic speed) in free fall (within
    /// <see cref="ThreatEvaluationOptions.FreeFallTolerance"/> of −g) is ballistic, and a ballistic call the fit
    /// agrees with halves its doubt.
    /// </summary>
    public (ThreatClass Class, double Confidence) Classify(Vec3 velocity, double? verticalAcceleration)
    {
        var (cls, confidence) = Classify(velocity);
        if (verticalAcceleration is not { } a)
            return (cls, confidence);
        var freeFall = Math.Abs(a + BallisticImpactPredictor.Gravity) <= options.FreeFallTolerance;
        if (!freeFall)
            return (cls, confidence);
        if (cls == ThreatClass.Ballistic)
            return (cls, 1 - 0.5 * (1 - confidence));
        return velocity.Length > 0.5 * options.SteepBallisticSpeed.MetresPerSecond ? (ThreatClass.Ballistic, 0.75) : (cls, confidence);
    }

    private static double Confidence(double value, double boundary) =>
        value <= 0 ? 1 : 0.5 + 0.5 * Math.Tanh(Math.Abs(Math.Log(value / boundary)) / ConfidenceScale);
}
