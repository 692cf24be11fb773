using Canopy.Interop.Asterix.Feeds;
using Canopy.Scenarios.Model;
using Canopy.Simulation.Running;
using Canopy.Cli.Rendering;
using Canopy.Pipeline;
using Spectre.Console;

namespace Canopy.Cli.Commands;

/// <summary>`canopy simulate --asterix-out udp://...`: one run whose radars send their plots as ASTERIX, with the in-process pipeline tally to compare.</summary>
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
        using var sender = new AsterixPlotSender(endpoint, sites, AsterixFeeds.StartTimeOfDay(scenario), AsterixFeeds.SendRate);
        // A second pipeline on the same plots: its tracks are the in-process run's (the tracker does not see shots).
        var inProcess = new AsterixFeeds.Tally(AsterixFeeds.Pipeline(scenario));
        var result = new SimulationRunner(DefaultPipeline.Create).Run(scenario, seed, observer: new SendingObserver(sender, inProcess));
        RunReportRenderer.Render(console, result);
        console.WriteLine($"asterix: {sender.Plots} plots in {sender.Datagrams} datagrams ({sender.Ticks} ticks) sent to {target} as CAT048 {editions.Cat048.Version}, CAT034 {editions.Cat034.Version}");
        console.WriteLine($"in-process pipeline: {inProcess}");
        return 0;
    }

    /// <summary>Sends each tick's plots and steps the in-process comparison pipeline on them.</summary>
    /// <remarks>The comparison pipeline sees the plots at the wire's resolution, as the listener does.</remarks>
    private sealed class SendingObserver(AsterixPlotSender sender, AsterixFeeds.Tally inProcess) : IRunObserver
    {
        private readonly List<Core.Sensing.Plot> _asReceived = [];

        public void OnTick(double time, World.SimulatedWorld world, ReadOnlySpan<Core.Sensing.Plot> plots, PipelineStep step)
        {
            _asReceived.Clear();
            sender.Send(time, plots, _asReceived);
            inProcess.Step(time, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_asReceived));
        }
    }
}
