using Canopy.Core.Geometry;

namespace Canopy.Assignment;

/// <summary>Where and when an interceptor meets a threat.</summary>
public readonly record struct Intercept(double Time, Vec3 Point);

/// <summary>
/// Earliest intercept of a threat by an interceptor launched at a given time that flies straight, at constant speed,
/// to the meeting point. Constant-velocity threats are solved in closed form (a quadratic in the flight time);
/// ballistic threats by scanning the flight time and refining the first meeting by bisection.
/// </summary>
public static class InterceptSolver
{
    private const double ScanStep = 0.25;
    private const int BisectionSteps = 40;

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
        var roots = new[] { (-b - sq) / (2 * a), (-b + sq) / (2 * a) };
        var ahead = roots.Where(t => t >= 0).ToArray();
        return ahead.Length == 0 ? null : ahead.Min();
    }

    private static double? ScanFlightTime(ThreatMotion threat, Vec3 launcher, double launchTime, double speed,
        double maxFlight)
    {
        double Gap(double tau) => Vec3.Distance(threat.At(launchTime + tau), launcher) - speed * tau;

        var lo = 0.0;
        if (Gap(lo) <= 0)
            return lo;
        while (lo < maxFlight)
        {
            var hi = Math.Min(lo + ScanStep, maxFlight);
            if (Gap(hi) <= 0)
                return Bisect(Gap, lo, hi);
            lo = hi;
        }
        return null;
    }

    private static double Bisect(Func<double, double> gap, double lo, double hi)
    {
        for (var i = 0; i < BisectionSteps; i++)
        {
            var mid = 0.5 * (lo + hi);
            if (gap(mid) <= 0)
                hi = mid;
            else
                lo = mid;
        }
        return hi;
    }
}
