using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Canopy.Server.Security;

namespace Canopy.Server.Tests;

/// <summary>
/// Decisions through the API as the console makes them: an approval names the version seen and is refused (409, with
/// the reason) when its recommendation is gone; holds and releases; mode changes in the decision log and the time line
/// with who made them; no truth in the live views; a run's review and decisions after a restart.
/// </summary>
public class ConsoleDecisionTests
{
    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task<List<JsonElement>> Decisions(ApiHost host, string run) =>
        [.. (await host.GetAsync($"/api/runs/{run}/decisions")).EnumerateArray()];

    [Fact]
    public async Task Approve_NamesTheVersionSeen_ADecidedRecommendationIsRefusedWith409AndReason_NothingMoreFires()
    {
        await using var host = await ApiHost.StartAsync();
        var run = await host.StartPausedRunAsync();
        var rec = await host.StepUntilRecommendationAsync(run);
        var (id, version) = (rec.GetProperty("id").GetInt32(), rec.GetProperty("version").GetInt32());
        Assert.False(string.IsNullOrEmpty(rec.GetProperty("threatClass").GetString()));
        Assert.Contains("marginal return", rec.GetProperty("why").GetString(), StringComparison.Ordinal);
        Assert.Equal("impact", rec.GetProperty("deadlineKind").GetString());
        var manager = host.ClientAs(Role.BattleManager, "XX");

        var vetoed = await manager.PostAsJsonAsync($"/api/runs/{run}/recommendations/{id}/veto", new { version });
        Assert.Equal(HttpStatusCode.OK, vetoed.StatusCode);
        var refused = await manager.PostAsJsonAsync($"/api/runs/{run}/recommendations/{id}/approve", new { version });
        await host.StepAsync(run, 120);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal($"recommendation {id} was vetoed by battle-manager-XX", (await Json(refused)).GetProperty("error").GetString());
        var unknown = await manager.PostAsJsonAsync($"/api/runs/{run}/recommendations/999/approve", new { version = 1 });
        Assert.Equal("recommendation 999 was never made", (await Json(unknown)).GetProperty("error").GetString());
        var decision = Assert.Single(await Decisions(host, run));
        Assert.Equal(("Veto", version, version, "battle-manager-XX"), (decision.GetProperty("kind").GetString(), decision.GetProperty("version").GetInt32(),
            decision.GetProperty("seenVersion").GetInt32(), decision.GetProperty("operator").GetString()));
        var engagements = (await host.GetAsync($"/api/runs/{run}/events")).EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "Engagement");
        Assert.DoesNotContain(engagements, e => e.GetProperty("trackId").GetInt32() == rec.GetProperty("trackId").GetInt32()
            && e.GetProperty("effector").GetString() == rec.GetProperty("effector").GetString());
    }

    [Fact]
    public async Task Hold_KeepsTheTrackUnengagedInAutomaticMode_UntilReleased_BothLoggedWithTheOperator()
    {
        await using var host = await ApiHost.StartAsync();
        var run = await host.StartPausedRunAsync();
        var rec = await host.StepUntilRecommendationAsync(run);
        var track = rec.GetProperty("trackId").GetInt32();
        var manager = host.ClientAs(Role.BattleManager, "XX");

        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsync($"/api/runs/{run}/tracks/{track}/hold", null)).StatusCode);
        var again = await manager.PostAsync($"/api/runs/{run}/tracks/{track}/hold", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.StartsWith($"track {track} is already held (by battle-manager-XX", (await Json(again)).GetProperty("error").GetString(), StringComparison.Ordinal);
        var hold = Assert.Single((await host.GetAsync($"/api/runs/{run}/picture")).GetProperty("holds").EnumerateArray());
        Assert.Equal((track, "battle-manager-XX"), (hold.GetProperty("trackId").GetInt32(), hold.GetProperty("operator").GetString()));
        await host.Client.PutAsJsonAsync($"/api/runs/{run}/mode", new { mode = "auto" });
        for (var i = 0; i < 6; i++)
        {
            await host.StepAsync(run, 10);
            Assert.DoesNotContain(await Engagements(host, run), t => t == track);
            Assert.DoesNotContain((await host.GetAsync($"/api/runs/{run}/recommendations")).EnumerateArray(), r => r.GetProperty("trackId").GetInt32() == track);
        }

        Assert.Equal(HttpStatusCode.OK, (await manager.DeleteAsync($"/api/runs/{run}/tracks/{track}/hold")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await manager.DeleteAsync($"/api/runs/{run}/tracks/{track}/hold")).StatusCode);
        Assert.Empty((await host.GetAsync($"/api/runs/{run}/holds")).EnumerateArray());

        var kinds = (await Decisions(host, run)).Select(d => (d.GetProperty("kind").GetString(), d.GetProperty("operator").GetString(), d.GetProperty("trackId").GetInt32()))
            .Where(d => d.Item1 is "Hold" or "Release").ToList();
        Assert.Equal([("Hold", "battle-manager-XX", track), ("Release", "battle-manager-XX", track)], kinds);
        var timeline = (await host.GetAsync($"/api/runs/{run}/events")).EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Contains("Hold", timeline);
        Assert.Contains("Release", timeline);
    }

    [Fact]
    public async Task ModeChange_IsInTheDecisionLogAndTheTimeLine_WithWhoAndBeforeAfter()
    {
        await using var host = await ApiHost.StartAsync();
        var run = await host.StartPausedRunAsync();
        await host.StepAsync(run, 30);

        (await host.Client.PutAsJsonAsync($"/api/runs/{run}/mode", new { mode = "semi", semiAutomaticDelay = 20 })).EnsureSuccessStatusCode();
        (await host.Client.PutAsJsonAsync($"/api/runs/{run}/mode", new { mode = "semi", semiAutomaticDelay = 20 })).EnsureSuccessStatusCode(); // no change: no record

        var decision = Assert.Single(await Decisions(host, run));
        Assert.Equal(("Mode", "commander", "manual -> semi (semi-automatic delay 30 s -> 20 s)"),
            (decision.GetProperty("kind").GetString(), decision.GetProperty("operator").GetString(), decision.GetProperty("detail").GetString()));
        Assert.Equal((await host.GetAsync($"/api/runs/{run}")).GetProperty("time").GetDouble(), decision.GetProperty("simulatedTime").GetDouble());
        var mode = Assert.Single((await host.GetAsync($"/api/runs/{run}/events")).EnumerateArray(), e => e.GetProperty("kind").GetString() == "Mode");
        Assert.Equal("mode manual -> semi (semi-automatic delay 30 s -> 20 s) by commander", mode.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task LiveViews_CarryNoTruth_TheReviewAfterTheRunDoes()
    {
        await using var host = await ApiHost.StartAsync();
        var run = await host.StartPausedRunAsync("auto");
        await host.StepAsync(run, 3600);
        await host.StepAsync(run, 3600);

        var events = (await host.GetAsync($"/api/runs/{run}/events")).EnumerateArray().ToList();
        Assert.Contains(events, e => e.GetProperty("kind").GetString() == "Engagement");
        Assert.All(events, e => Assert.Contains(e.GetProperty("kind").GetString(), new[] { "TrackConfirmed", "Engagement", "Look", "Impact" }));
        Assert.All(events, e => Assert.Equal((-1, ""), (e.GetProperty("threatId").GetInt32(), e.GetProperty("threatClass").GetString())));
        foreach (var summary in new[] { (await host.GetAsync($"/api/runs/{run}/picture")).GetProperty("summary"), (await host.GetAsync($"/api/runs/{run}")).GetProperty("summary") })
        {
            Assert.Equal(JsonValueKind.Null, summary.GetProperty("launched").ValueKind);
            Assert.Equal(JsonValueKind.Null, summary.GetProperty("leaked").ValueKind);
            Assert.False(summary.GetProperty("truth").GetBoolean());
            Assert.True(summary.GetProperty("rounds").GetInt32() > 0);
        }
        Assert.Equal(HttpStatusCode.Conflict, (await host.Client.GetAsync($"/api/runs/{run}/result")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await host.Client.GetAsync($"/api/runs/{run}/review")).StatusCode);

        (await host.Client.DeleteAsync($"/api/runs/{run}")).EnsureSuccessStatusCode();

        var review = await host.GetAsync($"/api/runs/{run}/review");
        Assert.Contains(review.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "Launch");
        Assert.True(review.GetProperty("state").GetProperty("summary").GetProperty("launched").GetInt32() > 0);
        Assert.True(review.GetProperty("state").GetProperty("summary").GetProperty("truth").GetBoolean());
    }

    [Fact]
    public async Task Restart_AFinishedRunReopens_WithItsSummaryReviewAndDecisions()
    {
        using var folder = new TempFolder();
        var dir = Path.GetDirectoryName(folder.File("x"))!;
        string run;
        await using (var host = await ApiHost.StartAsync(dir))
        {
            run = await host.StartPausedRunAsync();
            var rec = await host.StepUntilRecommendationAsync(run);
            (await host.Client.PostAsJsonAsync($"/api/runs/{run}/recommendations/{rec.GetProperty("id").GetInt32()}/approve",
                new { version = rec.GetProperty("version").GetInt32() })).EnsureSuccessStatusCode();
            (await host.Client.PutAsJsonAsync($"/api/runs/{run}/mode", new { mode = "auto" })).EnsureSuccessStatusCode();
            for (var i = 0; i < 24 && !(await host.GetAsync($"/api/runs/{run}")).GetProperty("finished").GetBoolean(); i++) await host.StepAsync(run, 3600);
            Assert.True((await host.GetAsync($"/api/runs/{run}")).GetProperty("finished").GetBoolean());
        }

        await using var restarted = await ApiHost.StartAsync(dir);

        var state = await restarted.GetAsync($"/api/runs/{run}");
        Assert.Equal("finished", state.GetProperty("status").GetString());
        Assert.True(state.GetProperty("summary").GetProperty("launched").GetInt32() > 0);
        Assert.Equal(["Approve", "Mode"], (await Decisions(restarted, run)).Take(2).Select(d => d.GetProperty("kind").GetString()));
        var review = await restarted.GetAsync($"/api/runs/{run}/review");
        Assert.Contains(review.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "Mode");
        Assert.Contains(review.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "Launch");
        Assert.DoesNotContain((await restarted.GetAsync($"/api/runs/{run}/events")).EnumerateArray(), e => e.GetProperty("kind").GetString() == "Launch");
    }

    private static async Task<List<int>> Engagements(ApiHost host, string run) =>
        [.. (await host.GetAsync($"/api/runs/{run}/events")).EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString() == "Engagement").Select(e => e.GetProperty("trackId").GetInt32())];
}
