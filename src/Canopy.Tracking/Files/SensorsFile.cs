using System.Globalization;
using System.Text.RegularExpressions;
using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.Core.Quantities;
using Canopy.Core.Sensing;
using Canopy.Scenarios.Loading;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Canopy.Tracking.Files;

/// <summary>
/// sensors.yaml: the sensors behind a set of detections files and the origin of their common east/north/up frame
/// (the <c>origin</c> key, else the first radar's position). Format: docs/tracking-files.md.
/// </summary>
public sealed partial record SensorsFile(Geodetic Origin, IReadOnlyList<RadarSpec> Radars, IReadOnlyList<PositionSensorSpec> PositionSensors)
{
    /// <summary>The layout a tracker needs: the frame, the radars and the position sensors.</summary>
    public DefenceLayout Layout() => new(new LocalFrame(Origin), [], [.. Radars, .. PositionSensors], [], new DefencePolicy());

    /// <summary>The kind of plots sensor <paramref name="id"/> sends, or null if the file has no such sensor.</summary>
    public MeasurementKind? KindOf(SensorId id) =>
        Radars.Any(r => r.Id == id) ? MeasurementKind.RangeAzimuthElevation
        : PositionSensors.Any(p => p.Id == id) ? MeasurementKind.Position
        : null;

    /// <exception cref="TrackingFileException">The file cannot be read or has errors (all of them, with line and column).</exception>
    public static SensorsFile Load(string path)
    {
        string yaml;
        try
        {
            yaml = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new TrackingFileException($"{path}: cannot read the file: {e.Message}", e);
        }
        return Parse(yaml, path);
    }

