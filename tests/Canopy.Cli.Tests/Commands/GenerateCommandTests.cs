using System.Text.RegularExpressions;

namespace Canopy.Cli.Tests.Commands;

public sealed class GenerateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("canopy-generate-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void PositionFeed_ThenTrackWithTimingThenEval_RunOnTheFilesAsTheyAre()
    {
        var (code, output) = CanopyProcess.Run("generate", "position-feed", "--targets", "10", "--length", "30", "--seed", "4", "--out", _dir);
        Assert.True(code == 0, output);
        foreach (var file in (string[])["detections.csv", "sensors.yaml", "truth.csv"]) Assert.True(File.Exists(Path.Combine(_dir, file)), file);
        Assert.Contains("false-alarms-per-scan: 35", File.ReadAllText(Path.Combine(_dir, "sensors.yaml")), StringComparison.Ordinal);

        var tracks = Path.Combine(_dir, "tracks.csv");
        (code, output) = CanopyProcess.Run("track", Path.Combine(_dir, "detections.csv"), "--sensors", Path.Combine(_dir, "sensors.yaml"), "--out", tracks, "--timing");
        Assert.True(code == 0, output);
        Assert.Matches(new Regex(@"tracking loop: \d+\.\d{3} s \(\d+\.\d{3} ms per update; file reading and writing excluded\)"), output);

        (code, output) = CanopyProcess.Run("eval-tracks", "--truth", Path.Combine(_dir, "truth.csv"), "--tracks", tracks);
        Assert.True(code == 0, output);
        Assert.Contains("GOSPA (mean over time)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Track_DetectionFarOutsideTheFilesTimes_IsRefusedWithItsLine()
    {
        var (code, output) = CanopyProcess.Run("generate", "position-feed", "--targets", "2", "--length", "10", "--out", _dir);
        Assert.True(code == 0, output);
        var detections = Path.Combine(_dir, "detections.csv");
        File.AppendAllText(detections, "1e300,1,0,0,0\n");
        var lines = File.ReadAllLines(detections).Length;
        (code, output) = CanopyProcess.Run("track", detections, "--sensors", Path.Combine(_dir, "sensors.yaml"), "--out", Path.Combine(_dir, "t.csv"));
        Assert.Equal(1, code);
        Assert.Contains($"detections.csv:{lines}: column 'time_s': 1E+300 s is far outside", output.ReplaceLineEndings(""), StringComparison.Ordinal);
    }

    [Fact]
    public void PositionFeed_BadFalseAlarms_SaysWhatItExpects()
    {
        var (code, output) = CanopyProcess.Run("generate", "position-feed", "--false-alarms", "50-20", "--out", _dir);
        Assert.Equal(1, code);
        Assert.Contains("false alarms: need 0 <= min <= max", output, StringComparison.Ordinal);
    }
}
