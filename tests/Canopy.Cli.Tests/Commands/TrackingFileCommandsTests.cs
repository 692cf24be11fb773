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
    public void EvalTracksWithSensors_HandMadeFiles_PrintsContinuityInsideCoverage()
    {
        var dir = Directory.CreateTempSubdirectory("canopy-eval-").FullName;
        try
        {
            // A radar (antenna 100 m up, 100 km range) at the origin; truth 1 flies 10 km east at 1 km, seen; truth 2
            // sits 150 km away, beyond range. Truth 1 has no track at 0 s, one within 500 m at 1 and 2 s, a track
            // 3 km off at 3 s and one again at 4 s: 5 s covered, 3 held (0.600), 4 s after the first track, 3 held
            // (0.750), one break.
            var sensors = Path.Combine(dir, "sensors.yaml");
            File.WriteAllText(sensors, "origin: { lat: 50, lon: 30, height: 0 m }\nsensors:\n  - { id: 1, kind: radar, position: { lat: 50, lon: 30, height: 100 m }, " +
                "max-range: 100 km, revisit: 1 s, noise: { range: 10 m, azimuth: 0.001 rad, elevation: 0.001 rad } }\n");
            var truth = Path.Combine(dir, "truth.csv");
            var tracks = Path.Combine(dir, "tracks.csv");
            File.WriteAllText(truth, "time_s,target_id,x_m,y_m,z_m,vx_mps,vy_mps,vz_mps\n" +
                string.Concat(Enumerable.Range(0, 5).Select(t => $"{t},1,10000,0,1000,0,0,0\n{t},2,150000,0,1000,0,0,0\n")));
            File.WriteAllText(tracks, "time_s,track_id,x_m,y_m,z_m,vx_mps,vy_mps,vz_mps\n1,7,10100,0,1000,0,0,0\n2,7,10100,0,1000,0,0,0\n" +
                "3,7,13000,0,1000,0,0,0\n4,8,10000,50,1000,0,0,0\n");
            var (code, output) = CanopyProcess.Run("eval-tracks", "--truth", truth, "--tracks", tracks, "--sensors", sensors, "--max-age", "0");
            Assert.True(code == 0, output);
            Assert.Matches(@"continuity inside coverage\s*│\s*0\.600\s*│\s*fraction of 5 s", output);
            Assert.Matches(@"after first track\s*│\s*0\.750", output);
            Assert.Matches(@"track breaks\s*│\s*1\s*│\s*1 of 1 covered truths ever held", output);
            // 3 km off is far outside one plot's 10 m accuracy at 10 km: the plot gate holds no more.
            Assert.Matches(@"continuity, plot-gated\s*│\s*0\.600", output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void EvalImpacts_BallisticSalvo_ErrorShrinksAsTracksAge()
    {
        var (code, output) = CanopyProcess.Run("eval-impacts", "scenarios/ballistic-salvo.yaml", "--seed", "7", "--bin", "20");
        Assert.True(code == 0, output);
        var bins = Regex.Matches(output, @"(\d+)-\d+ s\s*│\s*(\d+)\s*│\s*(\d+) m\s*│\s*(\d+) m");
        Assert.True(bins.Count >= 3, output);
        var first = double.Parse(bins[0].Groups[3].Value, CultureInfo.InvariantCulture);
        var last = double.Parse(bins[^1].Groups[3].Value, CultureInfo.InvariantCulture);
        Assert.True(last < first / 2, output);
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
