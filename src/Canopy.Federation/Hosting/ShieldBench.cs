using System.Diagnostics;
using Canopy.Federation.Messages;
using Canopy.Federation.Node;
using Canopy.Federation.Transport;
using Canopy.Federation.Trust;
using Canopy.Federation.World;
using Canopy.Messaging;
using Canopy.Scenarios.Model;

namespace Canopy.Federation.Hosting;

/// <summary>One node's figures over a benchmarked night.</summary>
public sealed record NodeFigures(string Nation, long MessagesIn, long MessagesOut, double InPerSecond, double OutPerSecond,
    double LatencyMedianMs, double LatencyP95Ms, long Dropped, int Shots);

/// <summary>A federated night over a private broker: per-node message rates and picture latency, broker CPU, the night's result.</summary>
public sealed record ShieldBenchResult(FederatedRun Run, IReadOnlyList<NodeFigures> Nodes, double BrokerCpuSeconds, TimeSpan Wall);

/// <summary>
/// Runs a whole federation in this process over a private broker (each node with its own broker user, key and
/// connection), for <c>canopy bench shield</c>: the broker's CPU is read from its beam.smp process in /proc.
/// </summary>
public static class ShieldBench
{
    public static async Task<ShieldBenchResult> RunAsync(Scenario scenario, int seed, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var nations = NationNode.NationsOf(scenario);
        folder = Path.GetFullPath(folder);
        var keys = new NationKeys(Path.Combine(folder, "keys"));
        foreach (var n in nations.Append(MessageCodec.WorldNation)) keys.LoadOrCreatePrivate(n).Dispose();
        var users = nations.ToDictionary(n => n, n => FederationTopology.NationUser(n, "bench-" + n + "-0123456789"), StringComparer.Ordinal);
        users[MessageCodec.WorldNation] = FederationTopology.WorldBrokerUser("bench-world-0123456789");
        await using var broker = await PrivateBroker.StartAsync(Path.Combine(folder, "broker"),
            new BrokerOptions(Users: [.. users.Values], Exchanges: FederationTopology.Exchanges(nations)), cancellationToken).ConfigureAwait(false);
        var beam = broker.BeamProcessId;
        var cpu0 = beam is { } b0 ? ProcessTree.CpuSeconds(b0) ?? 0 : 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var links = new List<FederationLink>();
        var runners = new List<NodeRunner>();
        var tasks = new List<Task>();
        try
        {
            foreach (var n in nations)
            {
                var link = FederationLinks.Node(broker.UriFor(users[n]), n, nations, keys);
                links.Add(link);
                var runner = new NodeRunner(new NationNode(scenario, n), link, NodeOptions.Default);
                runners.Add(runner);
                tasks.Add(Task.Run(() => runner.RunAsync(stop.Token), stop.Token));
            }
            var wall = Stopwatch.StartNew();
            await using var worldLink = FederationLinks.World(broker.UriFor(users[MessageCodec.WorldNation]), nations, keys);
            var run = await new WorldRunner(scenario, seed, worldLink, WorldOptions.Default).RunAsync(cancellationToken).ConfigureAwait(false);
            var seconds = Math.Max(wall.Elapsed.TotalSeconds, 1e-3);
            var cpu = beam is { } b1 ? (ProcessTree.CpuSeconds(b1) ?? cpu0) - cpu0 : double.NaN;
            await Task.WhenAny(Task.WhenAll(tasks), Task.Delay(TimeSpan.FromSeconds(10), cancellationToken)).ConfigureAwait(false);
            var figures = runners.Select((r, i) =>
            {
                var s = r.Status();
                return new NodeFigures(s.Nation, s.MessagesIn, s.Published, s.MessagesIn / seconds, s.Published / seconds, s.LatencyMedianMs,
                    s.LatencyP95Ms, links[i].Counters.DroppedTotal, s.Shots);
            }).ToList();
            return new ShieldBenchResult(run, figures, cpu, wall.Elapsed);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            foreach (var t in tasks)
            {
                try
                {
                    await t.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // stopped
                }
            }
            foreach (var l in links) await l.DisposeAsync().ConfigureAwait(false);
        }
    }
}
