using Canopy.Core.Geometry;
using Canopy.Core.Sensing;
using Canopy.Tracking.Files;

namespace Canopy.Tracking.Tests.Files;

public class DetectionCsvTests
{
    [Fact]
    public void WriteThenRead_RadarPlots_RoundTripToTheMillimetreAndNanoradian()
    {
        Plot[] plots = [Plot.Polar(new SensorId(3), 1.5, 12345.678, 6.123456789, 0.01), Plot.Polar(new SensorId(3), 2, 0, 0, -0.001)];
        var writer = new StringWriter();
        DetectionCsv.WriteHeader(writer, MeasurementKind.RangeAzimuthElevation);
        foreach (var p in plots) DetectionCsv.WriteRow(writer, p);
        Assert.Equal(plots, DetectionCsv.Read(new StringReader(writer.ToString()), "d.csv"));
        DetectionCsv.WriteRow(writer, Plot.Polar(new SensorId(3), 2, 1.0 / 3, 1.0 / 3, 0));
        Assert.EndsWith($"2,3,0.333,0.333333333,0{Environment.NewLine}", writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void WriteThenRead_RadarPlotsWithRangeRate_RoundTripToTheMillimetrePerSecond()
    {
        Plot[] plots = [Plot.Polar(new SensorId(3), 1.5, 12345.678, 6.123456789, 0.01) with { RangeRate = -812.345 }];
        var writer = new StringWriter();
        DetectionCsv.WriteHeader(writer, MeasurementKind.RangeAzimuthElevation, rangeRate: true);
        foreach (var p in plots) DetectionCsv.WriteRow(writer, p);
        Assert.StartsWith(DetectionCsv.RadarHeader + ",range_rate_mps", writer.ToString(), StringComparison.Ordinal);
        Assert.Equal(plots, DetectionCsv.Read(new StringReader(writer.ToString()), "d.csv"));
        Assert.False(DetectionCsv.Read(new StringReader(DetectionCsv.RadarHeader + "\n0,1,10,0,0\n"), "d.csv")[0].HasRangeRate);
    }

    [Fact]
    public void Read_BadRangeRate_NamesLineAndColumn()
    {
        const string text = DetectionCsv.RadarRangeRateHeader + "\n0,1,10,0,0,5\n1,1,10,0,0,fast\n";
        var ex = Assert.Throws<TrackingFileException>(() => DetectionCsv.Read(new StringReader(text), "d.csv"));
        Assert.Equal("d.csv:3: column 'range_rate_mps': 'fast' is not a finite number", ex.Message);
    }

    [Fact]
    public void Read_PositionHeader_GivesPositionPlotsAndTheirLines()
    {
        const string text = "time_s, sensor_id, x_m, y_m, z_m\n0.5,9,100,-200,3000\n\n1.5,9,1,2,3\n";
        var lines = new List<int>();
        var plots = DetectionCsv.Read(new StringReader(text), "d.csv", lines);
        Assert.Equal([Plot.Position(new SensorId(9), 0.5, new Vec3(100, -200, 3000)), Plot.Position(new SensorId(9), 1.5, new Vec3(1, 2, 3))], plots);
        Assert.Equal([2, 4], lines);
    }

    [Fact]
    public void Read_NegativeRange_NamesLineAndColumn()
    {
        const string text = DetectionCsv.RadarHeader + "\n0,1,10,0,0\n1,1,-10,0,0\n";
        var ex = Assert.Throws<TrackingFileException>(() => DetectionCsv.Read(new StringReader(text), "d.csv"));
        Assert.Equal("d.csv:3: column 'range_m': -10 is negative", ex.Message);
    }

    [Fact]
    public void Read_NaN_IsRejected()
    {
        const string text = DetectionCsv.RadarHeader + "\n0,1,10,NaN,0\n";
        var ex = Assert.Throws<TrackingFileException>(() => DetectionCsv.Read(new StringReader(text), "d.csv"));
        Assert.Equal("d.csv:2: column 'azimuth_rad': 'NaN' is not a finite number", ex.Message);
    }

    [Fact]
    public void Read_MissingFile_SaysItCannotBeRead()
    {
        var ex = Assert.Throws<TrackingFileException>(() => DetectionCsv.Read(Path.Combine(Path.GetTempPath(), "no-such-dir-canopy", "d.csv")));
        Assert.Contains("cannot read the file", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1000000", "d.csv:4: column 'time_s': 1E+06 s is far outside the file's other times (1 to 2 s)")]
    [InlineData("1e300", "d.csv:4: column 'time_s': 1E+300 s is far outside the file's other times (1 to 2 s)")]
    [InlineData("-7200", "d.csv:4: column 'time_s': -7200 s is far outside the file's other times (0 to 1 s)")]
    public void Read_TimeFarOutsideTheOthers_IsRefusedWithItsLine(string time, string message)
    {
        var text = DetectionCsv.PositionHeader + "\n0,1,0,0,0\n1,1,0,0,0\n" + time + ",1,0,0,0\n2,1,0,0,0\n";
        var ex = Assert.Throws<TrackingFileException>(() => DetectionCsv.Read(new StringReader(text), "d.csv"));
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void Read_TimesWithinAnHourOfTheOthers_AreKept()
    {
        var text = DetectionCsv.PositionHeader + "\n0,1,0,0,0\n1,1,0,0,0\n3500,1,0,0,0\n2,1,0,0,0\n";
        Assert.Equal(4, DetectionCsv.Read(new StringReader(text), "d.csv").Count);
    }
}
