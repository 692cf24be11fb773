using System.Diagnostics;
using System.Globalization;
using Canopy.Scenarios.Model;
using Canopy.Server;
using Canopy.Server.Approval;
using Canopy.Server.Live;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Canopy.Cli.Commands;

/// <summary>
/// The live console under load: the scaled scenario is stepped to its many tracks, then runs at 10x (ten ticks, so ten pictures, a second) while headless
/// Chromium shows it; the page reports what it measured (pictures per second, push latency, render and frame time).
/// </summary>
internal static class BrowserBench
{
    public const string Chromium = "/usr/bin/chromium";

    public static int Run(IAnsiConsole console, Scenario scenario, double startAt, string databasePath, int seconds)
    {
        var web = WebConsoleFolder.FindAbove(Environment.CurrentDirectory, AppContext.BaseDirectory);
        if (web is null || !File.Exists(Chromium))
        {
            console.MarkupLine($"[red]--browser needs the built web console (web/dist) and {Chromium}: run scripts/setup.sh and ./canopy once[/]");
            return 1;
        }
        var app = ConsoleServer.Build(new ConsoleServerOptions(Path.GetTempPath(), web, databasePath, Port: 0));
        app.StartAsync().GetAwaiter().GetResult();
        try
        {
            var run = app.Services.GetRequiredService<RunRegistry>().Start(scenario, 1, ApprovalMode.Manual, 1, paused: true, semiAutomaticDelay: 30);
            run.Advance(startAt);
            run.SetClock(paused: false, speed: 10);
            using var chromium = Process.Start(new ProcessStartInfo(Chromium,
                ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--window-size=1400,850",
                 "--user-data-dir=" + Path.Combine(Path.GetTempPath(), $"canopy-bench-chromium-{Environment.ProcessId}"),
                 $"{app.Urls.First()}/?run={run.Id}"]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            chromium.ErrorDataReceived += (_, _) => { };
            chromium.BeginErrorReadLine();
            Thread.Sleep(TimeSpan.FromSeconds(seconds));
            var report = run.LastConsoleReport;
            chromium.Kill(entireProcessTree: true);
            chromium.WaitForExit(5000);
            if (report is null)
            {
                console.MarkupLine("[red]the console sent no report (did the page load?)[/]");
                return 1;
            }
            string F(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);
            console.WriteLine($"browser (headless Chromium, software rendering), last 2 s window with {report.Tracks} tracks:");
            console.WriteLine($"  pictures received: {F(report.PicturesPerSecond)} per second; applied to map and panels: {F(report.AppliedPerSecond)} per second");
            console.WriteLine($"  push latency (server build to browser receipt): {F(report.LatencyMs)} ms mean, p95 {F(report.LatencyP95Ms)} ms");
            console.WriteLine($"  picture applied to map and panels: {F(report.RenderMs)} ms mean; animation frame interval: {F(report.FrameMs)} ms mean");
            return 0;
        }
        finally
        {
            app.StopAsync().GetAwaiter().GetResult();
            ((IAsyncDisposable)app).DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
