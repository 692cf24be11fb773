using Canopy.Core.Geometry;
using Canopy.Core.Sensing;

namespace Canopy.Tracking.Files;

/// <summary>
/// detections.csv: one detection per row, either <c>time_s,sensor_id,x_m,y_m,z_m</c> (position sensors, local
/// east/north/up metres) or <c>time_s,sensor_id,range_m,azimuth_rad,elevation_rad</c> (radars, in the radar's own
/// local frame, azimuth clockwise from north), the latter optionally with a range rate (<c>range_rate_mps</c>, m/s,
/// positive receding). One file holds one of these forms. Written to the microsecond, millimetre (and mm/s) and nanoradian.
/// </summary>
public static class DetectionCsv
{
    public const string PositionHeader = "time_s,sensor_id,x_m,y_m,z_m";
    public const string RadarHeader = "time_s,sensor_id,range_m,azimuth_rad,elevation_rad";
    public const string RadarRangeRateHeader = RadarHeader + ",range_rate_mps";

    private static readonly string[] Headers = [PositionHeader, RadarHeader, RadarRangeRateHeader];

    /// <summary>
    /// A detection's time may lie at most this far (s), or the file's own span if longer, outside the span of the
    /// file's middle 98 % of times: a night's recording spans hours, and a stray time of 1e6 s is a corrupt row.
    /// </summary>
    public const double TimeMargin = 3600;

    /// <summary>Reads the plots of <paramref name="path"/>; each row's line is in <paramref name="lines"/> when given.</summary>
    /// <exception cref="TrackingFileException">The file is missing, has another header, a bad row or a time far outside the others.</exception>
    public static List<Plot> Read(string path, List<int>? lines = null)
    {
        var plots = new List<Plot>();
        lines ??= [];
        CsvTable.Read(path, Headers, t => Add(t, plots, lines));
        CheckTimes(plots, lines, path);
        return plots;
    }

    /// <summary>Reads from text already open; <paramref name="file"/> labels the errors.</summary>
    public static List<Plot> Read(TextReader reader, string file, List<int>? lines = null)
    {
        var plots = new List<Plot>();
        lines ??= [];
        CsvTable.Read(reader, file, Headers, t => Add(t, plots, lines));
        CheckTimes(plots, lines, file);
        return plots;
    }

    /// <summary>Refuses a time more than <see cref="TimeMargin"/> (or the span itself) outside the span of the middle 98 % of times.</summary>
    private static void CheckTimes(List<Plot> plots, List<int> lines, string file)
    {
        if (plots.Count == 0) return;
        var times = plots.Select(p => p.Time).Order().ToArray();
        var low = times[(int)Math.Ceiling(0.01 * (times.Length - 1))];
        var high = times[(int)Math.Floor(0.99 * (times.Length - 1))];
        if (low > high) (low, high) = (high, low); // two rows: both ends
        var margin = Math.Max(TimeMargin, high - low);
        for (var i = 0; i < plots.Count; i++)
        {
            var t = plots[i].Time;
            if (t >= low - margin && t <= high + margin) continue;
            throw new TrackingFileException($"{file}:{lines[i]}: column 'time_s': {CsvTable.Format(t, "G6")} s is far outside the file's "
                + $"other times ({CsvTable.Format(low, CsvTable.Time)} to {CsvTable.Format(high, CsvTable.Time)} s)");
        }
    }

    /// <summary>Writes the header for plots of <paramref name="kind"/> (radar, with range rates or not, or position).</summary>
    public static void WriteHeader(TextWriter writer, MeasurementKind kind, bool rangeRate = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(kind switch
        {
            MeasurementKind.RangeAzimuthElevation => rangeRate ? RadarRangeRateHeader : RadarHeader,
            MeasurementKind.Position => PositionHeader,
            _ => throw new ArgumentException($"{kind} plots have no detections.csv form", nameof(kind)),
        });
    }

    /// <summary>Writes one plot; its range rate, if it has one, as a sixth column (the header must say so).</summary>
    public static void WriteRow(TextWriter writer, in Plot plot)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var polar = plot.Kind == MeasurementKind.RangeAzimuthElevation;
        CsvTable.Write(writer, plot.Time, CsvTable.Time, first: true);
        CsvTable.Write(writer, plot.Sensor.Value);
        CsvTable.Write(writer, plot.Value.X, CsvTable.Metres);
        CsvTable.Write(writer, plot.Value.Y, polar ? CsvTable.Radians : CsvTable.Metres);
        CsvTable.Write(writer, plot.Value.Z, polar ? CsvTable.Radians : CsvTable.Metres);
        if (polar && plot.HasRangeRate) CsvTable.Write(writer, plot.RangeRate, CsvTable.Metres);
        writer.WriteLine();
    }

    private static void Add(CsvTable t, List<Plot> plots, List<int> lines)
    {
        var time = t.Number(0);
        var sensor = new SensorId(t.Integer(1));
        var value = new Vec3(t.Number(2), t.Number(3), t.Number(4));
        if (t.Header == 1 && value.X < 0) throw t.Error($"column 'range_m': {CsvTable.Format(value.X, CsvTable.Metres)} is negative");
        var plot = t.Header == 0 ? Plot.Position(sensor, time, value) : Plot.Polar(sensor, time, value.X, value.Y, value.Z);
        plots.Add(t.Header == 2 ? plot with { RangeRate = t.Number(5) } : plot);
        lines.Add(t.Line);
    }
}
