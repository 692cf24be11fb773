using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Scenarios.Loading;
using Canopy.Scenarios.Model;
using Canopy.World.Kinematics;
using Canopy.World.Raids;

namespace Canopy.World.Tests.Raids;

public class RaidGeneratorTests
{
    private static Scenario Raid()
    {
        var result = ScenarioLoader.Parse("""
            name: raid
            description: two waves
            region: { name: R, centre: { lat: 50.0, lon: 30.0 }, radius: 100 km }
            start: 2025-07-04T21:00:00Z
            assets:
              - { name: A, kind: city, position: { lat: 50.0, lon: 30.0 }, radius: 5 km, value: 100 }
              - { name: B, kind: power-plant, position: { lat: 50.2, lon: 30.0 }, radius: 1 km, value: 50 }
            sensors: []
            effectors: []
            waves:
              - { name: drones, class: drone, count: 400, launch: { centre: { lat: 50.0, lon: 32.0 }, radius: 20 km, start: 10 min, end: 70 min },
                  targets: [ { asset: A, weight: 3 }, { asset: B, weight: 1 } ], via: [ { lat: 50.5, lon: 31.0 } ], route-spread: 5 km,
                  speed: 180 km/h, altitude: 1000 m, altitude-spread: 500 m, unit-cost: 35 k$ }
              - { name: iskander, class: ballistic, count: 5, launch: { centre: { lat: 50.0, lon: 34.0 }, radius: 1 km, start: 0 s, end: 1 min },
                  targets: [ { asset: A, weight: 1 } ], speed: 2000 m/s, altitude: 50 km, flight-time: 4 min, unit-cost: 3 M$ }
            """, "raid.yaml");
        Assert.Empty(result.Errors);
        return result.Scenario!;
    }

    [Fact]
    public void Generate_MoreThreatsThanANightTakes_IsRefusedBeforeAllocating()
    {
        // A wave count of 2^31 - 1 (built in code: the loader refuses it) must not start drawing two billion threats.
        var raid = Raid();
        var huge = raid with { Waves = [raid.Waves[0] with { Count = int.MaxValue }, raid.Waves[1]] };
        var e = Assert.Throws<ArgumentException>(() => RaidGenerator.Generate(huge, new Random(1)));
        Assert.Contains($"{int.MaxValue + 5L} threats", e.Message, StringComparison.Ordinal);
        var atLimit = raid with { Waves = [raid.Waves[0] with { Count = ScenarioLimits.MaxThreatsPerNight - 5 }, raid.Waves[1]] };
        Assert.Equal(ScenarioLimits.MaxThreatsPerNight, RaidGenerator.Generate(atLimit, new Random(1)).Count);
    }

    [Fact]
    public void Generate_SameSeed_SameRaid()
    {
        var a = RaidGenerator.Generate(Raid(), new Random(9));
        var b = RaidGenerator.Generate(Raid(), new Random(9));
        Assert.Equal(a.Select(t => (t.LaunchTime, t.AimPoint, t.Path.Duration)), b.Select(t => (t.LaunchTime, t.AimPoint, t.Path.Duration)));
    }

    [Fact]
    public void Generate_Waves_DrawCountsWindowsAndTargetWeights()
    {
        var threats = RaidGenerator.Generate(Raid(), new Random(1));
        Assert.Equal(405, threats.Count);
        Assert.Equal(Enumerable.Range(1, 405), threats.Select(t => t.Id));
        var drones = threats.Where(t => t.Class == ThreatClass.Drone).ToList();
        Assert.All(drones, d => Assert.InRange(d.LaunchTime, 600, 4200));
        // Weights 3:1 -> a quarter aimed at B; 400 draws put that share within ±0.065 (3 sd).
        Assert.InRange(drones.Count(d => d.TargetAsset!.Name == "B") / 400.0, 0.185, 0.315);
        Assert.All(drones, d => Assert.InRange(d.Path.At(d.Path.Duration / 3).Height, 500, 1500));
    }

    [Fact]
    public void Generate_Ballistic_FlightTimeFromTheFile()
    {
        var missiles = RaidGenerator.Generate(Raid(), new Random(1)).Where(t => t.Class == ThreatClass.Ballistic).ToList();
        Assert.Equal(5, missiles.Count);
        Assert.All(missiles, m => Assert.Equal(240, m.Path.Duration, 1e-9));
        Assert.All(missiles, m => Assert.IsType<BallisticFlightPath>(m.Path));
    }

    [Fact]
    public void Generate_Drone_EndsOnItsAimPointAfterATerminalDive()
    {
        var drone = RaidGenerator.Generate(Raid(), new Random(1))[0];
        var (end, height) = drone.Path.At(drone.Path.Duration);
        Assert.Equal(0, height);
        Assert.True(Core.Geometry.Vec3.Distance(end, Wgs84.ToEcef(drone.AimPoint)) < 1e-6);
        var beforeDive = drone.Path.At(drone.Path.Duration - RaidGenerator.TerminalDiveDistance / 50 - 1).Height;
        Assert.InRange(beforeDive, 500, 1500);
    }
}
