using Canopy.Scenarios.Model;
using Canopy.Simulation.Export;
using Spectre.Console;

namespace Canopy.Cli.Commands;

/// <summary>Opens the directory of `simulate --export-detections`, printing why it cannot be written instead of a stack trace.</summary>
internal static class ExportDirectory
{
    public static DetectionExporter? OpenOrReport(string directory, Scenario scenario, IAnsiConsole console)
    {
        try
        {
            return new DetectionExporter(directory, scenario);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            console.MarkupLine($"[red]--export-detections {Markup.Escape(directory)}: {Markup.Escape(e.Message)}[/]");
            return null;
        }
    }
}
