using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Canopy.Server.Tests;

public class ReplayApiTests
{
    private static List<(int Id, double Lat, double Lon)> Tracks(JsonElement picture) =>
        [.. picture.GetProperty("tracks").EnumerateArray().Select(t => (t.GetProperty("id").GetInt32(), t.GetProperty("lat").GetDouble(), t.GetProperty("lon").GetDouble()))];

    [Fact]
    public async Task Replay_AtLiveTimes_ShowsThePicturesTheOperatorSaw()
    {
        await using var host = await ApiHost.StartAsync();
        var run = await host.StartPausedRunAsync();
        var rec = await host.StepUntilRecommendationAsync(run);
        var early = await host.GetAsync($"/api/runs/{run}/picture");
        (await host.Client.PostAsJsonAsync($"/api/runs/{run}/recommendations/{rec.GetProperty("id").GetInt32()}/approve", new { })).EnsureSuccessStatusCode();
        await host.StepAsync(run, 120);
        var late = await host.GetAsync($"/api/runs/{run}/picture");
        Assert.True(late.GetProperty("summary").GetProperty("rounds").GetInt32() > 0, "the approved shot was fired");

        // Forward to the late time, then back to the early one (which re-runs the night from its start).
        foreach (var live in new[] { late, early })
        {
            var time = live.GetProperty("time").GetDouble();
            var replay = await host.GetAsync($"/api/runs/{run}/replay?time={time.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            Assert.Equal(time, replay.GetProperty("time").GetDouble());
            Assert.Equal(Tracks(live), Tracks(replay));
            Assert.Equal(live.GetProperty("summary").ToString(), replay.GetProperty("summary").ToString());
        }
    }

    [Fact]
    public async Task Replay_EventsUpToTheTime_IncludeTheApprovedEngagement()
    {
        await using var host = await ApiHost.StartAsync();
        var run = await host.StartPausedRunAsync();
        var rec = await host.StepUntilRecommendationAsync(run);
        (await host.Client.PostAsJsonAsync($"/api/runs/{run}/recommendations/{rec.GetProperty("id").GetInt32()}/approve", new { })).EnsureSuccessStatusCode();
        await host.StepAsync(run, 30);
        var time = (await host.GetAsync($"/api/runs/{run}")).GetProperty("time").GetDouble();

        var replay = await host.GetAsync($"/api/runs/{run}/replay?time={time.ToString(System.Globalization.CultureInfo.InvariantCulture)}");

        Assert.Contains(replay.GetProperty("newEvents").EnumerateArray(), e => e.GetProperty("kind").GetString() == "Engagement"
            && e.GetProperty("trackId").GetInt32() == rec.GetProperty("trackId").GetInt32());
        Assert.Equal((await host.GetAsync($"/api/runs/{run}/events")).GetArrayLength(), replay.GetProperty("newEvents").GetArrayLength());
    }

    [Theory]
    [InlineData("")]
    [InlineData("?time=-1")]
    [InlineData("?time=999999")]
    public async Task Replay_TimeMissingOrOutsideTheRun_Is400WithReason(string query)
    {
        await using var host = await ApiHost.StartAsync();
        var run = await host.StartPausedRunAsync();
        await host.StepAsync(run, 10);
        var response = await host.Client.GetAsync($"/api/runs/{run}/replay{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("time must be", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Replay_TimeNotANumber_Is400()
    {
        await using var host = await ApiHost.StartAsync();
        var run = await host.StartPausedRunAsync();
        var response = await host.Client.GetAsync($"/api/runs/{run}/replay?time=soon");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
