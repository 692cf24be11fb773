using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Canopy.Server.Security;

namespace Canopy.Server.Tests;

public class ConsoleApiTests
{
    [Fact]
    public async Task Scenarios_ListsShippedScenarios()
    {
        await using var host = await ApiHost.StartAsync();
        var names = (await host.GetAsync("/api/scenarios")).EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Contains("quiet-night", names);
        Assert.Contains("record-night", names);
    }

    [Fact]
    public async Task Tracks_AfterStepping_AreListedAndMove()
    {
        await using var host = await ApiHost.StartAsync();
        var run = await host.StartPausedRunAsync();
        Assert.Equal(0, (await host.GetAsync($"/api/runs/{run}/tracks")).GetArrayLength());
        await host.StepUntilRecommendationAsync(run);
        var before = (await host.GetAsync($"/api/runs/{run}/tracks")).EnumerateArray().Where(t => t.GetProperty("confirmed").GetBoolean())
            .ToDictionary(t => t.GetProperty("id").GetInt32(), t => (t.GetProperty("lat").GetDouble(), t.GetProperty("lon").GetDouble()));
        Assert.NotEmpty(before);
        await host.StepAsync(run, 30);
        var after = (await host.GetAsync($"/api/runs/{run}/tracks")).EnumerateArray()
            .Where(t => before.ContainsKey(t.GetProperty("id").GetInt32())).ToList();
        Assert.NotEmpty(after);
        Assert.Contains(after, t => before[t.GetProperty("id").GetInt32()] != (t.GetProperty("lat").GetDouble(), t.GetProperty("lon").GetDouble()));
    }

