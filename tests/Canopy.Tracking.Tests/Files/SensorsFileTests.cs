using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.Core.Quantities;
using Canopy.Core.Sensing;
using Canopy.Tracking.Files;

namespace Canopy.Tracking.Tests.Files;

public class SensorsFileTests
{
    private const string Example = """
        sensors:
          - id: 1
            name: North
            kind: radar
            position: { lat: 50.5, lon: 30.25, height: 160 m }
            max-range: 250 km
            revisit: 5 s
            noise: { range: 50 m, azimuth: 0.2 deg, elevation: 0.5 deg }
          - id: 20
            kind: position
            noise: { x: 30 m, y: 40 m, z: 60 m }
        """;

    [Fact]
    public void Parse_Example_GivesRadarInSiAndPositionSensorAndOriginAtTheRadar()
    {
        var file = SensorsFile.Parse(Example, "sensors.yaml");
        var radar = Assert.Single(file.Radars);
        Assert.Equal(new SensorId(1), radar.Id);
        Assert.Equal(250_000, radar.MaxRange.Metres);
        Assert.Equal(5, radar.RevisitPeriod.Seconds);
        Assert.Equal(0.2 * Math.PI / 180, radar.AzimuthSigma.Radians, 15);
        Assert.Equal(160, radar.Antenna.HeightM);
        Assert.Equal(radar.Position, file.Origin);
        Assert.Equal(new PositionSensorSpec(new SensorId(20), "sensor 20", file.Origin, Length.FromMetres(30), Length.FromMetres(40),
            Length.FromMetres(60), Probability.Of(0.9), 0), Assert.Single(file.PositionSensors));
        Assert.Equal(MeasurementKind.Position, file.KindOf(new SensorId(20)));
        Assert.Null(file.KindOf(new SensorId(2)));
    }

    [Fact]
    public void WriteThenParse_RoundTripsRadarsAndOrigin()
    {
        var radar = new RadarSpec(new SensorId(4), "East \"big\" radar", Geodetic.FromDegrees(49.1, 31.7, 100), Length.FromMetres(20),
            Length.FromMetres(300_000), Duration.FromSeconds(4), Length.FromMetres(35), Angle.FromRadians(0.003),
            Angle.FromRadians(0.005), Probability.Of(0.85), 2);
        var origin = Geodetic.FromDegrees(50, 30, 0);
        var writer = new StringWriter();
        var feed = new PositionSensorSpec(new SensorId(9), "feed", origin, Length.FromMetres(1), Length.FromMetres(2), Length.FromMetres(3),
            Probability.Of(0.8), 35, Duration.FromSeconds(2), new PositionCoverage(Length.FromKilometres(300), Length.FromKilometres(200), Length.FromKilometres(12)));
        SensorsFile.Write(writer, origin, [radar], [feed]);

        var file = SensorsFile.Parse(writer.ToString(), "sensors.yaml");
        Assert.Equal(origin.LatitudeRad, file.Origin.LatitudeRad, 15);
        var back = Assert.Single(file.Radars);
        Assert.Equal(radar.Name, back.Name);
        Assert.Equal(radar.Antenna.HeightM, back.Antenna.HeightM, 9);
        Assert.Equal(radar.Antenna.LatitudeRad, back.Antenna.LatitudeRad, 15);
        Assert.Equal(radar.RangeSigma, back.RangeSigma);
        Assert.Equal(radar.ElevationSigma, back.ElevationSigma);
        Assert.Equal(radar.DetectionProbability, back.DetectionProbability);
        Assert.Equal(2, back.FalseAlarmsPerScan);
        var feedBack = Assert.Single(file.PositionSensors);
        Assert.Equal(feed with { Position = file.Origin }, feedBack);
        Assert.Equal(35 / (300_000.0 * 200_000 * 12_000), feedBack.ClutterDensity!.Value, 1e-30);
    }

