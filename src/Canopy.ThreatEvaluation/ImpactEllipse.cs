using Canopy.Core.Geometry;

namespace Canopy.ThreatEvaluation;

/// <summary>
/// A predicted ballistic impact point with its ground uncertainty: the mean point and the 2x2 horizontal covariance
/// (east, north), in m².
/// </summary>
public readonly record struct ImpactEllipse(double TimeToGo, Vec3 Point, double Cxx, double Cxy, double Cyy)
{
    /// <summary>Probability that the impact falls within <paramref name="radius"/> of <paramref name="centre"/> (horizontally).</summary>
    public double ProbabilityWithin(Vec3 centre, double radius) =>
        GaussianDiscProbability.Inside(Point.X, Point.Y, Cxx, Cxy, Cyy, centre.X, centre.Y, radius);

    /// <summary>
    /// The impact of a free-falling state and its ground covariance, by linearised propagation of the 6x6 state
    /// covariance (x, y, z, vx, vy, vz; row-major) through the impact-point function: C = J P Jᵀ, with the 2x6
    /// Jacobian J from central differences. Null if the body never comes down.
    /// </summary>
    public static ImpactEllipse? Predict(Vec3 position, Vec3 velocity, ReadOnlySpan<double> covariance)
    {
        if (BallisticImpactPredictor.PredictImpact(position, velocity) is not var (timeToGo, point))
            return null;
        Span<double> j = stackalloc double[12];
        for (var k = 0; k < 6; k++)
        {
            var h = k < 3 ? 1.0 : 0.1;
            var plus = Impact(position, velocity, k, h);
            var minus = Impact(position, velocity, k, -h);
            if (plus is not { } p || minus is not { } m)
                return new ImpactEllipse(timeToGo, point, 0, 0, 0);
            j[k] = (p.X - m.X) / (2 * h);
            j[6 + k] = (p.Y - m.Y) / (2 * h);
        }
        double cxx = 0, cxy = 0, cyy = 0;
        if (covariance.Length >= 36)
        {
            for (var a = 0; a < 6; a++)
            for (var b = 0; b < 6; b++)
            {
                var p = covariance[a * 6 + b];
                cxx += j[a] * p * j[b];
                cxy += j[a] * p * j[6 + b];
                cyy += j[6 + a] * p * j[6 + b];
            }
        }
        return new ImpactEllipse(timeToGo, point, Math.Max(cxx, 0), cxy, Math.Max(cyy, 0));
    }

    private static Vec3? Impact(Vec3 position, Vec3 velocity, int component, double delta)
    {
        Span<double> s = [position.X, position.Y, position.Z, velocity.X, velocity.Y, velocity.Z];
        s[component] += delta;
        return BallisticImpactPredictor.PredictImpact(new Vec3(s[0], s[1], s[2]), new Vec3(s[3], s[4], s[5])) is var (_, p)
            ? p
            : null;
    }
}
