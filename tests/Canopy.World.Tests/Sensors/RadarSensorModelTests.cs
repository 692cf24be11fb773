using Canopy.Core.Geodesy;
using Canopy.Core.Sensing;
using Canopy.World.Sensors;

namespace Canopy.World.Tests.Sensors;

public class RadarSensorModelTests
{
    private static (List<Plot> Plots, List<int> Detected) ScanOnce(RadarSensorModel radar, SimulatedWorld world, int seed = 1)
    {
        var plots = new List<Plot>();
        var detected = new List<int>();
        radar.Observe(0, world.Threats, new Random(seed), plots, detected);
        return (plots, detected);
    }

    [Theory]
    [InlineData(40_000, 1)]
    [InlineData(44_000, 0)]
    public void Observe_TenMetreMastFiftyMetreTarget_SeesItOnlyInsideTheHorizon(double north, int expected)
    {
        var world = new SimulatedWorld([WorldFixtures.NorthboundDrone(1, north, north + 10_000, 50)], [], new LocalFrame(WorldFixtures.Origin), new Random(1));
        world.AdvanceTo(0);
        var (plots, detected) = ScanOnce(new RadarSensorModel(WorldFixtures.Radar(10), 0), world);
        Assert.Equal(expected, plots.Count);
        Assert.Equal(expected, detected.Count);
    }

    [Fact]
    public void Observe_NoiselessRadar_ReportsTheTruePolarPosition()
    {
        var world = new SimulatedWorld([WorldFixtures.NorthboundDrone(1, 20_000, 30_000, 1000)], [], new LocalFrame(WorldFixtures.Origin), new Random(1));
        world.AdvanceTo(0);
        var (plots, _) = ScanOnce(new RadarSensorModel(WorldFixtures.Radar(20), 0), world);
        var plot = Assert.Single(plots);
        var truth = new LocalFrame(WorldFixtures.Radar(20).Antenna).EcefToEnu(world.Threats[0].Ecef);
        Assert.Equal(truth.Length, plot.Range, 1e-3);
        Assert.Equal(0, Angles.WrapPi(plot.Azimuth), 1e-6);
        // 1 km up at 20 km, less the Earth's curvature drop of 31 m and the 20 m mast.
        Assert.Equal(Math.Atan2(1000 - 20 - 31.4, 20_000), plot.Elevation, 1e-3);
    }

    [Fact]
    public void Observe_BetweenScans_ReportsNothing()
    {
        var world = new SimulatedWorld([WorldFixtures.NorthboundDrone(1, 20_000, 30_000, 1000)], [], new LocalFrame(WorldFixtures.Origin), new Random(1));
        world.AdvanceTo(0);
        var radar = new RadarSensorModel(WorldFixtures.Radar(20), 0);
        var plots = new List<Plot>();
        var detected = new List<int>();
        radar.Observe(0, world.Threats, new Random(1), plots, detected);
        radar.Observe(1, world.Threats, new Random(1), plots, detected);
        radar.Observe(4.9, world.Threats, new Random(1), plots, detected);
        Assert.Single(plots);
        radar.Observe(5, world.Threats, new Random(1), plots, detected);
        Assert.Equal(2, plots.Count);
    }

    [Fact]
    public void Observe_FalseAlarmRate_AveragesThePoissonMean()
    {
        var world = new SimulatedWorld([], [], new LocalFrame(WorldFixtures.Origin), new Random(1));
        var radar = new RadarSensorModel(WorldFixtures.Radar(20, falseAlarms: 3), 0);
        var plots = new List<Plot>();
        var rng = new Random(5);
        for (var scan = 0; scan < 2000; scan++) radar.Observe(scan * 5, world.Threats, rng, plots, []);
        Assert.InRange(plots.Count / 2000.0, 2.9, 3.1);
        Assert.All(plots, p => Assert.InRange(p.Range, 0, 300_000));
    }

    [Fact]
    public void Observe_DopplerRadar_ReportsTheRangeRate()
    {
        // 50 m/s due north (level at 1 km), 20 km north of the radar: the line of sight rises 0.047 rad and the
        // flight path, horizontal 20 km away, dips 20/6371 = 0.003 rad in the radar's frame, so ṙ = 50·cos 0.051 = 49.94 m/s.
        var world = new SimulatedWorld([WorldFixtures.NorthboundDrone(1, 20_000, 30_000, 1000)], [], new LocalFrame(WorldFixtures.Origin), new Random(1));
        world.AdvanceTo(1);
        var doppler = WorldFixtures.Radar(20, falseAlarms: 2) with { RangeRateSigma = Core.Quantities.Speed.FromMetresPerSecond(1e-6) };
        var (plots, detected) = ScanOnce(new RadarSensorModel(doppler, 0), world);
        var index = plots.FindIndex(p => p.Range < 25_000 && p.Elevation > 0.04);
        Assert.Equal(49.94, plots[index].RangeRate, 0.01);
        Assert.All(plots, p => Assert.InRange(p.RangeRate, -500, 500));
        Assert.Single(detected);
        Assert.False(Assert.Single(ScanOnce(new RadarSensorModel(WorldFixtures.Radar(20), 0), world).Plots).HasRangeRate);
    }
}
