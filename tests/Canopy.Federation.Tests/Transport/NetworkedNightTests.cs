using Canopy.Federation.Evaluation;
using Canopy.Federation.Messages;
using Canopy.Federation.Node;
using Canopy.Federation.Tests.Evaluation;
using Canopy.Federation.Transport;
using Canopy.Federation.Trust;
using Canopy.Federation.World;
using Canopy.Scenarios.Model;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Canopy.Federation.Tests.Transport;

/// <summary>
/// The federated night over the real broker: a world and two nodes (AA, BB) in this process, each with its own broker user,
/// key and connection.
/// </summary>
public sealed class NetworkedNightTests(FederationBrokerFixture fixture) : IClassFixture<FederationBrokerFixture>
{
    /// <summary>
    /// AA in the west, BB in the east, a radar and fire units each, 12 drones from AA's side to BB's city: each nation sees
    /// the drones over its half of the route, both in the middle, where both can fire (so claims must deconflict).
    /// </summary>
    internal const string Border = """
        name: border
        region: { name: Border, centre: { lat: 50.0, lon: 20.0 }, radius: 150 km }
        nation: AA
        start: 2025-09-10T00:00:00Z
        simulation: { tick: 2 s, max-duration: 36 min }
        assets:
          - { name: East city, nation: BB, kind: city, position: { lat: 50.0, lon: 21.1 }, radius: 5 km, value: 100 }
        sensors:
          - { kind: radar, id: 1, name: West radar, position: { lat: 50.0, lon: 19.3, height: 200 m }, antenna-height: 25 m,
              max-range: 60 km, revisit: 10 s, range-noise: 50 m, azimuth-noise: 0.2 deg, elevation-noise: 0.3 deg,
              detection-probability: 0.9, false-alarms-per-scan: 1 }
          - { kind: radar, id: 2, nation: BB, name: East radar, position: { lat: 50.0, lon: 20.7, height: 200 m }, antenna-height: 25 m,
              max-range: 60 km, revisit: 10 s, range-noise: 50 m, azimuth-noise: 0.2 deg, elevation-noise: 0.3 deg,
              detection-probability: 0.9, false-alarms-per-scan: 1 }
        effectors:
          - { id: AA-NASAMS, nation: AA, class: medium-range-interceptor, position: { lat: 50.0, lon: 19.9 }, min-range: 1 km,
              max-range: 40 km, max-altitude: 20 km, interceptor-speed: 1000 m/s, magazine: 12, reload-time: 5 s, reaction-time: 6 s,
              cost-per-shot: 500 k$, kill-probability: { drone: 0.9, decoy: 0.9 } }
          - { id: BB-NASAMS, nation: BB, class: medium-range-interceptor, position: { lat: 50.0, lon: 20.2 }, min-range: 1 km,
              max-range: 40 km, max-altitude: 20 km, interceptor-speed: 1000 m/s, magazine: 12, reload-time: 5 s, reaction-time: 6 s,
              cost-per-shot: 500 k$, kill-probability: { drone: 0.9, decoy: 0.9 } }
          - { id: BB-GEPARD, nation: BB, class: gun, position: { lat: 50.0, lon: 21.05 }, min-range: 100 m, max-range: 5 km,
              max-altitude: 3 km, interceptor-speed: 1100 m/s, magazine: 30, reload-time: 3 s, reaction-time: 4 s, cost-per-shot: 5 k$,
              kill-probability: { drone: 0.6, decoy: 0.6 } }
        waves:
          - { name: drones, class: drone, count: 12, launch: { centre: { lat: 50.0, lon: 19.6 }, radius: 10 km, start: 0 min, end: 3 min },
              targets: [ { asset: East city } ], route-spread: 5 km, speed: 180 km/h, altitude: 2000 m, altitude-spread: 500 m,
              aim-error: 200 m, unit-cost: 35 k$ }
        """;

    private static Scenario Scenario => FederatedPictureTests.Load(Border);

