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

    private const string Battery = """
          - { id: LR-1, class: long-range-interceptor, position: { lat: 50.18, lon: 30.70 }, min-range: 3 km, max-range: 100 km,
              max-altitude: 24 km, interceptor-speed: 1500 m/s, magazine: 16, reload-time: 10 s, reaction-time: 8 s, salvo-size: 2,
              cost-per-shot: 4 M$, kill-probability: { cruise: 0.9 } }
        """;

    private const string MediumRange = """
          - { id: MR-1, class: medium-range-interceptor, position: { lat: 50.02, lon: 29.97 }, min-range: 1 km, max-range: 40 km,
              max-altitude: 20 km, interceptor-speed: 1000 m/s, magazine: 12, reload-time: 5 s, reaction-time: 6 s,
              cost-per-shot: 500 k$, kill-probability: { cruise: 0.85 } }
        """;

    /// <summary>
    /// A cruise missile flies straight from 200 km east over a power plant (its target) towards a city 40 km beyond, past
    /// a long-range battery (and, when <paramref name="layered"/>, a cheaper medium-range unit at the city, which can reach
    /// the missile only once it is past the plant): the city is worth more, but the missile dives at the plant, so every
    /// intercept must come before it reaches the plant, and the battery must not leave it to the cheaper unit.
    /// </summary>
    public static Scenario PlantOnTheWay(bool layered) => Parse($$"""
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
        {{(layered ? Battery + "\n" + MediumRange : Battery)}}
        waves:
          - { name: east, class: cruise, count: 1, launch: { centre: { lat: 50.0, lon: 33.3 }, radius: 0 km, start: 0 s, end: 1 s },
              targets: [ { asset: Plant, weight: 1 } ], speed: 800 km/h, altitude: 75 m, aim-error: 10 m, unit-cost: 6.5 M$ }
        """);

    public static Scenario Parse(string yaml)
    {
        var result = ScenarioLoader.Parse(yaml, "test.yaml");
        Assert.Empty(result.Errors);
        return result.Scenario!;
    }
}
