using Canopy.Assignment;
using Canopy.Pipeline;
using Canopy.Simulation.Running;
using Canopy.World.Raids;

namespace Canopy.Simulation.Tests.Running;

/// <summary>
/// A cruise missile flies straight from 200 km east over a power plant (its target) towards a city 40 km beyond: the
/// city is worth more, but the missile dives at the plant, so every intercept must come before it reaches the plant.
/// </summary>
public class TimelyEngagementTests
{
    private const string Battery = """
          - { id: LR-1, class: long-range-interceptor, position: { lat: 50.18, lon: 30.70 }, min-range: 3 km, max-range: 100 km,
              max-altitude: 24 km, interceptor-speed: 1500 m/s, magazine: 16, reload-time: 10 s, reaction-time: 8 s, salvo-size: 2,
              cost-per-shot: 4 M$, kill-probability: { cruise: 0.9 } }
        """;

    private const string MediumRange = """
          - { id: MR-1, class: medium-range-interceptor, position: { lat: 50.05, lon: 30.56 }, min-range: 1 km, max-range: 40 km,
              max-altitude: 20 km, interceptor-speed: 1000 m/s, magazine: 12, reload-time: 5 s, reaction-time: 6 s,
              cost-per-shot: 500 k$, kill-probability: { cruise: 0.85 } }
        """;

    private static Scenarios.Model.Scenario PlantOnTheWay(string effectors) => TestScenarios.Parse($$"""
        name: plant-on-the-way
        description: one cruise missile over a power plant on the line to a city
        region: { name: Plain, centre: { lat: 50.0, lon: 30.5 }, radius: 300 km }
        start: 2025-07-04T21:00:00Z
        simulation: { tick: 1 s, max-duration: 30 min }
        assets:
          - { name: City, kind: city, position: { lat: 50.0, lon: 30.0 }, radius: 15 km, value: 1000 }
          - { name: Plant, kind: power-plant, position: { lat: 50.0, lon: 30.56 }, radius: 2 km, value: 300 }
        sensors:
          - { kind: radar, id: 1, name: R1, position: { lat: 50.0, lon: 30.6, height: 100 m }, antenna-height: 30 m, max-range: 200 km,
              revisit: 5 s, range-noise: 40 m, azimuth-noise: 0.2 deg, elevation-noise: 0.3 deg, detection-probability: 0.9,
              false-alarms-per-scan: 0 }
        effectors:
        {{effectors}}
        waves:
          - { name: east, class: cruise, count: 1, launch: { centre: { lat: 50.0, lon: 33.3 }, radius: 0 km, start: 0 s, end: 1 s },
              targets: [ { asset: Plant, weight: 1 } ], speed: 800 km/h, altitude: 75 m, aim-error: 10 m, unit-cost: 6.5 M$ }
        """);

    [Theory]
    [InlineData(AssignerKind.MarginalReturn, false)]
    [InlineData(AssignerKind.MarginalReturn, true)]
    [InlineData(AssignerKind.Greedy, false)]
    public void CruiseMissilePastALongRangeBattery_IsEngagedWithAMarginBeforeImpactOnEverySeed(AssignerKind assigner, bool layered)
    {
        var scenario = PlantOnTheWay(layered ? Battery + "\n" + MediumRange : Battery);
        var look = EngagementTiming.Default.LookDelay.Seconds;
        for (var seed = 1; seed <= 20; seed++)
        {
            var session = new SimulationSession(scenario, seed, layout => DefaultPipeline.Create(layout, assigner));
            var missile = Assert.Single(session.World.Threats);
            var intercepts = new List<double>();
            while (session.Step() is { } step)
            {
                foreach (var a in step.Assignments)
                {
                    // Never planned after the predicted arrival less the look ...
                    var threat = step.Threats.Single(t => t.Track.Id == a.TrackId);
                    Assert.True(a.InterceptTime <= step.Time + threat.FirstArrival - look + 1e-6,
                        $"seed {seed}: intercept at {a.InterceptTime:F1} s planned after the predicted arrival {step.Time + threat.FirstArrival:F1} s less the look");
                }
                intercepts.AddRange(step.Engagements.Shots.Select(s => s.Assignment.InterceptTime));
            }
            // ... nor after the true impact less the look, and the first one comes on every seed.
            Assert.True(intercepts.Count > 0, $"seed {seed}: the missile was never engaged");
            Assert.All(intercepts, t => Assert.True(t <= missile.ImpactTime - look,
                $"seed {seed}: intercept at {t:F1} s, impact at {missile.ImpactTime:F1} s"));
        }
    }
}
