using System.CommandLine;
using System.Globalization;
using Canopy.Simulation.Running;
using Spectre.Console;

namespace Canopy.Cli.Commands;

/// <summary>`canopy eval-impacts`: runs a scenario and prints the ballistic tracks' predicted impact-point error against track age.</summary>
internal static class EvalImpactsCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("scenario") { Description = "Scenario file (YAML) with ballistic missiles" };
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 1 };
        var bin = new Option<double>("--bin") { Description = "Width of the track-age bins, s", DefaultValueFactory = _ => 10 };
        var association = new Option<double>("--association") { Description = "A track this near (m) to a missile is its track", DefaultValueFactory = _ => 2000 };
        bin.Validators.Add(r => { if (!(r.GetValueOrDefault<double>() > 0)) r.AddError("--bin must be positive"); });
        association.Validators.Add(r => { if (!(r.GetValueOrDefault<double>() > 0)) r.AddError("--association must be positive"); });

        var command = new Command("eval-impacts", "Run a scenario and print the predicted impact-point error of ballistic tracks by track age") { file, seed, bin, association };
        command.SetAction(parse =>
        {
            var console = AnsiConsole.Console;
            if (ScenarioFiles.LoadOrReport(parse.GetValue(file)!, console) is not { } scenario) return 1;
            var errors = new ImpactErrorByAge(parse.GetValue(bin));
            SimulationRunner.CreateDefault().Run(scenario, parse.GetValue(seed), observer: new ImpactErrorObserver(parse.GetValue(association), errors));
            static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);
            console.WriteLine($"{scenario.Name}, seed {parse.GetValue(seed)}: free-fall impact point predicted from each confirmed ballistic track at every tick, " +
                "horizontal error to the missile's aim point");
            var table = new Table().AddColumns("track age", "samples", "mean error", "RMS error");
            foreach (var (from, count, mean, rms) in errors.Bins())
                table.AddRow($"{F(from, "0")}-{F(from + errors.BinWidth, "0")} s", count.ToString(CultureInfo.InvariantCulture), F(mean, "0") + " m", F(rms, "0") + " m");
            if (table.Rows.Count == 0)
            {
                console.WriteLine("no confirmed track came near a ballistic missile");
                return 0;
            }
            console.Write(table);
            return 0;
        });
        return command;
    }
}
