using Canopy.Core.Defence;
using Canopy.Core.Geometry;

namespace Canopy.ThreatEvaluation;

/// <summary>
/// Tells ballistic missiles, cruise missiles and drones apart by speed and flight path angle alone.
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

    private static double Confidence(double value, double boundary) =>
        value <= 0 ? 1 : 0.5 + 0.5 * Math.Tanh(Math.Abs(Math.Log(value / boundary)) / ConfidenceScale);
}
