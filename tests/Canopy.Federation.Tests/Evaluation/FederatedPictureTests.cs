using Canopy.Federation.Evaluation;
using Canopy.Scenarios.Loading;
using Canopy.Scenarios.Model;

namespace Canopy.Federation.Tests.Evaluation;

public class FederatedPictureTests
{
    /// <summary>
    /// Two nations side by side, AA in the west and BB in the east, each with one 60 km radar 100 km from the other's:
    /// 20 drones fly from AA's side across the border to BB's city, so each nation alone sees them only over its own half
    /// of the route (and both over the 20 km in the middle); no fire units, so every drone flies its whole route.
    /// </summary>
    internal const string TwoNations = """
        name: two-nations
        region: { name: Border, centre: { lat: 50.0, lon: 20.0 }, radius: 150 km }
        nation: AA
        start: 2025-09-10T00:00:00Z
        simulation: { tick: 2 s, max-duration: 70 min }
        assets:
          - { name: East city, nation: BB, kind: city, position: { lat: 50.0, lon: 21.1 }, radius: 5 km, value: 100 }
        sensors:
          - { kind: radar, id: 1, name: West radar, position: { lat: 50.0, lon: 19.3, height: 200 m }, antenna-height: 25 m,
              max-range: 60 km, revisit: 10 s, range-noise: 50 m, azimuth-noise: 0.2 deg, elevation-noise: 0.3 deg,
              detection-probability: 0.9, false-alarms-per-scan: 1 }
          - { kind: radar, id: 2, nation: BB, name: East radar, position: { lat: 50.0, lon: 20.7, height: 200 m }, antenna-height: 25 m,
              max-range: 60 km, revisit: 10 s, range-noise: 50 m, azimuth-noise: 0.2 deg, elevation-noise: 0.3 deg,
              detection-probability: 0.9, false-alarms-per-scan: 1 }
        waves:
          - { name: drones, class: drone, count: 20, launch: { centre: { lat: 50.0, lon: 18.9 }, radius: 10 km, start: 0 min, end: 5 min },
              targets: [ { asset: East city } ], route-spread: 5 km, speed: 180 km/h, altitude: 2000 m, altitude-spread: 500 m,
              aim-error: 200 m, unit-cost: 35 k$ }
        """;

    internal static Scenario Load(string yaml)
    {
        var result = ScenarioLoader.Parse(yaml, "test.yaml");
        Assert.Empty(result.Errors);
        return result.Scenario!;
    }

    [Fact]
    public void Fused_picture_beats_each_nations_own_and_comes_close_to_central_fusion()
    {
        var report = FederatedPictureRun.Run(Load(TwoNations), seed: 1);
        var p = report.Picture;
        Assert.Equal(["AA", "BB"], p.Nations.Select(n => n.Nation));
        foreach (var n in p.Nations)
        {
            Assert.True(n.Fused.Gospa < n.Own.Gospa, $"{n.Nation}: fused {n.Fused.Gospa:0.0} m not below own {n.Own.Gospa:0.0} m");
            // Partners' tracks are fused in: some system tracks hold both nations' tracks (the overlap in the middle).
            Assert.InRange(n.MeanContributors, 1.01, 2);
        }
        // Central fusion of all plots in one tracker is the best one can do with these sensors; track-to-track fusion
        // loses only in the overlap (covariance intersection is conservative) and where a nation's tracker starts a
        // track its partner already held: within 10 % of the fused picture's GOSPA.
        foreach (var n in p.Nations) Assert.True(p.Central.Gospa <= n.Fused.Gospa * 1.10, $"central {p.Central.Gospa:0.0} m vs {n.Nation} fused {n.Fused.Gospa:0.0} m");
    }

    [Fact]
    public void The_same_seed_gives_the_same_scores()
    {
        var a = FederatedPictureRun.Run(Load(TwoNations), seed: 3).Picture;
        var b = FederatedPictureRun.Run(Load(TwoNations), seed: 3).Picture;
        Assert.Equal(a.Central, b.Central);
        Assert.Equal(a.Nations.Select(n => (n.Own, n.Fused)), b.Nations.Select(n => (n.Own, n.Fused)));
    }
}
