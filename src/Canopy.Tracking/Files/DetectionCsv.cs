using Canopy.Core.Geometry;
using Canopy.Core.Sensing;

namespace Canopy.Tracking.Files;

/// <summary>
/// detections.csv: one detection per row, either <c>time_s,sensor_id,x_m,y_m,z_m</c> (position sensors, local
/// east/north/up metres) or <c>time_s,sensor_id,range_m,azimuth_rad,elevation_rad</c> (radars, in the radar's own
/// local frame, azimuth clockwise from north). One file holds one of the two kinds. Written to the microsecond,
/// millimetre and nanoradian.
/// </summary>
public static class DetectionCsv
{
    public const string PositionHeader = "time_s,sensor_id,x_m,y_m,z_m";
    public const string RadarHeader = "time_s,sensor_id,range_m,azimuth_rad,elevation_rad";

    /// <summary>Reads the plots of <paramref name="path"/>; each row's line is in <paramref name="lines"/> when given.</summary>
    /// <exception cref="TrackingFileException">The file is missing, has another header or a bad row.</exception>
    public static List<Plot> Read(string path, List<int>? lines = null)
    {
        var plots = new List<Plot>();
        CsvTable.Read(path, [PositionHeader, RadarHeader], t => Add(t, plots, lines));
        return plots;
    }

    /// <summary>Reads from text already open; <paramref name="file"/> labels the errors.</summary>
    public static List<Plot> Read(TextReader reader, string file, List<int>? lines = null)
    {
        var plots = new List<Plot>();
        CsvTable.Read(reader, file, [PositionHeader, RadarHeader], t => Add(t, plots, lines));
        return plots;
    }

    /// <summary>Writes the header for plots of <paramref name="kind"/> (radar or position).</summary>
    public static void WriteHeader(TextWriter writer, MeasurementKind kind)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(kind switch
        {
            MeasurementKind.RangeAzimuthElevation => RadarHeader,
            MeasurementKind.Position => PositionHeader,
            _ => throw new ArgumentException($"{kind} plots have no detections.csv form", nameof(kind)),
        });
    }

    public static void WriteRow(TextWriter writer, in Plot plot)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var polar = plot.Kind == MeasurementKind.RangeAzimuthElevation;
        CsvTable.Write(writer, plot.Time, CsvTable.Time, first: true);
        CsvTable.Write(writer, plot.Sensor.Value);
        CsvTable.Write(writer, plot.Value.X, CsvTable.Metres);
        CsvTable.Write(writer, plot.Value.Y, polar ? CsvTable.Radians : CsvTable.Metres);
        CsvTable.Write(writer, plot.Value.Z, polar ? CsvTable.Radians : CsvTable.Metres);
        writer.WriteLine();
    }

    private static void Add(CsvTable t, List<Plot> plots, List<int>? lines)
    {
        var time = t.Number(0);
        var sensor = new SensorId(t.Integer(1));
        var value = new Vec3(t.Number(2), t.Number(3), t.Number(4));
        if (t.Header == 1 && value.X < 0) throw t.Error($"column 'range_m': {CsvTable.Format(value.X, CsvTable.Metres)} is negative");
        plots.Add(t.Header == 0 ? Plot.Position(sensor, time, value) : Plot.Polar(sensor, time, value.X, value.Y, value.Z));
        lines?.Add(t.Line);
    }
}