    /// <summary>Parses sensors.yaml text; <paramref name="file"/> only labels the errors.</summary>
    public static SensorsFile Parse(string yaml, string file)
    {
        var errors = new ErrorList(file);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new TrackingFileException($"{file}:{e.Start.Line}:{e.Start.Column}: {MarkPrefix().Replace(e.Message, "")}", e);
        }
        if (stream.Documents.Count == 0) throw new TrackingFileException($"{file}:1:1: the file is empty");
        var result = Read(stream.Documents[0].RootNode, new ValueReader(errors));
        if (errors.Count > 0 || result is null)
            throw new TrackingFileException(string.Join(Environment.NewLine, errors.InFileOrder()));
        return result;
    }

    /// <summary>Writes a sensors.yaml for <paramref name="radars"/> (and position sensors) in the frame at <paramref name="origin"/>.</summary>
    public static void Write(TextWriter writer, Geodetic origin, IEnumerable<RadarSpec> radars, IEnumerable<PositionSensorSpec> positionSensors)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(radars);
        ArgumentNullException.ThrowIfNull(positionSensors);
        writer.WriteLine("# Sensors of the detections files (format: docs/tracking-files.md).");
        writer.WriteLine($"origin: {Position(origin)}");
        writer.WriteLine("sensors:");
        foreach (var r in radars)
        {
            writer.WriteLine($"  - id: {r.Id}");
            writer.WriteLine($"    name: {Quote(r.Name)}");
            writer.WriteLine("    kind: radar");
            writer.WriteLine($"    position: {Position(r.Antenna)}");
            writer.WriteLine($"    max-range: {F(r.MaxRange.Metres)} m");
            writer.WriteLine($"    revisit: {F(r.RevisitPeriod.Seconds)} s");
            writer.WriteLine($"    detection-probability: {F(r.DetectionProbability.Value)}");
            writer.WriteLine($"    false-alarms-per-scan: {F(r.FalseAlarmsPerScan)}");
            var rangeRate = r.RangeRateSigma is { } v ? $", range-rate: {F(v.MetresPerSecond)} m/s" : "";
            writer.WriteLine($"    noise: {{ range: {F(r.RangeSigma.Metres)} m, azimuth: {F(r.AzimuthSigma.Radians)} rad, elevation: {F(r.ElevationSigma.Radians)} rad{rangeRate} }}");
        }
        foreach (var p in positionSensors)
        {
            writer.WriteLine($"  - id: {p.Id}");
            writer.WriteLine($"    name: {Quote(p.Name)}");
            writer.WriteLine("    kind: position");
            if (p.ReportPeriod is { } period) writer.WriteLine($"    revisit: {F(period.Seconds)} s");
            writer.WriteLine($"    detection-probability: {F(p.DetectionProbability.Value)}");
            writer.WriteLine($"    false-alarms-per-scan: {F(p.FalseAlarmsPerScan)}");
            if (p.Coverage is { } c)
                writer.WriteLine($"    coverage: {{ east: {F(c.East.Metres)} m, north: {F(c.North.Metres)} m, up: {F(c.Up.Metres)} m }}");
            writer.WriteLine($"    noise: {{ x: {F(p.SigmaEast.Metres)} m, y: {F(p.SigmaNorth.Metres)} m, z: {F(p.SigmaUp.Metres)} m }}");
        }
    }

    private static SensorsFile? Read(YamlNode root, ValueReader values)
    {
        if (MappingReader.From(root, "sensors file", values) is not { } file) return null;
        Geodetic? origin = file.Find("origin") is { } o ? values.Position(o, "origin") : null;
        var radars = new List<RadarSpec>();
        var positions = new List<PositionSensorSpec>();
        var ids = new HashSet<int>();
        if (file.Sequence("sensors", required: true) is { } list)
        {
            foreach (var node in list)
            {
                if (MappingReader.From(node, "sensor", values) is not { } r) continue;
                var id = r.Integer("id", NumberRange.NonNegative);
                if (id is { } i && !ids.Add(i)) values.Errors.Add(r.Find("id")!, $"sensor id {i} appears twice");
                r.What = $"sensor {id?.ToString(CultureInfo.InvariantCulture) ?? "?"}";
                var name = r.Text("name", $"sensor {id}");
                switch (r.Text("kind"))
                {
                    case "radar":
                        if (Radar(r, new SensorId(id ?? 0), name) is { } radar && id is not null) radars.Add(radar);
                        break;
                    case "position":
                        if (Positions(r, new SensorId(id ?? 0), name) is { } feed && id is not null) positions.Add(feed);
                        break;
                    case null:
                        break;
                    case var other:
                        values.Errors.Add(r.Find("kind")!, $"kind: '{other}' is not one of radar, position");
                        break;
                }
                r.ReportUnknownFields();
            }
        }
        file.ReportUnknownFields();
        origin ??= radars.Count > 0 ? radars[0].Position : null;
        if (origin is null)
        {
            values.Errors.Add(root, "origin: required when there is no radar (the frame of position sensors)");
            return null;
        }
        // A position sensor has no site: it sits at the frame's origin, known only now.
        return new SensorsFile(origin.Value, radars, [.. positions.Select(p => p with { Position = origin.Value })]);
    }

    private static RadarSpec? Radar(MappingReader r, SensorId id, string name)
    {
        var position = r.Position("position");
        var maxRange = r.Length("max-range", NumberRange.Positive);
        var revisit = r.Duration("revisit", NumberRange.Positive);
        var pd = r.Fraction("detection-probability", 0.9);
        var falseAlarms = r.Number("false-alarms-per-scan", NumberRange.NonNegative, 0);
        Length? range = null;
        Angle? azimuth = null, elevation = null;
        Speed? rangeRate = null;
        if (r.Mapping("noise", required: true, $"{r.What} noise") is { } noise)
        {
            range = noise.Length("range", NumberRange.NonNegative);
            azimuth = noise.Angle("azimuth", NumberRange.NonNegative);
            elevation = noise.Angle("elevation", NumberRange.NonNegative);
            if (noise.Find("range-rate") is not null) rangeRate = noise.Speed("range-rate", NumberRange.Positive);
            noise.ReportUnknownFields();
        }
        return position is null || maxRange is null || revisit is null || range is null || azimuth is null || elevation is null
            ? null
            : new RadarSpec(id, name, position.Value, Length.FromMetres(0), maxRange.Value, revisit.Value,
                range.Value, azimuth.Value, elevation.Value, Probability.Of(pd), falseAlarms, rangeRate);
    }

    private static PositionSensorSpec? Positions(MappingReader r, SensorId id, string name)
    {
        var revisit = r.OptionalDuration("revisit", NumberRange.Positive);
        var pd = r.Fraction("detection-probability", 0.9);
        var falseAlarms = r.Number("false-alarms-per-scan", NumberRange.NonNegative, 0);
        PositionCoverage? coverage = null;
        if (r.Mapping("coverage", required: false, $"{r.What} coverage") is { } box)
        {
            var east = box.Length("east", NumberRange.Positive);
            var north = box.Length("north", NumberRange.Positive);
            var up = box.Length("up", NumberRange.Positive);
            box.ReportUnknownFields();
            if (east is not null && north is not null && up is not null) coverage = new PositionCoverage(east.Value, north.Value, up.Value);
        }
        if (r.Mapping("noise", required: true, $"{r.What} noise") is not { } noise) return null;
        var x = noise.Length("x", NumberRange.Positive);
        var y = noise.Length("y", NumberRange.Positive);
        var z = noise.Length("z", NumberRange.Positive);
        noise.ReportUnknownFields();
        return x is null || y is null || z is null
            ? null
            : new PositionSensorSpec(id, name, default, x.Value, y.Value, z.Value, Probability.Of(pd), falseAlarms, revisit, coverage);
    }

    private static string Position(Geodetic g) => $"{{ lat: {F(g.LatitudeDeg)}, lon: {F(g.LongitudeDeg)}, height: {F(g.HeightM)} m }}";

    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>YamlDotNet puts "(Line: 3, Col: 5, Idx: 20) - (Line: ...): " before its messages; the error already has the place.</summary>
    [GeneratedRegex(@"^\(Line: .*?\) - \(Line: .*?\): ")]
    private static partial Regex MarkPrefix();
}
