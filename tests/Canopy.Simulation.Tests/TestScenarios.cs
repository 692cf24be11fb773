using Canopy.Scenarios.Loading;
using Canopy.Scenarios.Model;

namespace Canopy.Simulation.Tests;

/// <summary>Small scenarios written as their users write them.</summary>
internal static class TestScenarios
{
    /// <summary>One drone flying 30 km from the east straight at a town defended by a radar and one gun with the given Pk.</summary>
    public static Scenario OneDroneOneGun(double pk, int magazine = 20) => Parse($$"""
        name: one-drone-one-gun
        description: a single drone against a single gun
        region: { name: Town, centre: { lat: 50.0, lon: 30.0 }, radius: 60 km }
        start: 2025-07-04T21:00:00Z
        simulation: { tick: 1 s, max-duration: 30 min }
        assets:
          - { name: Town, kind: city, position: { lat: 50.0, lon: 30.0 }, radius: 3 km, value: 100 }
        sensors:
          - { kind: radar, id: 1, name: R1, position: { lat: 50.0, lon: 30.0 }, antenna-height: 30 m, max-range: 80 km, revisit: 2 s,
              range-noise: 20 m, azimuth-noise: 0.1 deg, elevation-noise: 0.1 deg, detection-probability: 1, false-alarms-per-scan: 0 }
        effectors:
          - { id: GUN-1, class: gun, position: { lat: 50.0, lon: 30.0 }, min-range: 200 m, max-range: 5 km, max-altitude: 3 km,
              interceptor-speed: 1000 m/s, magazine: {{magazine}}, reload-time: 3 s, reaction-time: 2 s, salvo-size: 1, cost-per-shot: 5 k$,
              kill-probability: { drone: {{pk.ToString(System.Globalization.CultureInfo.InvariantCulture)}} } }
        waves:
          - { name: east, class: drone, count: 1, launch: { centre: { lat: 50.0, lon: 30.42 }, radius: 0 km, start: 0 s, end: 1 s },
              targets: [ { asset: Town, weight: 1 } ], speed: 170 km/h, altitude: 1000 m, unit-cost: 35 k$, lethality: 0.1 }
        """);

    public static Scenario Parse(string yaml)
    {
        var result = ScenarioLoader.Parse(yaml, "test.yaml");
        Assert.Empty(result.Errors);
        return result.Scenario!;
    }
}
