using Canopy.Interop.Asterix.Feeds;
using Canopy.Scenarios.Model;
using Canopy.Simulation.Running;
using Canopy.Cli.Rendering;
using Canopy.Pipeline;
using Spectre.Console;

namespace Canopy.Cli.Commands;

/// <summary>
/// `canopy simulate --asterix-out udp://...`: one run whose radars send their plots as ASTERIX (and IFF replies as CAT048 SSR
/// reports, ADS-B reports as CAT021), with the in-process pipeline tally to compare.
/// </summary>
internal static class AsterixOut
{
    public static int Run(Scenario scenario, int seed, string target, Canopy.Interop.Asterix.AsterixEditions editions, IAnsiConsole console)
    {
        System.Net.IPEndPoint endpoint;
        IReadOnlyList<RadarSite> sites;
        try
        {
            endpoint = UdpUri.Parse(target);
            sites = AsterixFeeds.Sites(scenario);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            Console.Error.WriteLine($"--asterix-out: {e.Message}");
            return 1;
        }
        using var sender = new AsterixPlotSender(endpoint, sites, AsterixFeeds.StartTimeOfDay(scenario), AsterixFeeds.SendRate,
            new Canopy.Core.Geodesy.LocalFrame(scenario.Region.Centre), editions);
        // A second pipeline on the same plots: its tracks are the in-process run's (the tracker does not see shots).
        var inProcess = new AsterixFeeds.Tally(AsterixFeeds.Pipeline(scenario));
        var result = new SimulationRunner(DefaultPipeline.Create).Run(scenario, seed, observer: new SendingObserver(sender, inProcess));
        RunReportRenderer.Render(console, result);
        console.WriteLine($"asterix: {sender.Plots} plots in {sender.Datagrams} datagrams ({sender.Ticks} ticks) sent to {target} as CAT048 {editions.Cat048.Version}, CAT034 {editions.Cat034.Version}; " +
                          $"{sender.IffReplies} IFF replies as CAT048 SSR reports, {sender.AdsbReports} ADS-B reports as CAT021 {editions.Cat021.Version}");
        console.WriteLine($"in-process pipeline: {inProcess}");
        return 0;
    }

    /// <summary>Sends each tick's plots, IFF replies and ADS-B reports, and steps the in-process comparison pipeline on them.</summary>
    /// <remarks>The comparison pipeline sees the plots and reports at the wire's resolution, as the listener does.</remarks>
    private sealed class SendingObserver(AsterixPlotSender sender, AsterixFeeds.Tally inProcess) : IRunObserver
    {
        private readonly List<Core.Sensing.Plot> _asReceived = [];

        public void OnIffReplies(double time, Core.Sensing.SensorId interrogator, ReadOnlySpan<ThreatEvaluation.IffReply> replies)
        {
            foreach (var reply in replies) sender.Queue(interrogator, reply);
        }

        public void OnAdsbReports(double time, ReadOnlySpan<ThreatEvaluation.AdsbReport> reports)
        {
            foreach (var report in reports) sender.Queue(report);
        }

        public void OnTick(double time, World.SimulatedWorld world, ReadOnlySpan<Core.Sensing.Plot> plots, PipelineStep step)
        {
            _asReceived.Clear();
            sender.Send(time, plots, _asReceived, inProcess.Pipeline.Identity);
            inProcess.Step(time, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_asReceived));
        }
    }
}
