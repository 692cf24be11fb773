using Canopy.Core.Defence;
using Canopy.Core.Geometry;

namespace Canopy.ThreatEvaluation;

/// <summary>
/// Tells ballistic missiles, cruise missiles, aircraft and drones apart by speed, flight path angle and altitude, and by
/// the fit of a ballistic arc (vertical acceleration near −g) when the track has a history:
/// ballistic above the ballistic speed, or above the steep speed in a steep climb or dive; otherwise, above the cruise
/// ground speed, an aircraft when at or above the aircraft altitude in level flight or a turn (not steep), a cruise missile
/// when lower (or steep); otherwise a drone.
/// Decoys fly like drones and are reported as <see cref="ThreatClass.Drone"/>: kinematics cannot tell them apart. Slow
/// aircraft (helicopters, light aircraft) fly like drones too.
/// </summary>
public sealed class KinematicClassifier(ThreatEvaluationOptions options)
{
    /// <summary>Log distance to a class boundary at which the confidence reaches about 0.88.</summary>
    private const double ConfidenceScale = 0.25;

    /// <summary>
    /// The class and its confidence in [0.5, 1): 0.5 on a boundary, rising with the log distance (of speed, and of
    /// altitude between aircraft and cruise missiles) to the nearest boundary.
    /// </summary>
    /// <param name="altitude">Height above the ground, metres.</param>
    public (ThreatClass Class, double Confidence) Classify(Vec3 velocity, double altitude)
    {
        var speed = velocity.Length;
        var ground = velocity.HorizontalLength;
        var steep = Math.Atan2(Math.Abs(velocity.Z), ground) > options.SteepAngle.Radians;
        var ballistic = options.BallisticSpeed.MetresPerSecond;
        var steepSpeed = options.SteepBallisticSpeed.MetresPerSecond;
        var cruise = options.CruiseSpeed.MetresPerSecond;
        var aircraftAltitude = options.AircraftAltitude.Metres;

        if (speed > ballistic)
            return (ThreatClass.Ballistic, Confidence(speed, ballistic));
        if (speed > steepSpeed && steep)
            return (ThreatClass.Ballistic, Confidence(speed, steepSpeed));
        if (ground <= cruise)
            return (ThreatClass.Drone, Confidence(ground, cruise));
        var fast = Math.Min(Confidence(ground, cruise), Confidence(speed, ballistic));
        var height = Confidence(Math.Max(altitude, 1), aircraftAltitude);
        return altitude >= aircraftAltitude && !steep
            ? (ThreatClass.Aircraft, Math.Min(fast, height))
            : (ThreatClass.Cruise, steep ? fast : Math.Min(fast, height));
    }

    /// <summary>
    /// The class from speed, path angle and altitude (<see cref="Classify(Vec3, double)"/>), refined by the fitted vertical
    /// acceleration when there is one: a fast track (above half the steep ballistic speed) in free fall (within
    /// <see cref="ThreatEvaluationOptions.FreeFallTolerance"/> of −g) is ballistic, and a ballistic call the fit
    /// agrees with halves its doubt.
    /// </summary>
    public (ThreatClass Class, double Confidence) Classify(Vec3 velocity, double altitude, double? verticalAcceleration)
    {
        var (cls, confidence) = Classify(velocity, altitude);
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
