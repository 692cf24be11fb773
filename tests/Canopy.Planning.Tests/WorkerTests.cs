using System.Collections.Concurrent;
using Canopy.Messaging;
using Canopy.Planning.Nights;
using Canopy.Planning.Workers;

namespace Canopy.Planning.Tests;

/// <summary>One private broker for the worker tests (boot takes seconds to a minute on a loaded machine).</summary>
public sealed class WorkerBrokerFixture : IAsyncLifetime
{
    public PrivateBroker Broker { get; private set; } = null!;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "canopy-worker-test-" + Guid.NewGuid().ToString("N")[..8]);

    public async Task InitializeAsync() => Broker = await PrivateBroker.StartAsync(_folder);

    public async Task DisposeAsync()
    {
        await Broker.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}

public sealed class WorkerTests(WorkerBrokerFixture fixture) : IClassFixture<WorkerBrokerFixture>
{
    /// <summary>A short night: six drones at a town with one radar and one gun, ten minutes at most.</summary>
    internal const string SmallNight = """
        name: small-night
        region: { name: Test, centre: { lat: 50.0, lon: 30.0 }, radius: 100 km }
        start: 2025-07-01T21:00:00Z
        simulation: { tick: 1 s, max-duration: 12 min }
        assets:
          - { name: Town, kind: city, position: { lat: 50.0, lon: 30.0 }, radius: 3 km, value: 100 }
        sensors:
          - { kind: radar, id: 1, name: R, position: { lat: 50.02, lon: 30.0 }, antenna-height: 20 m, max-range: 60 km, revisit: 5 s,
              range-noise: 50 m, azimuth-noise: 0.2 deg, elevation-noise: 0.3 deg, detection-probability: 0.9 }
        effectors:
          - { id: GUN, class: gun, position: { lat: 50.01, lon: 30.0 }, max-range: 5 km, max-altitude: 3 km, interceptor-speed: 1100 m/s,
              magazine: 30, reload-time: 3 s, cost-per-shot: 5 k$, kill-probability: { drone: 0.6 } }
        waves:
          - { name: drones, class: drone, count: 6, launch: { centre: { lat: 50.25, lon: 30.0 }, radius: 2 km, start: 0 min, end: 2 min },
              targets: [ { asset: Town } ], speed: 180 km/h, altitude: 500 m, unit-cost: 35 k$ }
        """;

    [Fact]
    public async Task WorkersGiveTheSameFiguresAsInProcessAndCountEachNightOnce()
    {
        var jobs = NightJob.Nights("same", SmallNight, seed: 5, runs: 3, growth: 1.5);
        var local = new InProcessNightExecutor(2).Run(jobs);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var workers = Enumerable.Range(0, 2).Select(_ => new NightWorker(new NightWorkerOptions(fixture.Broker.AmqpUri)).RunAsync(stop.Token)).ToList();
        var executor = new BrokerNightExecutor(fixture.Broker.AmqpUri) { Timeout = TimeSpan.FromMinutes(4) };
        var remote = await executor.RunAsync(jobs, null, CancellationToken.None);
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        Assert.Equal(jobs.Select(j => j.Id), remote.Select(o => o.JobId));
        for (var i = 0; i < jobs.Count; i++)
            Assert.Equal(local.Single(o => o.JobId == jobs[i].Id).Figures, remote[i].Figures);
        Assert.Equal(0, executor.Duplicates);
    }

    [Fact]
    public async Task AWorkerKilledMidRunHasItsNightRequeuedAndCountedOnce()
    {
        var jobs = NightJob.Nights("killed", SmallNight, seed: 9, runs: 2, growth: 1);
        var started = new ConcurrentQueue<(string Worker, string Job)>();
        using var kill = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var doomed = new NightWorker(new NightWorkerOptions(fixture.Broker.AmqpUri));
        doomed.JobStarted += job =>
        {
            started.Enqueue(("doomed", job.Id));
            kill.Cancel(); // dies with the night in hand, before publishing or acknowledging it
        };
        var doomedRun = doomed.RunAsync(kill.Token);
        var executor = new BrokerNightExecutor(fixture.Broker.AmqpUri) { Timeout = TimeSpan.FromMinutes(4) };
        var collecting = executor.RunAsync(jobs, null, CancellationToken.None);
        try
        {
            await doomedRun;
        }
        catch (OperationCanceledException)
        {
            // killed
        }
        var stolen = Assert.Single(started).Job;
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var survivor = new NightWorker(new NightWorkerOptions(fixture.Broker.AmqpUri));
        survivor.JobStarted += job => started.Enqueue(("survivor", job.Id));
        var survivorRun = survivor.RunAsync(stop.Token);
        var remote = await collecting;
        await stop.CancelAsync();
        await survivorRun;
        // The killed worker's night ran again on the survivor, and every night is counted once, with the in-process figures.
        Assert.Contains(("survivor", stolen), started);
        Assert.Equal(jobs.Select(j => j.Id), remote.Select(o => o.JobId));
        var local = new InProcessNightExecutor(2).Run(jobs);
        for (var i = 0; i < jobs.Count; i++)
            Assert.Equal(local.Single(o => o.JobId == jobs[i].Id).Figures, remote[i].Figures);
    }
}
