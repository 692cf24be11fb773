using System.Globalization;
using System.Text.RegularExpressions;

namespace Canopy.Cli.Tests.Commands;

public class TrackingFileCommandsTests
{
    [Fact]
    public void ExportTrackEval_QuietNight_ScoresTheReplayedTrackerLikeThePipeline()
    {
        var dir = Directory.CreateTempSubdirectory("canopy-export-").FullName;
        try
        {
            var (code, output) = CanopyProcess.Run("simulate", "scenarios/quiet-night.yaml", "--seed", "7", "--export-detections", dir);
            Assert.True(code == 0, output);
            var detections = Directory.GetFiles(dir, "detections-*.csv").Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(3, detections.Length);
            Assert.True(File.Exists(Path.Combine(dir, "sensors.yaml")));

            var replayed = Path.Combine(dir, "replayed.csv");
            (code, output) = CanopyProcess.Run(["track", .. detections, "--sensors", Path.Combine(dir, "sensors.yaml"), "--out", replayed]);
            Assert.True(code == 0, output);
            Assert.Matches(@"\d+ detections, \d+ tracker updates, \d+ confirmed tracks", output);

            var pipeline = Gospa(Path.Combine(dir, "truth.csv"), Path.Combine(dir, "tracks.csv"));
            var replay = Gospa(Path.Combine(dir, "truth.csv"), replayed);
            // The same tracker on the same plots: the scores agree closely (the pipeline updates at every tick).
            Assert.InRange(replay, pipeline * 0.9, pipeline * 1.1);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void EvalTracks_HandMadeFiles_PrintsTheHandComputedGospa()
    {
        var dir = Directory.CreateTempSubdirectory("canopy-eval-").FullName;
        try
        {
            // Two truths; one track 3-4-5 m from the first, the second missed: with c = 10, p = 2,
            // GOSPA = sqrt(25 + 10^2 / 2) = sqrt(75) = 8.66 m, localisation 25, missed 50, false 0.
            var truth = Path.Combine(dir, "truth.csv");
            var tracks = Path.Combine(dir, "tracks.csv");
            File.WriteAllText(truth, "time_s,target_id,x_m,y_m,z_m,vx_mps,vy_mps,vz_mps\n0,1,0,0,0,0,0,0\n0,2,100,0,0,0,0,0\n");
            File.WriteAllText(tracks, "time_s,track_id,x_m,y_m,z_m,vx_mps,vy_mps,vz_mps\n0,7,3,4,0,0,0,0\n");
            var (code, output) = CanopyProcess.Run("eval-tracks", "--truth", truth, "--tracks", tracks, "--c", "10", "--p", "2");
            Assert.True(code == 0, output);
            Assert.Matches(@"GOSPA \(mean over time\)\s*│\s*8\.66 m", output);
            Assert.Matches(@"localisation\s*│\s*25\.0 m\^2", output);
            Assert.Matches(@"missed\s*│\s*50\.0 m\^2", output);
            Assert.Matches(@"SIAP completeness\s*│\s*0\.500", output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void EvalTracks_MalformedRow_ReportsFileAndLine()
    {
        var dir = Directory.CreateTempSubdirectory("canopy-eval-").FullName;
        try
        {
            var truth = Path.Combine(dir, "truth.csv");
            File.WriteAllText(truth, "time_s,target_id,x_m,y_m,z_m,vx_mps,vy_mps,vz_mps\n0,1,0,0,0,0,0,0\n1,1,0,0,zero,0,0,0\n");
            var (code, output) = CanopyProcess.Run("eval-tracks", "--truth", truth, "--tracks", truth);
            Assert.Equal(1, code);
            Assert.Contains("truth.csv:3: column 'z_m': 'zero' is not a finite number", output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Track_DetectionFromUnknownSensor_ReportsFileAndLine()
    {
        var dir = Directory.CreateTempSubdirectory("canopy-track-").FullName;
        try
        {
            var sensors = Path.Combine(dir, "sensors.yaml");
            var detections = Path.Combine(dir, "detections.csv");
            File.WriteAllText(sensors, "origin: { lat: 50, lon: 30 }\nsensors:\n  - { id: 1, kind: position, noise: { x: 10 m, y: 10 m, z: 20 m } }\n");
            File.WriteAllText(detections, "time_s,sensor_id,x_m,y_m,z_m\n0,1,0,0,1000\n1,2,10,0,1000\n");
            var (code, output) = CanopyProcess.Run("track", detections, "--sensors", sensors, "--out", Path.Combine(dir, "tracks.csv"));
            Assert.Equal(1, code);
            Assert.Contains("detections.csv:3: column 'sensor_id': sensor 2 is not in the sensors file", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static double Gospa(string truth, string tracks)
    {
        var (code, output) = CanopyProcess.Run("eval-tracks", "--truth", truth, "--tracks", tracks, "--c", "500", "--p", "2");
        Assert.True(code == 0, output);
        var m = Regex.Match(output, @"GOSPA \(mean over time\)\s*│\s*([0-9.]+) m");
        Assert.True(m.Success, output);
        return double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
