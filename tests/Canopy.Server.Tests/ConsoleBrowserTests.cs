using System.Net.Http.Json;
using System.Text.Json;
using Canopy.Server.Security;
using Microsoft.Playwright;

namespace Canopy.Server.Tests;

/// <summary>The web console in Chromium: signing in, the map, moving tracks, approve and veto through the buttons. Saves screenshots.</summary>
public class ConsoleBrowserTests(ConsoleBrowser console) : IClassFixture<ConsoleBrowser>
{
    private static async Task Screenshot(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleBrowser.ScreenshotFolder, name + ".png") });

    [Fact]
    public async Task Map_Renders_BordersAssetsSensorsAndEffectors()
    {
        var (run, _) = await console.StartRunWithRecommendationAsync();
        var page = await console.OpenAsync(run);
        await page.WaitForFunctionAsync("() => window.canopy.pictures > 0 || window.canopy.counts().effectors > 0");
        var counts = await page.EvaluateAsync<Dictionary<string, int>>("() => window.canopy.counts()");
        Assert.True(counts["borders"] > 200, $"{counts["borders"]} border features");
        Assert.Equal(3, counts["assets"]);
        Assert.Equal(5, counts["sensors"]);
        Assert.Equal(12, counts["effectors"]);
        var canvasHasInk = await page.EvaluateAsync<bool>("""
            () => { const c = document.querySelector('#map canvas'); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                    const first = d.slice(0, 4).join(); for (let i = 0; i < d.length; i += 4000) if (d.slice(i, i + 4).join() !== first) return true; return false; }
            """);
        Assert.True(canvasHasInk, "the map canvas is blank");
        await Screenshot(page, "console-map");
    }

    [Fact]
    public async Task Tracks_MoveBetweenTwoScreenshots()
    {
        var (run, _) = await console.StartRunWithRecommendationAsync();
        var page = await console.OpenAsync(run);
        await console.StepAsync(run, 1);
        await page.WaitForFunctionAsync("() => window.canopy.last() && window.canopy.counts().tracks > 0");
        var before = await page.EvaluateAsync<JsonElement>("() => window.canopy.last()");
        await Screenshot(page, "console-tracks-1");
        var first = await File.ReadAllBytesAsync(Path.Combine(ConsoleBrowser.ScreenshotFolder, "console-tracks-1.png"));

        await console.StepAsync(run, 60);
        await page.WaitForFunctionAsync($"() => window.canopy.last().time > {before.GetProperty("time").GetDouble()}");
        var after = await page.EvaluateAsync<JsonElement>("() => window.canopy.last()");
        await Screenshot(page, "console-tracks-2");
        var second = await File.ReadAllBytesAsync(Path.Combine(ConsoleBrowser.ScreenshotFolder, "console-tracks-2.png"));

        var was = before.GetProperty("tracks").EnumerateArray().ToDictionary(t => t.GetProperty("id").GetInt32(),
            t => (t.GetProperty("lat").GetDouble(), t.GetProperty("lon").GetDouble()));
        Assert.Contains(after.GetProperty("tracks").EnumerateArray(), t => was.TryGetValue(t.GetProperty("id").GetInt32(), out var p)
            && p != (t.GetProperty("lat").GetDouble(), t.GetProperty("lon").GetDouble()));
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task ApproveButton_LeadsToEngagement()
    {
        var (run, _) = await console.StartRunWithRecommendationAsync();
        var page = await console.OpenAsync(run);
        var rec = await console.ShownRecommendationAsync(page, run);
        var id = rec.GetProperty("id").GetInt32();
        var track = rec.GetProperty("trackId").GetInt32();
        var button = page.Locator($".rec[data-id='{id}'] button[data-act='approve']");
        await button.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        await Screenshot(page, "console-recommendation");
        await button.ClickAsync();
        await page.Locator("#status", new PageLocatorOptions { HasText = $"approved recommendation {id}" }).WaitForAsync();

        await console.StepAsync(run, 2);

        Assert.Contains(track, await console.EngagedTracksAsync(run));
        await page.Locator("#events li[data-kind='Engagement']").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        // The chart's rounds come from the time line's engagements; they add up to the summary's rounds.
        await page.WaitForFunctionAsync("() => window.canopy.last().summary.rounds > 0 && window.canopy.series().length > 0 " +
            "&& window.canopy.series().at(-1).rounds === window.canopy.last().summary.rounds",
            null, new PageWaitForFunctionOptions { Timeout = 15_000 });
        await Screenshot(page, "console-approved");
    }

    [Fact]
    public async Task VetoButton_PreventsEngagement()
    {
        var (run, _) = await console.StartRunWithRecommendationAsync();
        var page = await console.OpenAsync(run);
        var rec = await console.ShownRecommendationAsync(page, run);
        var id = rec.GetProperty("id").GetInt32();
        var track = rec.GetProperty("trackId").GetInt32();
        var unit = rec.GetProperty("effector").GetString();
        var button = page.Locator($".rec[data-id='{id}'] button[data-act='veto']");
        await button.WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        await button.ClickAsync();
        await page.Locator("#status", new PageLocatorOptions { HasText = $"vetoed recommendation {id}" }).WaitForAsync();

        await page.SelectOptionAsync("#mode", "auto");
        await page.ClickAsync("#mode-confirm");
        await page.WaitForFunctionAsync("() => window.canopy.last().mode === 'auto'", null, new PageWaitForFunctionOptions { Timeout = 15_000 });
        await console.StepAsync(run, 600);

        var engagements = (await console.Client.GetFromJsonAsync<JsonElement>($"/api/runs/{run}/events")).EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString() == "Engagement").ToList();
        Assert.NotEmpty(engagements);
        Assert.DoesNotContain(engagements, e => e.GetProperty("trackId").GetInt32() == track && e.GetProperty("effector").GetString() == unit);
        await Screenshot(page, "console-vetoed");
    }

    [Fact]
    public async Task Replay_AtAChosenTime_ShowsTheTracksOfThen()
    {
        var (run, rec) = await console.StartRunWithRecommendationAsync();
        var then = await console.Client.GetFromJsonAsync<JsonElement>($"/api/runs/{run}/picture");
        var time = then.GetProperty("time").GetDouble();
        var tracksThen = then.GetProperty("tracks").EnumerateArray().Select(t => t.GetProperty("id").GetInt32()).Order().ToList();
        (await console.Client.PostAsJsonAsync($"/api/runs/{run}/recommendations/{rec.GetProperty("id").GetInt32()}/approve", new { })).EnsureSuccessStatusCode();
        await console.StepAsync(run, 600);
        var page = await console.OpenAsync(run);

        await page.ClickAsync("#replay");
        await page.WaitForFunctionAsync("() => window.canopy.replaying() && window.canopy.last()", null, new PageWaitForFunctionOptions { Timeout = 15_000 });
        await page.EvalOnSelectorAsync("#replay-time", "(e, t) => { e.value = String(t); e.dispatchEvent(new Event('input')); }", time);
        await page.WaitForFunctionAsync($"() => window.canopy.last().time === {time.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            null, new PageWaitForFunctionOptions { Timeout = 15_000 });

        var shown = await page.EvaluateAsync<JsonElement>("() => window.canopy.last()");
        Assert.Equal(tracksThen, shown.GetProperty("tracks").EnumerateArray().Select(t => t.GetProperty("id").GetInt32()).Order().ToList());
        Assert.Equal(tracksThen.Count, (await page.EvaluateAsync<Dictionary<string, int>>("() => window.canopy.counts()"))["tracks"]);
        Assert.Equal("replay " + TimeSpan.FromSeconds(Math.Round(time)).ToString(@"hh\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture),
            await page.InnerTextAsync("#replay-at"));
        await Screenshot(page, "console-replay");

        await page.ClickAsync("#replay-live");
        await page.WaitForFunctionAsync("() => !window.canopy.replaying() && window.canopy.last().time > " +
            time.ToString(System.Globalization.CultureInfo.InvariantCulture), null, new PageWaitForFunctionOptions { Timeout = 15_000 });
    }

    [Fact]
    public async Task SignInForm_SignsIn_ShowsTheAccount_AndAnObserverGetsNoCommandOrDecisionControls()
    {
        var (run, _) = await console.StartRunWithRecommendationAsync();
        var page = await console.NewPageAsync(role: null);
        await page.GotoAsync($"{console.BaseUrl}/?run={run}");
        await page.GetByLabel("Name").WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
        await page.GetByLabel("Name").FillAsync("observer");
        await page.GetByLabel("Password").FillAsync("wrong password");
        await page.ClickAsync("#sign-in-submit");
        await page.Locator("#sign-in-error", new PageLocatorOptions { HasText = "wrong name or password" }).WaitForAsync();
        await Screenshot(page, "console-sign-in");

        await page.GetByLabel("Password").FillAsync(TestAccounts.Password);
        await page.ClickAsync("#sign-in-submit");
        await page.WaitForFunctionAsync("() => window.canopy.account() && window.canopy.watching !== null", null, new PageWaitForFunctionOptions { Timeout = 30_000 });

        Assert.Equal("observer (observer)", await page.InnerTextAsync("#account"));
        Assert.False(await page.IsVisibleAsync("#start"));
        Assert.False(await page.IsVisibleAsync("#clock-buttons"));
        Assert.True(await page.IsDisabledAsync("#mode"));
        await console.StepAsync(run, 1);
        await page.WaitForFunctionAsync("() => window.canopy.last() && window.canopy.last().recommendations.length > 0", null,
            new PageWaitForFunctionOptions { Timeout = 15_000 });
        await page.Locator("#recommendations .rec").First.WaitForAsync();
        Assert.Equal(0, await page.Locator("#recommendations button").CountAsync());
        Assert.Contains("not yours to decide", await page.InnerTextAsync("#recommendations"), StringComparison.Ordinal);

        await page.ClickAsync("#sign-out");
        await page.GetByLabel("Name").WaitForAsync(new LocatorWaitForOptions { Timeout = 15_000 });
    }
}
