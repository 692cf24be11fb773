using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Canopy.Server.Decisions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Canopy.Server.Tests;

/// <summary>
/// No record, no shot: a release whose decision cannot be written does not fire, the API says why (503) and the run's
/// state carries the reason; the run's clock goes on, and once the record can be written again the defence resumes.
/// </summary>
public class FailClosedTests
{
    [Fact]
    public async Task Approve_DecisionLogFails_Answers503WithTheReasonAndNothingFires()
    {
        var log = new BreakableDecisionLog { Broken = true };
        await using var host = await ApiHost.StartAsync(configure: b => b.Services.AddSingleton<IDecisionLog>(log));
        var run = await host.StartPausedRunAsync();
        var rec = await host.StepUntilRecommendationAsync(run);
        var id = rec.GetProperty("id").GetInt32();

        var response = await host.Client.PostAsJsonAsync($"/api/runs/{run}/recommendations/{id}/approve", new { });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("was not recorded, so nothing was released: the decision log failed (disk full)", await Detail(response), StringComparison.Ordinal);
        Assert.Contains("not recorded", (await host.GetAsync($"/api/runs/{run}")).GetProperty("reason").GetString(), StringComparison.Ordinal);
        await host.StepAsync(run, 2);
        Assert.Empty(await Engagements(host, run));
        Assert.Contains((await host.GetAsync($"/api/runs/{run}/recommendations")).EnumerateArray(),
            r => r.GetProperty("id").GetInt32() == id && !r.GetProperty("approved").GetBoolean());

        log.Broken = false;
        Assert.Equal(HttpStatusCode.OK, (await host.Client.PostAsJsonAsync($"/api/runs/{run}/recommendations/{id}/approve", new { })).StatusCode);
        await host.StepAsync(run, 2);
        Assert.Single(await Engagements(host, run));
        Assert.False((await host.GetAsync($"/api/runs/{run}")).TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String);
    }

    [Fact]
    public async Task Approve_SqliteFileLockedByAnotherWriter_Answers503AndNothingFires()
    {
        await using var host = await ApiHost.StartAsync();
        var run = await host.StartPausedRunAsync();
        var rec = await host.StepUntilRecommendationAsync(run);
        HttpResponseMessage response;
        using (var intruder = new SqliteConnection($"Data Source={host.DatabasePath};Pooling=False"))
        {
            intruder.Open();
            using var hold = intruder.BeginTransaction(deferred: false); // the write lock, held past the store's 5 s busy timeout
            response = await host.Client.PostAsJsonAsync($"/api/runs/{run}/recommendations/{rec.GetProperty("id").GetInt32()}/approve", new { });
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("database is locked", await Detail(response), StringComparison.Ordinal);
        await host.StepAsync(run, 30);
        Assert.Empty(await Engagements(host, run));
        Assert.Empty((await host.GetAsync($"/api/runs/{run}/decisions")).EnumerateArray());
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("semi")]
    public async Task SystemRelease_DecisionLogFails_NothingFiresTheClockRunsAndTheStateSaysWhy(string mode)
    {
        var log = new BreakableDecisionLog { Broken = true };
        await using var host = await ApiHost.StartAsync(configure: b => b.Services.AddSingleton<IDecisionLog>(log));
        var started = await host.Client.PostAsJsonAsync("/api/runs", new { scenario = "quiet-night", seed = 7, mode, paused = true, semiAutomaticDelay = 0 });
        var run = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        JsonElement state = default;
        for (var minute = 0; minute < 240; minute++)
        {
            await host.StepAsync(run, 60);
            state = await host.GetAsync($"/api/runs/{run}");
            if (state.GetProperty("reason").ValueKind == JsonValueKind.String) break;
        }

        Assert.Contains("Auto of recommendation", state.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("paused", state.GetProperty("status").GetString());
        Assert.Empty(await Engagements(host, run));
        // The clock loop lives on: running at 100x, simulated time moves.
        var before = state.GetProperty("time").GetDouble();
        await host.Client.PutAsJsonAsync($"/api/runs/{run}/clock", new { paused = false, speed = 100 });
        await WaitFor(async () => (await host.GetAsync($"/api/runs/{run}")).GetProperty("time").GetDouble() > before + 10);
        Assert.Equal("running", (await host.GetAsync($"/api/runs/{run}")).GetProperty("status").GetString());
        Assert.Empty(await Engagements(host, run));

        log.Broken = false; // the record is back: the system's releases are recorded, then fire
        await WaitFor(async () => (await Engagements(host, run)).Count > 0);
        Assert.NotEmpty(log.Decisions);
        Assert.All(log.Decisions, d => Assert.Equal(DecisionKind.Auto, d.Kind));
    }

    internal static async Task<List<JsonElement>> Engagements(ApiHost host, string run) =>
        [.. (await host.GetAsync($"/api/runs/{run}/events")).EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "Engagement")];

    private static async Task<string> Detail(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;

    private static async Task WaitFor(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met in 30 s");
            await Task.Delay(50);
        }
    }

    /// <summary>A decision log that fails (as a full disk would) while <see cref="Broken"/>.</summary>
    private sealed class BreakableDecisionLog : IDecisionLog
    {
        private readonly List<Decision> _decisions = [];

        public volatile bool Broken;

        public IReadOnlyList<Decision> Decisions
        {
            get { lock (_decisions) return [.. _decisions]; }
        }

        public void Add(Decision decision)
        {
            if (Broken) throw new IOException("disk full");
            lock (_decisions) _decisions.Add(decision);
        }

        public IReadOnlyList<Decision> ForRun(string runId)
        {
            lock (_decisions) return [.. _decisions.Where(d => d.RunId == runId)];
        }
    }
}
