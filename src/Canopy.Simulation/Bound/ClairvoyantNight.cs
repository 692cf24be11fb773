using Canopy.Assignment;
using Canopy.Assignment.Bound;
using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Randomness;
using Canopy.Scenarios.Model;
using Canopy.World;
using Canopy.World.Raids;

namespace Canopy.Simulation.Bound;

/// <summary>
/// One night as a clairvoyant planner sees it: the threats a seed launches (the same draws as a
/// <see cref="Running.SimulationSession"/> with that seed) with their true paths and aim points, and every fire unit's
/// windows against them, as a <see cref="NightAssignmentProblem"/>.
/// </summary>
/// <remarks>
/// A threat is worth <see cref="SimulatedWorld.ValueAtRisk"/>. A unit can meet it at any time T on its path from launch to
/// impact (sampled every <see cref="SampleStep"/> s, and at impact) where the true position lies in the unit's envelope
/// (<see cref="LaunchWindowFinder.InsideEnvelope"/>) widened by <see cref="EnvelopeSlack"/> (the live pipeline aims at
/// its track, which may stand that far off the truth); the launch is T less the interceptor's flight, no earlier than the
/// threat's launch, and the window runs from the earliest to the latest such launch, widened by the slack's flight time.
/// A salvo is the unit's salvo size with its kill probability against the threat's true class. Reaction times and
/// detection do not delay a clairvoyant planner. Every widening makes the bound larger, never smaller.
/// </remarks>
public static class ClairvoyantNight
{
    /// <summary>Seconds between two sampled intercept times.</summary>
    public const double SampleStep = 2;

    /// <summary>Metres by which the envelope (ranges and altitude) is widened.</summary>
    public const double EnvelopeSlack = 1000;

    /// <summary>The night's threats (aircraft left out) and its assignment problem; threat index i is <c>Threats[i]</c>.</summary>
    public static (IReadOnlyList<SimulatedThreat> Threats, NightAssignmentProblem Problem) Build(Scenario scenario, int seed)
    {
        var frame = new LocalFrame(scenario.Region.Centre);
        var threats = RaidGenerator.Generate(scenario, new Random(RandomExtensions.DeriveSeed(seed, 1)))
            .Where(t => t.Aircraft is null).ToList();
        var values = threats.Select(t => SimulatedWorld.ValueAtRisk(t, scenario.Assets)).ToArray();
        var units = scenario.Effectors
            .Select(e => new NightFireUnit(e.Id, (e.Magazine + e.SalvoSize - 1) / Math.Max(1, e.SalvoSize), e.ReloadTime.Seconds))
            .ToArray();
        var opportunities = new List<EngagementOpportunity>();
        for (var u = 0; u < scenario.Effectors.Count; u++)
        {
            var spec = scenario.Effectors[u];
            var position = frame.ToEnu(spec.Position);
            for (var i = 0; i < threats.Count; i++)
            {
                var pk = spec.KillProbabilityAgainst(threats[i].Class).Value;
                if (values[i] <= 0 || pk <= 0) continue;
                if (Window(threats[i], spec, position, frame) is not var (earliest, latest)) continue;
                var rounds = Math.Max(1, spec.SalvoSize);
                opportunities.Add(new EngagementOpportunity(u, i, earliest, latest, 1 - Math.Pow(1 - pk, rounds),
                    spec.CostPerShot.Dollars * rounds));
            }
        }
        return (threats, new NightAssignmentProblem(values, units, opportunities));
    }

    private static (double Earliest, double Latest)? Window(SimulatedThreat threat, EffectorSpec spec, Core.Geometry.Vec3 unit, LocalFrame frame)
    {
        var speed = spec.InterceptorSpeed.MetresPerSecond;
        double earliest = double.PositiveInfinity, latest = double.NegativeInfinity;
        var duration = threat.Path.Duration;
        for (var k = 0; ; k++)
        {
            var t = Math.Min(k * SampleStep, duration);
            var point = frame.EcefToEnu(threat.Path.At(t).Ecef);
            if (LaunchWindowFinder.InsideEnvelope(spec, unit, point, EnvelopeSlack))
            {
                var launch = threat.LaunchTime + t - (point - unit).Length / speed;
                earliest = Math.Min(earliest, launch);
                latest = Math.Max(latest, launch);
            }
            if (t >= duration) break;
        }
        if (latest < threat.LaunchTime) return null;
        var slack = EnvelopeSlack / speed;
        return (Math.Max(threat.LaunchTime, earliest - slack), latest + slack);
    }
}
