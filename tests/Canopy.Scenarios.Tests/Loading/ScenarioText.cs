using Canopy.Scenarios.Loading;

namespace Canopy.Scenarios.Tests.Loading;

/// <summary>A small valid scenario whose line numbers the validation tests rely on.</summary>
internal static class ScenarioText
{
    public const string Valid = """
        name: test
        region: { name: Kyiv, centre: { lat: 50.45, lon: 30.52 }, radius: 100 km }
        start: 2025-07-04T21:00:00Z
        assets:
          - { name: Kyiv, kind: city, position: { lat: 50.4501, lon: 30.5234 }, radius: 15 km, value: 1000 }
        sensors:
          - { kind: radar, id: 1, name: R1, position: { lat: 50.5, lon: 30.6, height: 150 m }, antenna-height: 20 m, max-range: 250 km, revisit: 5 s, range-noise: 50 m, azimuth-noise: 0.2 deg, elevation-noise: 0.3 deg, detection-probability: 0.9, false-alarms-per-scan: 2 }
          - { kind: acoustic, id: 20, name: A1, position: { lat: 50.6, lon: 30.7 }, antenna-height: 3 m, detection-radius: 5 km, bearing-noise: 3 deg, report-period: 2 s, detection-probability: 80 % }
        effectors:
          - { id: PATRIOT-1, class: long-range-interceptor, position: { lat: 50.4, lon: 30.4 }, min-range: 3 km, max-range: 100 km, max-altitude: 24 km, interceptor-speed: 1500 m/s, magazine: 16, reload-time: 10 s, reaction-time: 8 s, salvo-size: 2, cost-per-shot: 4 M$, kill-probability: { ballistic: 0.8, cruise: 0.9, drone: 0.95 } }
        waves:
          - name: north
            class: drone
            count: 28
            launch: { centre: { lat: 52.0, lon: 32.0 }, radius: 30 km, start: 0 min, end: 60 min }
            targets: [ { asset: Kyiv, weight: 3 }, { position: { lat: 50.3, lon: 30.3 } } ]
            via: [ { lat: 51.0, lon: 31.0 } ]
            speed: 180 km/h
            altitude: 1000 m
            unit-cost: 35 k$
        """;

    /// <summary>The repository root, found above the test binaries by its Canopy.sln.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The text of a scenario shipped in the repository's scenarios/ folder.</summary>
    public static string Shipped(string fileName) => File.ReadAllText(Path.Combine(RepositoryRoot, "scenarios", fileName));

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Canopy.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Canopy.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Parses text that must give no scenario and exactly one error, and returns that error.</summary>
    public static ScenarioError SingleError(string yaml, string fileName = "bad.yaml")
    {
        var result = ScenarioLoader.Parse(yaml, fileName);
        Assert.Null(result.Scenario);
        return Assert.Single(result.Errors);
    }

    /// <summary>The valid text with one exact substring replaced; fails the test if the substring is not there.</summary>
    public static string With(string find, string replace)
    {
        Assert.Contains(find, Valid, StringComparison.Ordinal);
        return Valid.Replace(find, replace, StringComparison.Ordinal);
    }
}
