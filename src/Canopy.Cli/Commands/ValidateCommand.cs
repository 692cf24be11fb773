using System.CommandLine;
using Spectre.Console;

namespace Canopy.Cli.Commands;

internal static class ValidateCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Scenario files to check", Arity = ArgumentArity.OneOrMore };
        var command = new Command("validate", "Check scenario files and print every error with its line and column") { files };
        command.SetAction(parse =>
        {
            var console = AnsiConsole.Console;
            var failed = 0;
            foreach (var file in parse.GetValue(files)!)
            {
                if (ScenarioFiles.LoadOrReport(file, console) is { } scenario)
                    console.MarkupLine($"[green]{Markup.Escape(file)}: ok[/] ({Markup.Escape(scenario.Name)}: {scenario.Assets.Count} assets, " +
                                       $"{scenario.Sensors.Count} sensors, {scenario.Effectors.Count} effectors, {scenario.Waves.Sum(w => w.Count)} threats, {scenario.Aircraft.Count} aircraft)");
                else failed++;
            }
            return failed == 0 ? 0 : 1;
        });
        return command;
    }
}
