using System.CommandLine;
using System.Globalization;
using Canopy.Core.Geodesy;
using Canopy.Tracking.Files;
using Canopy.Tracking.Metrics;
using Spectre.Console;

namespace Canopy.Cli.Commands;

/// <summary>`canopy eval-tracks`: scores a tracker's tracks.csv against truth.csv with GOSPA, OSPA and SIAP.</summary>
internal static class EvalTracksCommand
{
    public static Command Create()
    {
        var truth = new Option<string>("--truth") { Description = "truth.csv", Required = true };
        var tracks = new Option<string>("--tracks") { Description = "tracks.csv", Required = true };
        var cutoff = new Option<double>("--c") { Description = "GOSPA/OSPA cut-off c, metres", DefaultValueFactory = _ => 500 };
        var order = new Option<double>("--p") { Description = "GOSPA/OSPA order p (at least 1)", DefaultValueFactory = _ => 2 };
        var association = new Option<double?>("--association") { Description = "SIAP association distance, metres (default: c)" };
        var sensors = new Option<string?>("--sensors") { Description = "sensors.yaml: also measure track continuity inside the radars' coverage" };
        var maxAge = new Option<double>("--max-age") { Description = "A track report older than this (s) at a truth time no longer counts", DefaultValueFactory = _ => 5 };
        cutoff.Validators.Add(r => { if (!(r.GetValueOrDefault<double>() > 0)) r.AddError("--c must be positive"); });
        order.Validators.Add(r => { if (!(r.GetValueOrDefault<double>() >= 1)) r.AddError("--p must be at least 1"); });
        association.Validators.Add(r => { if (r.GetValueOrDefault<double?>() is { } a && !(a > 0)) r.AddError("--association must be positive"); });
        maxAge.Validators.Add(r => { if (!(r.GetValueOrDefault<double>() >= 0)) r.AddError("--max-age must not be negative"); });

        var command = new Command("eval-tracks", "Score tracks against the truth: GOSPA, OSPA and SIAP") { truth, tracks, cutoff, order, association, maxAge, sensors };
        command.SetAction(parse =>
        {
            var console = AnsiConsole.Console;
            List<TimedState> truthRows, trackRows;
            RadarCoverage? coverage = null;
            try
            {
                truthRows = StateCsv.Read(parse.GetValue(truth)!, StateFileKind.Truth);
                trackRows = StateCsv.Read(parse.GetValue(tracks)!, StateFileKind.Tracks);
                if (parse.GetValue(sensors) is { } path)
                {
                    var file = SensorsFile.Load(path);
                    coverage = new RadarCoverage(new LocalFrame(file.Origin), file.Radars);
                }
            }
            catch (TrackingFileException e)
            {
                console.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
                return 1;
            }
            var c = parse.GetValue(cutoff);
            var options = new TrackEvaluationOptions
            {
                Cutoff = c,
                Order = parse.GetValue(order),
                AssociationDistance = parse.GetValue(association) ?? c,
                MaxTrackAge = parse.GetValue(maxAge),
                Coverage = coverage,
            };
            Render(console, TrackEvaluator.Evaluate(truthRows, trackRows, options), options);
            return 0;
        });
        return command;
    }

    private static void Render(IAnsiConsole console, TrackEvaluationResult r, TrackEvaluationOptions o)
    {
        static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
        var p = F(o.Order, "0.##");
        console.WriteLine($"{r.Scans} truth times, c = {F(o.Cutoff, "0.##")} m, p = {p}, SIAP association within {F(o.AssociationDistance, "0.##")} m");
        var table = new Table().AddColumns("metric", "value", "note");
        table.AddRow("GOSPA (mean over time)", F(r.MeanGospa, "0.00") + " m", "alpha = 2");
        table.AddRow("  localisation", F(r.MeanLocalisation, "0.0") + $" m^{p}", "mean part, before the 1/p root");
        table.AddRow("  missed", F(r.MeanMissed, "0.0") + $" m^{p}", $"{F(r.MeanMissedTargets, "0.00")} targets missed on average");
        table.AddRow("  false", F(r.MeanFalse, "0.0") + $" m^{p}", $"{F(r.MeanFalseTracks, "0.00")} false tracks on average");
        table.AddRow("OSPA (mean over time)", F(r.MeanOspa, "0.00") + " m", "");
        table.AddRow("SIAP completeness", F(r.Siap.Completeness, "0.000"), "best 1");
        table.AddRow("SIAP ambiguity", F(r.Siap.Ambiguity, "0.000"), "best 1");
        table.AddRow("SIAP spuriousness", F(r.Siap.Spuriousness, "0.000"), "best 0");
        table.AddRow("SIAP positional accuracy", F(r.Siap.PositionalAccuracy, "0.0") + " m", "mean error of associated tracks");
        table.AddRow("SIAP velocity accuracy", F(r.Siap.VelocityAccuracy, "0.0") + " m/s", "");
        table.AddRow("SIAP track-number changes", r.Siap.TrackNumberChanges.ToString(CultureInfo.InvariantCulture),
            $"{F(r.Siap.TrackNumberChangeRate, "0.0000")} per second tracked");
        table.AddRow("SIAP longest track segment", F(r.Siap.LongestTrackSegment, "0.000"), "fraction of truth lifetime; best 1");
        if (r.Continuity is { } k)
        {
            table.AddRow("continuity inside coverage", F(k.Continuity, "0.000"),
                $"fraction of {F(k.CoveredTime, "0")} s of covered truth time held by a track; best 1");
            table.AddRow("  after first track", F(k.ContinuityAfterAcquisition, "0.000"),
                $"without the {F(k.AcquisitionTime, "0")} s before each truth's first track (confirmation delay)");
            table.AddRow("  track breaks", k.Breaks.ToString(CultureInfo.InvariantCulture),
                $"{k.AcquiredTruths} of {k.CoveredTruths} covered truths ever held");
        }
        if (r.PlotGatedContinuity is { } g)
        {
            table.AddRow("continuity, plot-gated", F(g.Continuity, "0.000"),
                $"held also within chi-square {F(o.PlotGate, "0.###")} of one plot's covariance (best radar)");
            table.AddRow("  after first track", F(g.ContinuityAfterAcquisition, "0.000"),
                $"without the {F(g.AcquisitionTime, "0")} s before each truth's first track");
            table.AddRow("  track breaks", g.Breaks.ToString(CultureInfo.InvariantCulture),
                $"{g.AcquiredTruths} of {g.CoveredTruths} covered truths ever held");
        }
        console.Write(table);
    }
}