    [Fact]
    public async Task Approve_Recommendation_LeadsToEngagementAndIsStored()
    {
        await using var host = await ApiHost.StartAsync();
        var run = await host.StartPausedRunAsync();
        var rec = await host.StepUntilRecommendationAsync(run);
        var id = rec.GetProperty("id").GetInt32();
        var track = rec.GetProperty("trackId").GetInt32();
        Assert.DoesNotContain(await Engagements(host, run), e => e.Track == track);

        var response = await host.ClientAs(Role.BattleManager, "XX").PostAsync($"/api/runs/{run}/recommendations/{id}/approve", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.StepAsync(run, 2);

        Assert.Contains(await Engagements(host, run), e => e.Track == track && e.Effector == rec.GetProperty("effector").GetString());
        var decision = Assert.Single((await host.GetAsync($"/api/runs/{run}/decisions")).EnumerateArray());
        Assert.Equal("battle-manager-XX", decision.GetProperty("operator").GetString()); // the signed-in account, whatever a body says
        Assert.Equal(id, decision.GetProperty("recommendationId").GetInt32());
        Assert.Equal("Approve", decision.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Veto_Recommendation_PreventsEngagementOfThatTrackByThatUnit()
    {
        await using var host = await ApiHost.StartAsync();
        var run = await host.StartPausedRunAsync();
        var rec = await host.StepUntilRecommendationAsync(run);
        var track = rec.GetProperty("trackId").GetInt32();
        var unit = rec.GetProperty("effector").GetString();

        var response = await host.Client.PostAsJsonAsync($"/api/runs/{run}/recommendations/{rec.GetProperty("id").GetInt32()}/veto", new { });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.Client.PutAsJsonAsync($"/api/runs/{run}/mode", new { mode = "auto" });
        await host.StepAsync(run, 600);

        var engagements = await Engagements(host, run);
        Assert.NotEmpty(engagements);
        Assert.DoesNotContain(engagements, e => e.Track == track && e.Effector == unit);
        Assert.DoesNotContain((await host.GetAsync($"/api/runs/{run}/recommendations")).EnumerateArray(),
            r => r.GetProperty("trackId").GetInt32() == track && r.GetProperty("effector").GetString() == unit);
    }

    [Fact]
    public async Task Manual_WithoutApproval_NeverEngages()
    {
        await using var host = await ApiHost.StartAsync();
        var run = await host.StartPausedRunAsync();
        await host.StepUntilRecommendationAsync(run);
        await host.StepAsync(run, 600);
        Assert.Empty(await Engagements(host, run));
    }

    [Theory]
    [InlineData("/api/runs", """{"scenario":"no-such-night"}""", "no scenario 'no-such-night'")]
    [InlineData("/api/runs", """{"scenario":"../etc"}""", "is not a file name")]
    [InlineData("/api/runs", """{"mode":"sometimes"}""", "is not one of manual, semi, auto")]
    [InlineData("/api/runs", """{"speed":-3}""", "speed -3 is out of range")]
    [InlineData("/api/runs", """{"seed":"seven"}""", "at $.seed")]
    [InlineData("/api/runs", """{"scenario": """, "LineNumber: 0")]
    public async Task StartRun_BadRequest_Gives400WithMessage(string path, string body, string message)
    {
        await using var host = await ApiHost.StartAsync();
        var response = await host.Client.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(message, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunEndpoints_BadInput_Give4xxNever500()
    {
        await using var host = await ApiHost.StartAsync();
        var run = await host.StartPausedRunAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/api/runs/nope/tracks")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await host.Client.PostAsJsonAsync($"/api/runs/{run}/recommendations/999/approve", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Client.PutAsJsonAsync($"/api/runs/{run}/clock", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Client.PutAsJsonAsync($"/api/runs/{run}/clock", new { speed = 1e9 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Client.PostAsJsonAsync($"/api/runs/{run}/step", new { seconds = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Client.PutAsJsonAsync($"/api/runs/{run}/mode", new { mode = "x" })).StatusCode);
        var noBody = await host.Client.PutAsync($"/api/runs/{run}/clock", new StringContent("", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, noBody.StatusCode);
    }

    [Fact]
    public async Task ConsoleReport_ValidIsKeptAndNonFiniteIsRejected()
    {
        await using var host = await ApiHost.StartAsync();
        var run = await host.StartPausedRunAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync($"/api/runs/{run}/console-report")).StatusCode);
        var good = new { picturesPerSecond = 9.5, latencyMs = 12.0, latencyP95Ms = 30.0, renderMs = 8.0, frameMs = 16.7, tracks = 1000 };
        Assert.Equal(HttpStatusCode.OK, (await host.Client.PostAsJsonAsync($"/api/runs/{run}/console-report", good)).StatusCode);
        Assert.Equal(1000, (await host.GetAsync($"/api/runs/{run}/console-report")).GetProperty("tracks").GetInt32());

        var bad = await host.Client.PostAsync($"/api/runs/{run}/console-report", new StringContent(
            """{"picturesPerSecond":"NaN","latencyMs":1,"latencyP95Ms":1,"renderMs":1,"frameMs":1,"tracks":1}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("finite", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clock_PauseAndSpeed_AreReportedInState()
    {
        await using var host = await ApiHost.StartAsync();
        var run = await host.StartPausedRunAsync();
        var response = await host.Client.PutAsJsonAsync($"/api/runs/{run}/clock", new { paused = false, speed = 60 });
        var clock = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clock");
        Assert.False(clock.GetProperty("paused").GetBoolean());
        Assert.Equal(60, clock.GetProperty("speed").GetDouble());
    }

    [Fact]
    public async Task OpenApi_Document_ParsesAndListsThePaths()
    {
        await using var host = await ApiHost.StartAsync();
        var doc = await host.GetAsync("/openapi/v1.json");
        Assert.StartsWith("3.", doc.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/runs", paths);
        Assert.Contains("/api/runs/{id}/recommendations/{recommendationId}/approve", paths);
        Assert.Contains("/api/runs/{id}/recommendations/{recommendationId}/veto", paths);
    }

    private static async Task<List<(int Track, string? Effector)>> Engagements(ApiHost host, string run) =>
        [.. (await host.GetAsync($"/api/runs/{run}/events")).EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString() == "Engagement")
            .Select(e => (e.GetProperty("trackId").GetInt32(), e.GetProperty("effector").GetString()))];
}
