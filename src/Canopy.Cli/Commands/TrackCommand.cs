using System.CommandLine;
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
        interval.Validators.Add(r => { if (!(r.GetValueOrDefault<double>() > 0)) r.AddError("--interval must be positive"); });

        var command = new Command("track", "Run the tracker on detections files and write its tracks") { detections, sensors, output, config, interval };
        command.SetAction(parse =>
        {
            var console = AnsiConsole.Console;
            try
            {
                var sensorFile = SensorsFile.Load(parse.GetValue(sensors)!);
                var options = parse.GetValue(config) is { } c ? TrackerOptionsFile.Load(c) : new TrackerOptions();
                if (sensorFile.PositionSensors.Count > 0)
                {
                    // The tracker takes one standard deviation for every position plot: the largest axis of any position sensor.
                    var sigma = sensorFile.PositionSensors.Max(p => Math.Max(p.Sigma.X, Math.Max(p.Sigma.Y, p.Sigma.Z)));
                    options = options with { PositionPlotSigma = sigma };
                }
                var plots = new List<Plot>();
                foreach (var path in parse.GetValue(detections)!) plots.AddRange(ReadChecked(path, sensorFile));
                var outPath = parse.GetValue(output)!;
                DetectionReplayResult result;
                using (var writer = new StreamWriter(outPath))
                    result = DetectionReplay.Run(new KalmanTracker(sensorFile.Layout(), options), plots, parse.GetValue(interval), writer);
                console.WriteLine($"{result.Plots} detections, {result.Updates} tracker updates, {result.ConfirmedTracks} confirmed tracks, {result.TrackRows} rows written to {outPath}");
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
