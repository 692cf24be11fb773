using Canopy.Scenarios.Loading;
using Canopy.Scenarios.Model;
using Spectre.Console;

namespace Canopy.Cli.Commands;

/// <summary>Loads a scenario for a command, printing every error with file:line:column instead of a stack trace.</summary>
internal static class ScenarioFiles
{
    public static Scenario? LoadOrReport(string path, IAnsiConsole console)
    {
        var result = ScenarioLoader.Load(path);
        if (result.Scenario is { } scenario && result.Errors.Count == 0) return scenario;
        foreach (var e in result.Errors) console.MarkupLine($"[red]{Markup.Escape(e.ToString())}[/]");
        console.MarkupLine($"[red]{result.Errors.Count} error(s) in {Markup.Escape(path)}[/]");
        return null;
    }
}
