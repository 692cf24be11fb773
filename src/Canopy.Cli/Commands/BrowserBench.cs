using System.Diagnostics;
using System.Globalization;
using Canopy.Scenarios.Model;
using Canopy.Server;
using Canopy.Server.Approval;
using Canopy.Server.Live;
using Canopy.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Canopy.Cli.Commands;

/// <summary>
/// The live console under load: the scaled scenario is stepped to its many tracks, then runs at ten ticks (so ten pictures) a second while headless
/// Chromium shows it; the page reports what it measured (pictures per second, push latency, render and frame time).
/// </summary>
internal static class BrowserBench
{
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>Longest wait for the page's first report before the measured span starts.</summary>
    private static readonly TimeSpan PageLoad = TimeSpan.FromMinutes(3);

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
            // The page signs in as an observer of the bench's own (temporary) database with a one-time ticket in the address.
            app.Services.GetRequiredService<IAccountStore>().Add(new Account("bench", Role.Observer, []),
                Pbkdf2PasswordHasher.Hash(Pbkdf2PasswordHasher.NewPassword()));
            var ticket = app.Services.GetRequiredService<SessionStore>().IssueTicket("bench");
            run.Advance(startAt);
            // Ten ticks, so ten pictures, a wall second whatever the scenario's tick (the record night steps 2 s at a time).
            run.SetClock(paused: false, speed: 10 * scenario.Simulation.Tick.Seconds);
            using var chromium = Process.Start(new ProcessStartInfo(Chromium,
                ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--window-size=1400,850",
                 "--user-data-dir=" + Path.Combine(Path.GetTempPath(), $"canopy-bench-chromium-{Environment.ProcessId}"),
                 $"{app.Urls.First()}/?run={run.Id}#ticket={ticket}"]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            chromium.ErrorDataReceived += (_, _) => { };
            chromium.BeginErrorReadLine();
            // The page loads first (under a heavy load it may take a minute: at most PageLoad), then rates are taken over the span
            // between the first report after a third of the time (warmed up) and the last.
            var loading = Stopwatch.StartNew();
            while (run.LastConsoleReport is null && loading.Elapsed < PageLoad) Thread.Sleep(500);
            Thread.Sleep(TimeSpan.FromSeconds(seconds / 3.0));
            var first = run.LastConsoleReport;
            Thread.Sleep(TimeSpan.FromSeconds(seconds - seconds / 3.0));
            var report = run.LastConsoleReport;
            chromium.Kill(entireProcessTree: true);
            chromium.WaitForExit(5000);
            if (report is null)
            {
                console.MarkupLine("[red]the console sent no report (did the page load?)[/]");
                return 1;
            }
            string F(double v) => v.ToString("0.0", CultureInfo.InvariantCulture);
            var span = first is null ? 0 : (report.ClockMs - first.ClockMs) / 1000;
            console.WriteLine($"browser (headless Chromium, software rendering), with {report.Tracks} tracks:");
            if (span > 0)
                console.WriteLine($"  over the last {F(span)} s: pictures received {F((report.Received - first!.Received) / span)} per second, " +
                                  $"applied to map and panels {F((report.Applied - first.Applied) / span)} per second");
            console.WriteLine($"  last 2 s window: pictures received {F(report.PicturesPerSecond)} per second, applied {F(report.AppliedPerSecond)} per second");
            console.WriteLine($"  push latency (server build to browser receipt): {F(report.LatencyMs)} ms mean, p95 {F(report.LatencyP95Ms)} ms");
            console.WriteLine($"  picture to screen (server build to the map frame drawing it): median {F(report.ScreenMedianMs)} ms, p95 {F(report.ScreenP95Ms)} ms");
            console.WriteLine($"  picture applied to map and panels: {F(report.RenderMs)} ms mean; animation frame interval: {F(report.FrameMs)} ms mean, " +
                              $"p95 {F(report.FrameP95Ms)} ms");
            console.WriteLine($"  machine load average (1 min) at the end: {LoadAverage()}");
            return 0;
        }
        finally
        {
            app.StopAsync().GetAwaiter().GetResult();
            ((IAsyncDisposable)app).DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>The 1-minute load average from /proc/loadavg (Linux), or "unknown".</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] + $" on {Environment.ProcessorCount} cores" : "unknown";
}