    private sealed record Party(NodeRunner Runner, FederationLink Link, CancellationTokenSource Stop, Task Task) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Stop.CancelAsync();
            try
            {
                await Task;
            }
            catch (OperationCanceledException)
            {
                // stopped
            }
            await Link.DisposeAsync();
            Stop.Dispose();
        }
    }

    private Party StartNode(Scenario scenario, string nation, NodeOptions options, LinkFaultInjector? faults = null)
    {
        var link = FederationLinks.Node(fixture.UriOf(nation), nation, FederationBrokerFixture.Nations, fixture.Keys, faults);
        var runner = new NodeRunner(new NationNode(scenario, nation), link, options);
        var stop = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        return new Party(runner, link, stop, Task.Run(() => runner.RunAsync(stop.Token)));
    }

    [Fact]
    public async Task With_perfect_links_the_networked_night_is_the_in_process_night_and_attacks_change_nothing()
    {
        var scenario = Scenario;
        var expected = new FederatedNight(scenario, seed: 4).Run();
        // AA's link duplicates a fifth of what it receives and delays everything by 0 to 4 ms (order kept): duplicates
        // must be dropped as replays and change nothing.
        var faults = new LinkFaultInjector(new LinkFaultOptions(Duplicate: 0.2, Jitter: TimeSpan.FromMilliseconds(4), Seed: 7));
        await using var aa = StartNode(scenario, "AA", NodeOptions.Default, faults);
        await using var bb = StartNode(scenario, "BB", NodeOptions.Default);
        await using var worldLink = FederationLinks.World(fixture.UriOf(MessageCodec.WorldNation), FederationBrokerFixture.Nations, fixture.Keys);
        var world = new WorldRunner(scenario, 4, worldLink, WorldOptions.Default with { TickWait = TimeSpan.FromSeconds(60) });
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var run = world.RunAsync(stop.Token);
        // Meanwhile BB's broker account (stolen) sends garbage, a message signed with the wrong key, and replays of BB's own messages.
        var attacks = await AttackAsBravoAsync(stop.Token);
        var got = await run;

        Assert.Equal(0, got.LateAnswers);
        Assert.Equal(0, got.RejectedShots);
        // launched, detected, destroyed and leaked per class (the world's records see only the engaged tracks, not the pictures)
        Assert.Equal(expected.Run.Threats.Select(t => (t.Class, t.Launched, t.Detected, t.Destroyed, t.Leaked)),
            got.Run.Threats.Select(t => (t.Class, t.Launched, t.Detected, t.Destroyed, t.Leaked)));
        Assert.Equal(expected.Run.Interceptors, got.Run.Interceptors); // engagements, rounds and cost per effector class
        Assert.Equal(expected.Run.Assets, got.Run.Assets); // hits and damage per asset
        Assert.Equal(0, got.ThreatsEngagedByTwoNations);
        Assert.True(got.Run.Interceptors.Sum(i => i.Rounds) > 0, "the drones must have been engaged");
        Assert.Equal(expected.Proposed, aa.Runner.Node.Proposed + bb.Runner.Node.Proposed);
        Assert.Equal(expected.Deconflicted, aa.Runner.Node.Deconflicted + bb.Runner.Node.Deconflicted);

        var counters = aa.Link.Counters;
        // every attack and every duplicate is dropped (a duplicated garbage or forged message under its own reason), nothing else
        Assert.True(faults.Duplicated > 0);
        // The injector counts a duplicate before its delayed copy reaches the verifier, and the nodes' heartbeats go on (and
        // are duplicated) after the night: read both counts until they agree (a message dropped for any other reason keeps
        // the verifier's count above, and the test fails).
        long dropped = 0, droppedTotal = -1;
        for (var i = 0; i < 200 && droppedTotal != dropped; i++)
        {
            if (i > 0) await Task.Delay(50);
            droppedTotal = counters.DroppedTotal;
            dropped = attacks.Garbage + attacks.Forged + attacks.Replayed + faults.Duplicated;
        }
        Assert.Equal(dropped, droppedTotal);
        Assert.True(counters.Dropped(DropReason.Malformed) >= attacks.Garbage, counters.ToString());
        Assert.True(counters.Dropped(DropReason.BadSignature) >= attacks.Forged, counters.ToString());
        Assert.True(counters.Dropped(DropReason.Replayed) >= attacks.Replayed, counters.ToString());
        Assert.True(attacks.Replayed > 0, "BB's genuine messages were captured and replayed");
    }

    private sealed record Attacks(int Garbage, int Forged, int Replayed);

    /// <summary>Publishes on BB's exchange with BB's broker credentials: 20 garbage messages, 20 envelopes signed with a
    /// key that is not BB's, and 20 replays of BB's genuine messages captured from the exchange.</summary>
    private async Task<Attacks> AttackAsBravoAsync(CancellationToken ct)
    {
        var factory = new ConnectionFactory { Uri = fixture.UriOf("BB") };
        await using var connection = await factory.CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        var queue = FederationTopology.QueuePrefix("BB") + "spy";
        await channel.QueueDeclareAsync(queue, false, true, true, cancellationToken: ct);
        await channel.QueueBindAsync(queue, FederationTopology.NationExchange("BB"), "#", cancellationToken: ct);
        var captured = new List<byte[]>();
        for (var i = 0; i < 600 && captured.Count < 20; i++)
        {
            var got = await channel.BasicGetAsync(queue, true, ct);
            if (got is null) await Task.Delay(20, ct);
            else captured.Add(got.Body.ToArray());
        }
        var properties = new BasicProperties { UserId = fixture.Users["BB"].Name };
        var exchange = FederationTopology.NationExchange("BB");
        var random = new Random(5);
        using var wrongKey = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var forger = new EnvelopeSigner("BB", wrongKey, TimeProvider.System);
        for (var i = 0; i < 20; i++)
        {
            var garbage = new byte[random.Next(1, 300)];
            random.NextBytes(garbage);
            await channel.BasicPublishAsync(exchange, "heartbeat", false, properties, garbage, ct);
            await channel.BasicPublishAsync(exchange, "heartbeat", false, properties,
                forger.Seal(new Heartbeat("BB", 1_000_000 + i, 0, 0, NodeMode.Federated)).ToBytes(), ct);
        }
        foreach (var body in captured) await channel.BasicPublishAsync(exchange, "heartbeat", false, properties, body, ct);
        return new Attacks(20, 20, captured.Count);
    }

    [Fact]
    public async Task A_node_killed_mid_raid_and_restarted_resynchronises_while_the_other_keeps_engaging()
    {
        var scenario = Scenario;
        var quick = new NodeOptions(PartnerWait: TimeSpan.FromSeconds(1), SnapshotWait: TimeSpan.FromSeconds(3));
        await using var aa = StartNode(scenario, "AA", quick);
        var bb = StartNode(scenario, "BB", quick);
        await using var worldLink = FederationLinks.World(fixture.UriOf(MessageCodec.WorldNation), FederationBrokerFixture.Nations, fixture.Keys);
        // paced at 15 ms a tick at least, so that the night is still on when the node comes back
        var world = new WorldRunner(scenario, 4, worldLink, WorldOptions.Default with { TickWait = TimeSpan.FromSeconds(2), Pace = TimeSpan.FromMilliseconds(15) });
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var run = world.RunAsync(stop.Token);

        await WaitUntil(() => world.Tick >= 300, stop.Token); // 10 min into the night: the drones are crossing
        await bb.DisposeAsync(); // killed: its connection and queue are gone
        var aaTicksAtKill = aa.Runner.Node.LastTick;
        await WaitUntil(() => aa.Runner.Node.LastTick >= aaTicksAtKill + 10, stop.Token);
        Assert.Contains("BB", aa.Runner.Status().SilentPartners); // AA shows its partner's loss and keeps stepping alone

        await using var restarted = StartNode(scenario, "BB", quick);
        var got = await run;
        var status = restarted.Runner.Status();
        Assert.True(status.Tick > aaTicksAtKill + 10, $"restarted BB reached tick {status.Tick}");
        Assert.Equal(got.Ticks - 1, aa.Runner.Node.LastTick); // AA answered every tick to the end
        Assert.Empty(aa.Runner.Status().SilentPartners); // and hears BB again
        Assert.True(got.LateAnswers > 0); // BB's ticks while it was dead
        Assert.True(restarted.Runner.SnapshotsReceived > 0, "the restarted node took AA's snapshot");
        Assert.Equal(0, got.RejectedShots);
    }

    private static async Task WaitUntil(Func<bool> condition, CancellationToken ct)
    {
        while (!condition()) await Task.Delay(50, ct);
    }
}
