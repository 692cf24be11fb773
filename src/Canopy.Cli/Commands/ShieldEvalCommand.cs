using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Canopy.Cli.Rendering;
using Canopy.Federation.Evaluation;
using Spectre.Console;

namespace Canopy.Cli.Commands;

/// <summary>
/// <c>canopy shield-eval</c>: one night in one process, with beside it every nation's own picture (its own sensors only),
/// every nation's fused picture (its own and its partners' tracks, covariance intersection) and central fusion of all
/// plots, scored by GOSPA; no broker needed.
/// </summary>
internal static class ShieldEvalCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("scenario") { Description = "Scenario file (YAML) whose sensors carry nations" };
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 1 };
        var period = new Option<double>("--period") { Description = "Seconds between two scorings of the pictures", DefaultValueFactory = _ => 10 };
        var command = new Command("shield-eval", "Score each nation's own picture, its fused picture and central fusion (GOSPA) on one night, in process") { file, seed, period };
        command.SetAction(parse =>
        {
            var console = AnsiConsole.Console;
            if (ScenarioFiles.LoadOrReport(parse.GetValue(file)!, console) is not { } scenario) return 1;
            var options = new FederatedPictureOptions { Period = parse.GetValue(period) };
            if (options.Validate() is { Count: > 0 } broken)
            {
                console.MarkupLine($"[red]{Markup.Escape(string.Join("; ", broken))}[/]");
                return 1;
            }
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            var report = FederatedPictureRun.Run(scenario, parse.GetValue(seed), options);
            var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            RunReportRenderer.Render(console, report.Run);
            Render(console, report.Picture);
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"CPU time {cpuUsed.TotalSeconds:0.0} s, wall time {wall.Elapsed.TotalSeconds:0.0} s (the night, the central pipeline and the nations' trackers and fusions)"));
            return 0;
        });
        return command;
    }

    public static void Render(IAnsiConsole console, FederatedPictureResult picture)
    {
        static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
        var table = new Table().Title(string.Create(CultureInfo.InvariantCulture,
            $"Air picture, mean GOSPA (c = {picture.Cutoff:0} m, p = {picture.Order:0}) over {picture.Scorings} scorings"));
        table.AddColumn("Picture");
        table.AddColumn(new TableColumn("GOSPA (m)").RightAligned());
        table.AddColumn(new TableColumn("Missed targets").RightAligned());
        table.AddColumn(new TableColumn("False tracks").RightAligned());
        table.AddColumn(new TableColumn("Tracks per system track").RightAligned());
        foreach (var n in picture.Nations)
        {
            table.AddRow($"{n.Nation} own", F(n.Own.Gospa, "0.0"), F(n.Own.MissedTargets, "0.0"), F(n.Own.FalseTracks, "0.0"), "");
            table.AddRow($"{n.Nation} fused", F(n.Fused.Gospa, "0.0"), F(n.Fused.MissedTargets, "0.0"), F(n.Fused.FalseTracks, "0.0"), F(n.MeanContributors, "0.00"));
        }
        table.AddRow("central (all plots, one tracker)", F(picture.Central.Gospa, "0.0"), F(picture.Central.MissedTargets, "0.0"), F(picture.Central.FalseTracks, "0.0"), "");
        console.Write(table);
    }
}
