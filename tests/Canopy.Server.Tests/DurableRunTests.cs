using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Canopy.Cli.Tests;
using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Server.Approval;
using Canopy.Server.Decisions;
using Canopy.Server.Live;

namespace Canopy.Server.Tests;

/// <summary>
/// Runs outlive their server: a restarted server lists them with their after-action review; run ids never collide; a
/// step that throws fails its run visibly; a store that cannot be written keeps the server from starting.
/// </summary>
public class DurableRunTests
{
    [Fact]
    public async Task Restart_ListsPastRunsWithTheirStateEventsResultAndDecisions()
    {
        using var folder = new TempFolder();
        var dir = Path.GetDirectoryName(folder.File("x"))!;
        string stopped, live;
        JsonElement stoppedState;
        string events;
        double liveTime;
        await using (var host = await ApiHost.StartAsync(dir))
        {
            stopped = await host.StartPausedRunAsync();
            var rec = await host.StepUntilRecommendationAsync(stopped);
            (await host.Client.PostAsJsonAsync($"/api/runs/{stopped}/recommendations/{rec.GetProperty("id").GetInt32()}/approve",
                new { })).EnsureSuccessStatusCode();
            await host.StepAsync(stopped, 120);
            (await host.Client.DeleteAsync($"/api/runs/{stopped}")).EnsureSuccessStatusCode();
            stoppedState = await host.GetAsync($"/api/runs/{stopped}");
            events = (await host.GetAsync($"/api/runs/{stopped}/events")).GetRawText();
            live = await host.StartPausedRunAsync();
            await host.StepAsync(live, 60);
            liveTime = (await host.GetAsync($"/api/runs/{live}")).GetProperty("time").GetDouble();
        }

        await using var restarted = await ApiHost.StartAsync(dir);

        var runs = (await restarted.GetAsync("/api/runs")).EnumerateArray().ToList();
        Assert.Equal([stopped, live], runs.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal("stopped", runs[0].GetProperty("status").GetString());
        Assert.Equal("interrupted", runs[1].GetProperty("status").GetString());
        Assert.Equal(liveTime, runs[1].GetProperty("time").GetDouble());
        var state = await restarted.GetAsync($"/api/runs/{stopped}");
        Assert.Equal(stoppedState.GetProperty("summary").GetRawText(), state.GetProperty("summary").GetRawText());
        Assert.Equal(stoppedState.GetProperty("time").GetDouble(), state.GetProperty("time").GetDouble());
        Assert.Equal(events, (await restarted.GetAsync($"/api/runs/{stopped}/events")).GetRawText());
        Assert.Contains(JsonDocument.Parse(events).RootElement.EnumerateArray(), e => e.GetProperty("kind").GetString() == "Engagement");
        Assert.Equal(stoppedState.GetProperty("time").GetDouble(), (await restarted.GetAsync($"/api/runs/{stopped}/result")).GetProperty("simulatedSeconds").GetDouble());
        Assert.Equal("quiet-night", (await restarted.GetAsync($"/api/runs/{stopped}/layout")).GetProperty("scenario").GetString());
        var decision = Assert.Single((await restarted.GetAsync($"/api/runs/{stopped}/decisions")).EnumerateArray());
        Assert.Equal(("commander", "Approve"), (decision.GetProperty("operator").GetString(), decision.GetProperty("kind").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, (await restarted.Client.GetAsync($"/api/runs/{stopped}/picture")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await restarted.Client.GetAsync($"/api/runs/{Guid.CreateVersion7()}")).StatusCode);
        Assert.True(new SqliteDecisionLog(restarted.DatabasePath).Verify().Ok);
    }

    [Fact]
    public async Task RunIds_FromTwoServersInOneSecond_AreDistinctTimeOrderedUuids()
    {
        var scenario = new ScenarioCatalog(RepositoryRoot.Scenarios).Load("quiet-night", out var error) ?? throw new InvalidOperationException(error);
        await using var a = new RunRegistry(new NoDecisions(), new NoRelocations(), new NoPublisher(), TimeProvider.System);
        await using var b = new RunRegistry(new NoDecisions(), new NoRelocations(), new NoPublisher(), TimeProvider.System);

        var ids = new[] { a, b, a, b }.Select(r => r.Start(scenario, 7, ApprovalMode.Manual, 1, paused: true, 30).Id).ToList();

        Assert.Equal(4, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Equal(7, Guid.Parse(id).Version));
        Assert.Equal(ids.Select(id => Guid.Parse(id).ToString()[..8]).Order(StringComparer.Ordinal), ids.Select(id => id[..8])); // time first
    }

    [Fact]
    public async Task Step_ThatThrows_FailsTheRunWithTheReasonInItsStateAndPushedPicture()
    {
        var scenario = new ScenarioCatalog(RepositoryRoot.Scenarios).Load("quiet-night", out var error) ?? throw new InvalidOperationException(error);
        var positions = new BrokenPositions();
        var publisher = new LastPicture();
        await using var run = new LiveRun("failing", scenario, 7, ApprovalMode.Manual, 10, paused: false, 30, new NoDecisions(), publisher,
            TimeProvider.System, positions);
        run.Advance(5);
        Assert.Equal(("running", null), (run.State().Status, run.State().Reason));

        positions.Broken = true;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (publisher.Last?.Status != "failed" && DateTime.UtcNow < deadline) await Task.Delay(20);

        var state = run.State();
        Assert.Equal("failed", state.Status);
        Assert.Contains("InvalidOperationException in a pipeline step: the position feed broke", state.Reason, StringComparison.Ordinal);
        Assert.Equal(state.Reason, publisher.Last!.Reason);
        run.Advance(60);
        Assert.Equal(state.Time, run.State().Time); // it stays where it failed
    }

    [Fact]
    public void Serve_UnwritableStore_IsRefusedAtStartWithTheReason()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("not-a-folder"), "");

        var (exit, output) = CanopyProcess.Run("serve", "--port", "1", "--db", Path.Combine(folder.File("not-a-folder"), "decisions.db"));

        Assert.Equal(1, exit);
        Assert.Contains("cannot be created", output, StringComparison.Ordinal);
        Assert.Contains("No run starts without a record it can write", output, StringComparison.Ordinal);
    }

    private sealed class BrokenPositions : IEffectorPositions
    {
        public volatile bool Broken;

        public bool TryGetPosition(string effectorId, out Geodetic position)
        {
            if (Broken) throw new InvalidOperationException("the position feed broke");
            position = default;
            return false;
        }
    }

    private sealed class LastPicture : IPicturePublisher
    {
        public volatile LivePicture? Last;

        public Task PublishAsync(LivePicture picture, CancellationToken cancellationToken)
        {
            Last = picture;
            return Task.CompletedTask;
        }
    }

    private sealed class NoDecisions : IDecisionLog
    {
        public void Add(Decision decision) { }
        public IReadOnlyList<Decision> ForRun(string runId) => [];
    }

    private sealed class NoRelocations : IRelocationLog
    {
        public void Add(Relocation relocation) { }
        public IReadOnlyList<Relocation> RelocationsFor(string runId) => [];
    }

    private sealed class NoPublisher : IPicturePublisher
    {
        public Task PublishAsync(LivePicture picture, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