    [Fact]
    public void WriteThenParse_RangeRateNoiseRoundTrips()
    {
        var radar = new RadarSpec(new SensorId(4), "doppler", Geodetic.FromDegrees(49.1, 31.7, 100), Length.FromMetres(20),
            Length.FromMetres(300_000), Duration.FromSeconds(4), Length.FromMetres(35), Angle.FromRadians(0.003),
            Angle.FromRadians(0.005), Probability.Of(0.85), 2, Speed.FromMetresPerSecond(1.5));
        var writer = new StringWriter();
        SensorsFile.Write(writer, Geodetic.FromDegrees(50, 30, 0), [radar, radar with { Id = new SensorId(5), RangeRateSigma = null }], []);
        var file = SensorsFile.Parse(writer.ToString(), "sensors.yaml");
        Assert.Equal(1.5, file.Radars[0].RangeRateSigma?.MetresPerSecond);
        Assert.Null(file.Radars[1].RangeRateSigma);
    }

    [Fact]
    public void Parse_RangeRateNoiseInMetres_NamesLineAndColumn()
    {
        const string text = """
            sensors:
              - id: 1
                kind: radar
                position: { lat: 50, lon: 30 }
                max-range: 250 km
                revisit: 5 s
                noise: { range: 50 m, azimuth: 0.2 deg, elevation: 0.5 deg, range-rate: 1 m }
            """;
        var ex = Assert.Throws<TrackingFileException>(() => SensorsFile.Parse(text, "s.yaml"));
        Assert.StartsWith("s.yaml:7:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("range-rate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Errors_AreAllReportedWithLineAndColumn()
    {
        const string text = """
            sensors:
              - id: 1
                kind: radar
                position: { lat: 50, lon: 30 }
                max-range: 250 furlongs
                revisit: 5 s
                noise: { range: 50 m, azimuth: 0.2 deg, elevation: 0.5 deg, doppler: 1 m/s }
              - id: 1
                kind: sonar
            """;
        var ex = Assert.Throws<TrackingFileException>(() => SensorsFile.Parse(text, "s.yaml"));
        var lines = ex.Message.Split(Environment.NewLine);
        Assert.Contains(lines, l => l.StartsWith("s.yaml:5:16: max-range:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("s.yaml:7:65: unknown field 'doppler'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("s.yaml:8:9: sensor id 1 appears twice", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("s.yaml:9:11: kind: 'sonar'", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_OnlyPositionSensorsWithoutOrigin_AsksForTheOrigin()
    {
        const string text = "sensors:\n  - { id: 3, kind: position, noise: { x: 1 m, y: 1 m, z: 1 m } }\n";
        var ex = Assert.Throws<TrackingFileException>(() => SensorsFile.Parse(text, "s.yaml"));
        Assert.Contains("origin: required", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PositionSensorKeys_AreReadAndChecked()
    {
        const string yaml = "origin: { lat: 50, lon: 30, height: 0 m }\nsensors:\n  - id: 3\n    kind: position\n    revisit: 1 s\n"
            + "    detection-probability: 1.5\n    false-alarms-per-scan: -2\n    coverage: { east: 300 km, north: 0 km, up: 12 km }\n"
            + "    noise: { x: 50 m, y: 50 m, z: 100 m }\n";
        var ex = Assert.Throws<TrackingFileException>(() => SensorsFile.Parse(yaml, "sensors.yaml"));
        var lines = ex.Message.Split(Environment.NewLine);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("sensors.yaml:6:", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("sensors.yaml:7:", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("sensors.yaml:8:", lines[2], StringComparison.Ordinal);
        var good = SensorsFile.Parse(yaml.Replace("1.5", "0.8", StringComparison.Ordinal).Replace("-2", "40", StringComparison.Ordinal)
            .Replace("north: 0 km", "north: 300 km", StringComparison.Ordinal), "sensors.yaml");
        var feed = Assert.Single(good.PositionSensors);
        Assert.Equal(0.8, feed.DetectionProbability.Value);
        Assert.Equal(40, feed.FalseAlarmsPerScan);
        Assert.Equal(1, feed.ReportPeriod!.Value.Seconds);
        Assert.Equal(100, feed.SigmaUp.Metres);
        Assert.Equal(40 / (300_000.0 * 300_000 * 12_000), feed.ClutterDensity!.Value, 1e-30);
        Assert.Contains(feed, good.Layout().Sensors);
    }
}
