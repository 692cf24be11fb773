using Canopy.Core.Geometry;
using Canopy.Tracking.Files;
using Canopy.Tracking.Metrics;

namespace Canopy.Tracking.Tests.Files;

public class StateCsvTests
{
    [Fact]
    public void WriteThenRead_Tracks_RoundTripsToTheMillimetre()
    {
        var state = new TargetState(42, new Vec3(0.1, -2e7, 1234.567), new Vec3(-5.5, 0.001, 300));
        var writer = new StringWriter();
        StateCsv.WriteHeader(writer, StateFileKind.Tracks);
        StateCsv.WriteRow(writer, 12.25, state);
        StateCsv.WriteRow(writer, 13.5, state with { Id = 7 });

        var rows = StateCsv.Read(new StringReader(writer.ToString()), "tracks.csv", StateFileKind.Tracks);
        Assert.Equal([new TimedState(12.25, state), new TimedState(13.5, state with { Id = 7 })], rows);
        Assert.StartsWith("time_s,track_id,x_m,", writer.ToString(), StringComparison.Ordinal);
        Assert.Contains("13.5,7,0.1,-20000000,1234.567,-5.5,0.001,300", writer.ToString(), StringComparison.Ordinal);
        StateCsv.WriteRow(writer, 1.0 / 3, state with { Position = new Vec3(1.0 / 3, 0, 0) });
        Assert.EndsWith($"0.333333,42,0.333,0,0,-5.5,0.001,300{Environment.NewLine}", writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MalformedRow_NamesFileLineAndColumn()
    {
        const string text = "time_s,target_id,x_m,y_m,z_m,vx_mps,vy_mps,vz_mps\n0,1,0,0,0,0,0,0\n\n1,1,abc,0,0,0,0,0\n";
        var ex = Assert.Throws<TrackingFileException>(() => StateCsv.Read(new StringReader(text), "truth.csv", StateFileKind.Truth));
        Assert.Equal("truth.csv:4: column 'x_m': 'abc' is not a finite number", ex.Message);
    }

    [Fact]
    public void Read_RowWithTooFewValues_SaysHowMany()
    {
        const string text = "time_s,target_id,x_m,y_m,z_m,vx_mps,vy_mps,vz_mps\n0,1,0,0\n";
        var ex = Assert.Throws<TrackingFileException>(() => StateCsv.Read(new StringReader(text), "truth.csv", StateFileKind.Truth));
        Assert.StartsWith("truth.csv:2: 4 values, expected 8", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TracksHeaderInTruthFile_IsRejected()
    {
        var text = StateCsv.TracksHeader + "\n";
        var ex = Assert.Throws<TrackingFileException>(() => StateCsv.Read(new StringReader(text), "truth.csv", StateFileKind.Truth));
        Assert.StartsWith("truth.csv:1: header 'time_s,track_id,", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FractionalTrackId_IsRejected()
    {
        var text = StateCsv.TracksHeader + "\n0,1.5,0,0,0,0,0,0\n";
        var ex = Assert.Throws<TrackingFileException>(() => StateCsv.Read(new StringReader(text), "t.csv", StateFileKind.Tracks));
        Assert.Equal("t.csv:2: column 'track_id': '1.5' is not an integer", ex.Message);
    }
}
