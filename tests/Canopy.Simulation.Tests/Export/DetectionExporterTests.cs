using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.Core.Sensing;
using Canopy.Simulation.Export;
using Canopy.Simulation.Running;
using Canopy.Tracking.Files;

namespace Canopy.Simulation.Tests.Export;

public class DetectionExporterTests
{
    [Fact]
    public void Export_OneDrone_WritesConsistentTruthDetectionsTracksAndSensors()
    {
        var dir = Directory.CreateTempSubdirectory("canopy-exporter-").FullName;
        try
        {
            var scenario = TestScenarios.OneDroneOneGun(pk: 0);
            using (var exporter = new DetectionExporter(dir, scenario))
                SimulationRunner.CreateDefault().Run(scenario, 1, observer: exporter);

            var truth = StateCsv.Read(Path.Combine(dir, "truth.csv"), StateFileKind.Truth);
            Assert.True(truth.Count > 100);
            Assert.All(truth, r => Assert.Equal(1, r.State.Id));
            // 170 km/h along the path; and one tick's displacement is the velocity times 1 s, but where the path turns
            // (the climb after launch, the dive at the end).
            foreach (var r in truth.Skip(1).SkipLast(1)) Assert.Equal(170 / 3.6, r.State.Velocity.Length, 0.5);
            var straight = Enumerable.Range(0, truth.Count - 1)
                .Count(k => (truth[k + 1].State.Position - truth[k].State.Position - truth[k].State.Velocity).Length < 0.1);
            Assert.InRange(straight, truth.Count - 5, truth.Count);

            var sensors = SensorsFile.Load(Path.Combine(dir, "sensors.yaml"));
            var radar = Assert.Single(sensors.Radars);
            Assert.Equal(scenario.Region.Centre, sensors.Origin);
            var frame = new LocalFrame(sensors.Origin);
            var antenna = frame.ToEnu(radar.Antenna);
            var byTime = truth.ToDictionary(r => r.Time, r => r.State.Position);
            var detections = DetectionCsv.Read(Path.Combine(dir, $"detections-{radar.Id}.csv"));
            Assert.NotEmpty(detections);
            foreach (var plot in detections)
            {
                Assert.Equal(MeasurementKind.RangeAzimuthElevation, plot.Kind);
                // Range noise 20 m: every plot within 6 sigma of the true range.
                Assert.Equal(Vec3.Distance(byTime[plot.Time], antenna), plot.Range, 120.0);
            }

            var tracks = StateCsv.Read(Path.Combine(dir, "tracks.csv"), StateFileKind.Tracks);
            Assert.NotEmpty(tracks);
            // While the drone flies, its track is on it (a confirmed track may coast on for a few ticks after the impact).
            Assert.All(tracks.Where(r => byTime.ContainsKey(r.Time)), r => Assert.True(Vec3.Distance(byTime[r.Time], r.State.Position) < 500, $"track {r.State.Id} at {r.Time}"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Export_DopplerRadar_WritesRangeRatesAndTheirNoise()
    {
        var dir = Directory.CreateTempSubdirectory("canopy-exporter-").FullName;
        try
        {
            var plain = TestScenarios.OneDroneOneGun(pk: 0);
            var scenario = plain with
            {
                Sensors = plain.Sensors.Select(s => s is Core.Defence.RadarSpec r ? r with { RangeRateSigma = Core.Quantities.Speed.FromMetresPerSecond(1) } : s).ToList(),
            };
            using (var exporter = new DetectionExporter(dir, scenario))
                SimulationRunner.CreateDefault().Run(scenario, 1, observer: exporter);

            var radar = Assert.Single(SensorsFile.Load(Path.Combine(dir, "sensors.yaml")).Radars);
            Assert.Equal(1, radar.RangeRateSigma?.MetresPerSecond);
            var path = Path.Combine(dir, $"detections-{radar.Id}.csv");
            Assert.Equal(DetectionCsv.RadarRangeRateHeader, File.ReadLines(path).First());
            var detections = DetectionCsv.Read(path);
            Assert.NotEmpty(detections);
            // 170 km/h = 47.2 m/s: no range rate beyond that and 6 sigma of noise.
            Assert.All(detections, p => Assert.InRange(p.RangeRate, -47.3 - 6, 47.3 + 6));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
