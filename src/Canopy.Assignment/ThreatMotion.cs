using Canopy.Core.Geometry;
using Canopy.ThreatEvaluation;

namespace Canopy.Assignment;

/// <summary>
/// A threat's predicted motion from a track state: constant velocity, plus free fall under gravity when
/// <paramref name="Ballistic"/>.
/// </summary>
/// <param name="Time">Time of the state.</param>
public readonly record struct ThreatMotion(Vec3 Position, Vec3 Velocity, double Time, bool Ballistic)
{
    /// <summary>Predicted position at absolute time <paramref name="t"/>.</summary>
    public Vec3 At(double t) => Ballistic
        ? BallisticImpactPredictor.Propagate(Position, Velocity, t - Time)
        : Position + Velocity * (t - Time);
}
