using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Canopy.Core.Sensing;
using Canopy.Tracking;
using Canopy.Tracking.Benchmarking;
using Canopy.Tracking.Files;
using Spectre.Console;

namespace Canopy.Cli.Commands;

/// <summary>`canopy bench track`: the tracker's cost per scan on synthetic scenes of 100 to 10,000 targets.</summary>
internal static class BenchTrackCommand
{
    private const double Side = 600_000;
    private const double RadarRange = 250_000;

    public static Command Create()
    {
        var sizes = new Option<string>("--targets") { Description = "Comma-separated target counts", DefaultValueFactory = _ => "100,1000,10000" };
        var radars = new Option<int>("--radars") { DefaultValueFactory = _ => 10 };
        var clutter = new Option<double>("--clutter") { Description = "Mean false plots per radar scan", DefaultValueFactory = _ => 20 };
        var scans = new Option<int>("--scans") { Description = "Timed scans (after 10 warm-up scans)", DefaultValueFactory = _ => 20 };
        var filter = new Option<MotionFilter>("--filter") { DefaultValueFactory = _ => MotionFilter.Imm };
        var association = new Option<AssociationMethod>("--association") { DefaultValueFactory = _ => AssociationMethod.Gnn };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1 };
        var config = new Option<string?>("--config") { Description = "tracker.yaml: tracker options as kebab-case keys (--filter and --association override it when given)" };
        var command = new Command("track", "Tracker ms per scan (wall, and CPU for a busy machine), scans per second and bytes allocated per scan, on one thread")
        {
            sizes, radars, clutter, scans, filter, association, seed, config,
        };
        command.SetAction(parse =>
        {
            var console = AnsiConsole.Console;
            var counts = new List<int>();
            foreach (var part in parse.GetValue(sizes)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
                {
                    console.WriteLine($"--targets: '{part}' is not a positive whole number");
                    return 1;
                }
                counts.Add(n);
            }
            TrackerOptions options;
            try
            {
                options = parse.GetValue(config) is { } path ? TrackerOptionsFile.Load(path) : new TrackerOptions();
            }
            catch (TrackingFileException e)
            {
                console.WriteLine(e.Message);
                return 1;
            }
            if (parse.GetValue(config) is null || parse.GetResult(filter) is { Implicit: false }) options = options with { Filter = parse.GetValue(filter) };
            if (parse.GetValue(config) is null || parse.GetResult(association) is { Implicit: false }) options = options with { Association = parse.GetValue(association) };
            var radarCount = Math.Max(1, parse.GetValue(radars));
            var timed = Math.Max(1, parse.GetValue(scans));
            console.WriteLine($"{radarCount} radars ({RadarRange / 1000:0} km) over {Side / 1000:0} x {Side / 1000:0} km, 1 s scans staggered, PD 0.9, "
                + $"{parse.GetValue(clutter).ToString(CultureInfo.InvariantCulture)} false plots per radar scan; filter {options.Filter}, association {options.Association}, update {options.Update}, initiation {options.Initiation}; one thread");
            WarmUpCompiler(radarCount, options);
            foreach (var n in counts)
            {
                var scene = new SyntheticScene(n, radarCount, Side, RadarRange, parse.GetValue(clutter), new Random(parse.GetValue(seed)));
                console.WriteLine(Run(scene, options, timed));
            }
            return 0;
        });
        return command;
    }

    /// <summary>Runs a small scene for two seconds so that the tiered JIT has optimised the tracker before any timing.</summary>
    private static void WarmUpCompiler(int radars, TrackerOptions options)
    {
        var scene = new SyntheticScene(50, radars, Side, RadarRange, 5, new Random(0));
        var tracker = new KalmanTracker(scene.Layout, options);
        var plots = new List<Plot>();
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < 1000 && sw.Elapsed.TotalSeconds < 2; i++)
        {
            plots.Clear();
            scene.Scan(i, plots);
            tracker.Update(i + 1, plots.ToArray());
        }
    }

    /// <summary>Generates all scans first, then times the tracker alone on the timed ones.</summary>
    private static string Run(SyntheticScene scene, TrackerOptions options, int timed)
    {
        const int warmUp = 10;
        var scans = new Plot[warmUp + timed][];
        var buffer = new List<Plot>();
        for (var i = 0; i < scans.Length; i++)
        {
            buffer.Clear();
            scene.Scan(i, buffer);
            scans[i] = [.. buffer];
        }
        var tracker = new KalmanTracker(scene.Layout, options);
        var confirmed = 0;
        for (var i = 0; i < warmUp; i++) tracker.Update(i + 1, scans[i]);
        long bytes = 0;
        var plots = 0L;
        var published = 0L;
        var sw = new Stopwatch();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu0 = process.TotalProcessorTime;
        for (var i = warmUp; i < scans.Length; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            sw.Start();
            var tracks = tracker.Update(i + 1, scans[i]);
            sw.Stop();
            bytes += GC.GetAllocatedBytesForCurrentThread() - before;
            plots += scans[i].Length;
            published += tracks.Count;
            confirmed = tracks.Count(t => t.Status == TrackStatus.Confirmed);
        }
        process.Refresh();
        var cpuMs = (process.TotalProcessorTime - cpu0).TotalMilliseconds / timed;
        var ms = sw.Elapsed.TotalMilliseconds / timed;
        var perScan = bytes / (double)timed;
        return string.Create(CultureInfo.InvariantCulture,
            $"{scene.Targets,6} targets: {plots / timed,7} plots/scan, {confirmed,6} confirmed tracks, {ms,8:0.00} ms/scan ({cpuMs:0.00} CPU), {1000 / ms,8:0.0} scans/s ({1000 / cpuMs:0.0} CPU), "
            + $"{perScan,10:0} bytes/scan ({bytes / (double)Math.Max(1, plots):0.0} per plot, {bytes / (double)Math.Max(1, published):0.0} per published track)");
    }
}
