using System.CommandLine;
using System.Globalization;
using Canopy.Core.Geometry;
using Canopy.Core.Quantities;
using Canopy.Tracking.Benchmarking;
using Spectre.Console;

namespace Canopy.Cli.Commands;

/// <summary>`canopy generate position-feed`: a generic, seeded position feed (detections, sensors, truth) for `track` and `eval-tracks`.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var command = new Command("generate", "Generate test data");
        command.Subcommands.Add(CreatePositionFeed());
        return command;
    }

    private static Command CreatePositionFeed()
    {
        var defaults = new PositionFeedOptions();
        var targets = new Option<int>("--targets") { Description = "Targets over the run", DefaultValueFactory = _ => defaults.Targets };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Folder for detections.csv, sensors.yaml and truth.csv", Required = true };
        var length = new Option<double>("--length") { Description = "Length of the run, s", DefaultValueFactory = _ => defaults.Length.Seconds };
        var period = new Option<double>("--period") { Description = "Time between scans, s", DefaultValueFactory = _ => defaults.Period.Seconds };
        var pd = new Option<double>("--pd") { Description = "Detection probability", DefaultValueFactory = _ => defaults.DetectionProbability };
        var falseAlarms = new Option<string>("--false-alarms") { Description = "False plots per scan, MIN-MAX (uniform)", DefaultValueFactory = _ => $"{defaults.MinFalseAlarms}-{defaults.MaxFalseAlarms}" };
        var sigma = new Option<string>("--sigma") { Description = "Noise standard deviation east,north,up, m", DefaultValueFactory = _ => "50,50,100" };
        var command = new Command("position-feed",
            "One sensor reporting east/north/up positions of targets on smooth random paths, with misses and uniform clutter over a 300 x 300 km box")
        {
            targets, seed, output, length, period, pd, falseAlarms, sigma,
        };
        command.SetAction(parse =>
        {
            var console = AnsiConsole.Console;
            var fa = parse.GetValue(falseAlarms)!.Split('-');
            var axes = parse.GetValue(sigma)!.Split(',');
            if (fa.Length != 2 || !int.TryParse(fa[0], CultureInfo.InvariantCulture, out var minFa) || !int.TryParse(fa[1], CultureInfo.InvariantCulture, out var maxFa))
            {
                console.WriteLine($"--false-alarms: '{parse.GetValue(falseAlarms)}' is not MIN-MAX (whole numbers)");
                return 1;
            }
            var s = new double[3];
            if (axes.Length != 3 || !axes.Select((a, i) => double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out s[i])).All(ok => ok))
            {
                console.WriteLine($"--sigma: '{parse.GetValue(sigma)}' is not three numbers east,north,up (m)");
                return 1;
            }
            if (!double.IsFinite(parse.GetValue(length)) || !double.IsFinite(parse.GetValue(period)))
            {
                console.WriteLine("--length and --period must be finite numbers of seconds");
                return 1;
            }
            var options = defaults with
            {
                Targets = parse.GetValue(targets),
                Length = Duration.FromSeconds(parse.GetValue(length)),
                Period = Duration.FromSeconds(parse.GetValue(period)),
                DetectionProbability = parse.GetValue(pd),
                MinFalseAlarms = minFa,
                MaxFalseAlarms = maxFa,
                Sigma = new Vec3(s[0], s[1], s[2]),
            };
            if (options.Validate() is { Count: > 0 } broken)
            {
                foreach (var b in broken) console.WriteLine(b);
                return 1;
            }
            var feed = PositionFeed.Generate(options, new Random(parse.GetValue(seed)));
            var dir = parse.GetValue(output)!;
            try
            {
                feed.Write(dir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                console.WriteLine(e.Message);
                return 1;
            }
            console.WriteLine($"{feed.Plots.Count} detections, {feed.Truth.Count} truth rows written to {dir} (detections.csv, sensors.yaml, truth.csv)");
            return 0;
        });
        return command;
    }
}
