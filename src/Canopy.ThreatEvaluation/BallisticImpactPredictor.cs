using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;

namespace Canopy.ThreatEvaluation;

/// <summary>
/// Where and when a body in free fall (no drag) meets the ground. Gravity points down the frame's up axis;
/// the ground is the sphere through the frame origin, approximated as z = -d²/(2R) at horizontal distance d
/// from the origin, so the impact condition z(t) + d(t)²/(2R) = 0 is a quadratic in t.
/// </summary>
public static class BallisticImpactPredictor
{
    /// <summary>Standard gravity, m/s².</summary>
    public const double Gravity = 9.80665;

    /// <summary>Position after <paramref name="dt"/> seconds of free fall.</summary>
    public static Vec3 Propagate(Vec3 position, Vec3 velocity, double dt) =>
        position + velocity * dt + new Vec3(0, 0, -0.5 * Gravity * dt * dt);

    /// <summary>
    /// The first time ahead (seconds from now, at least 0) and point at which the body reaches the ground,
    /// or null if it never does (orbital speed).
    /// </summary>
    public static (double TimeToGo, Vec3 Point)? PredictImpact(Vec3 position, Vec3 velocity)
    {
        var r = Wgs84.MeanRadius;
        var a = -0.5 * Gravity + (velocity.X * velocity.X + velocity.Y * velocity.Y) / (2 * r);
        var b = velocity.Z + (position.X * velocity.X + position.Y * velocity.Y) / r;
        var c = position.Z + (position.X * position.X + position.Y * position.Y) / (2 * r);
        if (c <= 0)
            return (0, position);
        if (a >= 0)
            return null;
        // a < 0 < c: exactly one positive root.
        var t = (-b - Math.Sqrt(b * b - 4 * a * c)) / (2 * a);
        return (t, Propagate(position, velocity, t));
    }
}
