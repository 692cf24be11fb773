using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Randomness;
using Canopy.Scenarios.Loading;
using Canopy.Scenarios.Model;
using Canopy.World.Kinematics;

namespace Canopy.World.Raids;

/// <summary>
/// Draws the threats of a scenario's waves: launch point in the launch disc, launch time in the window, aim point by
/// target weight with its circular error, cruise altitude, jittered route. All draws come from the generator passed in.
/// </summary>
public static class RaidGenerator
{
    /// <summary>Distance before the aim point where drones and cruise missiles leave their cruise altitude and dive.</summary>
    public const double TerminalDiveDistance = 3000;

    /// <summary>1 / sqrt(2 ln 2): a circular normal with this sigma per axis has a CEP of 1.</summary>
    private const double SigmaPerCep = 0.8493218;

    /// <exception cref="ArgumentException">The waves hold more than <see cref="ScenarioLimits.MaxThreatsPerNight"/> threats
    /// (a scenario built in code; the loader refuses such a file).</exception>
    public static List<SimulatedThreat> Generate(Scenario scenario, Random rng)
    {
        var total = scenario.Waves.Sum(w => (long)w.Count);
        if (total > ScenarioLimits.MaxThreatsPerNight)
            throw new ArgumentException($"the waves hold {total} threats; a night takes at most {ScenarioLimits.MaxThreatsPerNight}", nameof(scenario));
        var threats = new List<SimulatedThreat>((int)total);
        var assets = scenario.Assets.ToDictionary(a => a.Name, StringComparer.Ordinal);
        foreach (var wave in scenario.Waves)
        {
            for (var i = 0; i < wave.Count; i++)
            {
                var launchTime = rng.NextUniform(wave.LaunchStart.Seconds, wave.LaunchEnd.Seconds);
                var launch = PointInDisc(wave.LaunchCentre, wave.LaunchRadius.Metres, rng);
                var aim = wave.Targets[PickWeighted(wave.Targets, rng)];
                var aimPoint = Scatter(aim.Position, wave.AimError.Metres * SigmaPerCep, rng).WithHeight(0);
                var target = aim.Asset is { } name && assets.TryGetValue(name, out var a) ? a : null;
                var path = wave.Class == ThreatClass.Ballistic
                    ? Ballistic(wave, launch.WithHeight(0), aimPoint)
                    : Route(wave, launch, aimPoint, rng);
                threats.Add(new SimulatedThreat(threats.Count + 1, wave.Class, wave.Name, launchTime, path, aimPoint, target,
                    wave.UnitCost.Dollars, wave.Lethality));
            }
        }
        return threats;
    }

    private static IFlightPath Ballistic(ThreatWave wave, Geodetic launch, Geodetic impact) =>
        wave.FlightTime is { } t
            ? BallisticFlightPath.WithFlightTime(launch, impact, t.Seconds)
            : BallisticFlightPath.WithApogee(launch, impact, wave.Altitude.Metres);

    private static WaypointFlightPath Route(ThreatWave wave, Geodetic launch, Geodetic aim, Random rng)
    {
        var cruise = Math.Max(10, wave.Altitude.Metres + rng.NextUniform(-1, 1) * wave.AltitudeSpread.Metres);
        var points = new List<Geodetic> { launch.WithHeight(cruise) };
        foreach (var via in wave.Via) points.Add(Scatter(via, wave.RouteSpread.Metres, rng).WithHeight(cruise));
        var (distance, _, backAzimuth) = Geodesic.Inverse(points[^1], aim);
        if (distance > 2 * TerminalDiveDistance)
        {
            // Geodesic.Inverse gives the forward azimuth at the aim point; the dive starts behind it.
            points.Add(Geodesic.Direct(aim, backAzimuth + Math.PI, TerminalDiveDistance).WithHeight(cruise));
        }
        points.Add(aim.WithHeight(0));
        return new WaypointFlightPath(points, wave.Speed.MetresPerSecond);
    }

    private static Geodetic PointInDisc(Geodetic centre, double radius, Random rng) =>
        radius <= 0 ? centre : Geodesic.Direct(centre, rng.NextUniform(0, 2 * Math.PI), radius * Math.Sqrt(rng.NextDouble()));

    private static Geodetic Scatter(Geodetic point, double sigma, Random rng)
    {
        if (sigma <= 0) return point;
        var east = rng.NextGaussian(0, sigma);
        var north = rng.NextGaussian(0, sigma);
        return Geodesic.Direct(point, Math.Atan2(east, north), Math.Sqrt(east * east + north * north));
    }

    private static int PickWeighted(IReadOnlyList<AimPoint> targets, Random rng)
    {
        var total = 0.0;
        foreach (var t in targets) total += t.Weight;
        var u = rng.NextDouble() * total;
        for (var i = 0; i < targets.Count; i++)
        {
            u -= targets[i].Weight;
            if (u < 0) return i;
        }
        return targets.Count - 1;
    }
}
