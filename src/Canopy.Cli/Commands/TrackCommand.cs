using System.CommandLine;
using System.Globalization;
using Canopy.Core.Sensing;
using Canopy.Tracking;
using Canopy.Tracking.Files;
using Spectre.Console;

namespace Canopy.Cli.Commands;

/// <summary>`canopy track`: runs Canopy's tracker on detections files any other tracker can read too (docs/tracking-files.md).</summary>
internal static class TrackCommand
{
    public static Command Create()
    {
        var detections = new Argument<string[]>("detections") { Description = "detections.csv files (radar or position plots)", Arity = ArgumentArity.OneOrMore };
        var sensors = new Option<string>("--sensors") { Description = "sensors.yaml: each sensor's kind, position and noise", Required = true };
        var output = new Option<string>("--out") { Description = "tracks.csv to write (confirmed tracks at every update)", Required = true };
        var config = new Option<string?>("--config") { Description = "tracker.yaml: tracker options as kebab-case keys" };
        var interval = new Option<double>("--interval") { Description = "Longest time between two tracker updates, s", DefaultValueFactory = _ => 1 };
        var timing = new Option<bool>("--timing") { Description = "Print the time of the tracking loop alone (no file reading or writing)" };
        interval.Validators.Add(r => { if (!(r.GetValueOrDefault<double>() > 0)) r.AddError("--interval must be positive"); });

        var command = new Command("track", "Run the tracker on detections files and write its tracks") { detections, sensors, output, config, interval, timing };
        command.SetAction(parse =>
        {
            var console = AnsiConsole.Console;
            try
            {
                var sensorFile = SensorsFile.Load(parse.GetValue(sensors)!);
                var layout = sensorFile.Layout();
                var defaults = TrackerOptions.For(layout.Sensors);
                var options = parse.GetValue(config) is { } c ? TrackerOptionsFile.Load(c, defaults) : defaults;
                var plots = new List<Plot>();
                foreach (var path in parse.GetValue(detections)!) plots.AddRange(ReadChecked(path, sensorFile));
                var outPath = parse.GetValue(output)!;
                DetectionReplayResult result;
                using (var writer = new StreamWriter(outPath))
                    result = DetectionReplay.Run(new KalmanTracker(layout, options), plots, parse.GetValue(interval), writer);
                console.WriteLine($"{result.Plots} detections, {result.Updates} tracker updates, {result.ConfirmedTracks} confirmed tracks, {result.TrackRows} rows written to {outPath}");
                if (parse.GetValue(timing))
                    console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"tracking loop: {result.TrackerTime.TotalSeconds:0.000} s ({result.TrackerTime.TotalMilliseconds / Math.Max(1, result.Updates):0.000} ms per update; file reading and writing excluded)"));
                return 0;
            }
            catch (TrackingFileException e)
            {
                console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
                return 1;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
                return 1;
            }
        });
        return command;
    }

    /// <summary>The plots of one file, each from a sensor of sensors.yaml of the matching kind.</summary>
    private static List<Plot> ReadChecked(string path, SensorsFile sensors)
    {
        var lines = new List<int>();
        var plots = DetectionCsv.Read(path, lines);
        for (var i = 0; i < plots.Count; i++)
        {
            var kind = sensors.KindOf(plots[i].Sensor);
            if (kind is null) throw new TrackingFileException($"{path}:{lines[i]}: column 'sensor_id': sensor {plots[i].Sensor} is not in the sensors file");
            if (kind != plots[i].Kind)
                throw new TrackingFileException($"{path}:{lines[i]}: sensor {plots[i].Sensor} is a {(kind == MeasurementKind.Position ? "position sensor" : "radar")} in the sensors file, but this file has {(plots[i].Kind == MeasurementKind.Position ? "position" : "radar")} columns");
        }
        return plots;
    }
}
