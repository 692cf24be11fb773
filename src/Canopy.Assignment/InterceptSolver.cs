using Canopy.Core.Geometry;
using Canopy.ThreatEvaluation;

namespace Canopy.Assignment;

/// <summary>Where and when an interceptor meets a threat.</summary>
public readonly record struct Intercept(double Time, Vec3 Point);

/// <summary>
/// Earliest intercept of a threat by an interceptor launched at a given time that flies straight, at constant speed,
/// to the meeting point. Constant-velocity threats are solved in closed form (a quadratic in the flight time);
/// ballistic threats by conservative advancement along the flight time to the first meeting (within 0.01 mm).
/// </summary>
public static class InterceptSolver
{
    private const double GapTolerance = 1e-5;
    private const int MaxSteps = 10_000;

    /// <summary>
    /// The earliest intercept at or before <paramref name="latestTime"/>, or null if there is none.
    /// </summary>
    public static Intercept? Solve(ThreatMotion threat, Vec3 launcher, double launchTime, double interceptorSpeed,
        double latestTime)
    {
        if (interceptorSpeed <= 0 || latestTime < launchTime)
            return null;
        var flight = threat.Ballistic
            ? ScanFlightTime(threat, launcher, launchTime, interceptorSpeed, latestTime - launchTime)
            : ConstantVelocityFlightTime(threat.At(launchTime) - launcher, threat.Velocity, interceptorSpeed);
        if (flight is not { } tau || launchTime + tau > latestTime)
            return null;
        return new Intercept(launchTime + tau, threat.At(launchTime + tau));
    }

    /// <summary>
    /// Smallest flight time τ ≥ 0 with |q + vτ| = sτ, where q is the threat's position relative to the launcher
    /// at launch: (v·v − s²)τ² + 2(q·v)τ + q·q = 0.
    /// </summary>
    public static double? ConstantVelocityFlightTime(Vec3 relativePosition, Vec3 threatVelocity, double interceptorSpeed)
    {
        var a = threatVelocity.LengthSquared - interceptorSpeed * interceptorSpeed;
        var b = 2 * Vec3.Dot(relativePosition, threatVelocity);
        var c = relativePosition.LengthSquared;
        if (c == 0)
            return 0;
        if (Math.Abs(a) < 1e-9)
            return b < 0 ? -c / b : null;
        var disc = b * b - 4 * a * c;
        if (disc < 0)
            return null;
        var sq = Math.Sqrt(disc);
        var (r1, r2) = ((-b - sq) / (2 * a), (-b + sq) / (2 * a));
        var (low, high) = r1 <= r2 ? (r1, r2) : (r2, r1);
        return low >= 0 ? low : high >= 0 ? high : null;
    }

    /// <summary>
    /// The first root of gap(τ) = |threat(τ) − launcher| − sτ by conservative advancement: gap can fall no faster than
    /// s plus the threat's greatest speed over the flight, so stepping by gap / that bound never passes a root.
    /// </summary>
    private static double? ScanFlightTime(ThreatMotion threat, Vec3 launcher, double launchTime, double speed,
        double maxFlight)
    {
        var bound = speed + threat.Velocity.Length + BallisticImpactPredictor.Gravity * (launchTime - threat.Time + maxFlight);
        var tau = 0.0;
        for (var i = 0; i < MaxSteps && tau <= maxFlight; i++)
        {
            var gap = Vec3.Distance(threat.At(launchTime + tau), launcher) - speed * tau;
            if (gap <= GapTolerance)
                return tau;
            tau += gap / bound;
        }
        return null;
    }
}
