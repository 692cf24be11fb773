using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Canopy.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Canopy.Server.Tests;

/// <summary>
/// The decision side of the console in Chromium: approvals of exactly the card under the pointer while pictures flow,
/// a refused approval shown with its reason, hold and release, the mode change's confirmation, the connection banner
/// and resync, a run reopened on a restarted server. Each press is checked against the decision log.
/// </summary>
public class ConsoleDecisionBrowserTests(ConsoleBrowser console, ITestOutputHelper output) : IClassFixture<ConsoleBrowser>
{
    private static readonly PageWaitForFunctionOptions Wait = new() { Timeout = 30_000 };

    private async Task<List<JsonElement>> Decisions(string run) =>
        [.. (await console.Client.GetFromJsonAsync<JsonElement>($"/api/runs/{run}/decisions")).EnumerateArray()];

    private async Task<string> StartAsync(string scenario, string mode)
    {
        var response = await console.Client.PostAsJsonAsync("/api/runs", new { scenario, seed = 7, mode, paused = true });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private async Task Clock(string run, bool paused, double speed) =>
        (await console.Client.PutAsJsonAsync($"/api/runs/{run}/clock", new { paused, speed })).EnsureSuccessStatusCode();

    /// <summary>Records, in the capture phase (before the console's own handler), the card of every Approve pressed: id, version, enabled.</summary>
    private const string RecordPresses = """
        () => { window.presses = []; document.addEventListener('click', e => {
          const b = e.target.closest && e.target.closest("button[data-act='approve']"); if (!b) return;
          const c = b.closest('.rec'); window.presses.push({ id: +c.dataset.id, version: +c.dataset.version, enabled: !b.disabled });
        }, true);
        window.statuses = []; new MutationObserver(() => window.statuses.push(document.getElementById('status').textContent))
          .observe(document.getElementById('status'), { childList: true, characterData: true, subtree: true }); }
        """;

    [Fact]
    public async Task ApprovePresses_WhilePicturesFlowAt1xAnd60x_EachApprovesExactlyTheCardUnderThePointer()
    {
        var run = await StartAsync("record-night", "manual");
        for (var i = 0; i < 20 && (await console.Client.GetFromJsonAsync<JsonElement>($"/api/runs/{run}/recommendations")).GetArrayLength() < 5; i++)
            await console.StepAsync(run, 300);
        var page = await console.OpenAsync(run);
        await page.EvaluateAsync(RecordPresses);
        var pressed = new Dictionary<double, int>();
        foreach (var speed in new[] { 1.0, 60.0 })
        {
            await Clock(run, false, speed);
            var presses = 0;
            for (var attempt = 0; presses < 25 && attempt < 80; attempt++)
            {
                var approve = page.Locator(".rec:not(.gone) button[data-act='approve']:enabled").First;
                LocatorBoundingBoxResult? box;
                try
                {
                    await approve.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
                }
                catch (TimeoutException) // none pending now: bring the next ones sooner (the clock keeps running)
                {
                    await console.StepAsync(run, 120);
                    continue;
                }
                try
                {
                    await approve.ScrollIntoViewIfNeededAsync(new LocatorScrollIntoViewIfNeededOptions { Timeout = 5_000 });
                    box = await approve.BoundingBoxAsync(new LocatorBoundingBoxOptions { Timeout = 5_000 });
                }
                catch (Exception e) when (e is PlaywrightException or TimeoutException) // it went (released, replaced) before the pointer got there: take the next
                {
                    continue;
                }
                if (box is null) continue;
                var (x, y) = (box.X + box.Width / 2, box.Y + box.Height / 2);
                await page.Mouse.MoveAsync(x, y);
                await page.WaitForTimeoutAsync(150); // pictures keep coming while the pointer rests on the button
                var before = await page.EvaluateAsync<int>("() => window.presses.length");
                await page.Mouse.ClickAsync(x, y);
                var press = await page.EvaluateAsync<JsonElement>($"() => window.presses[{before}] ?? null");
                if (press.ValueKind != JsonValueKind.Object) continue;
                presses++;
                var id = press.GetProperty("id").GetInt32();
                if (press.GetProperty("enabled").GetBoolean())
                    await page.Locator("#status", new PageLocatorOptions { HasText = $"recommendation {id}" }).WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
                await page.Mouse.MoveAsync(5, 5); // away, and focus out: cards kept in place for the pointer may go
                await page.EvaluateAsync("() => document.activeElement && document.activeElement.blur()");
            }
            pressed[speed] = presses;
        }
        await Clock(run, true, 1);

        var all = await page.EvaluateAsync<JsonElement>("() => window.presses");
        var statuses = await page.EvaluateAsync<string[]>("() => window.statuses");
        await page.Context.CloseAsync(); // a record-night page left open would load the machine for the next test
        var enabled = all.EnumerateArray().Where(p => p.GetProperty("enabled").GetBoolean())
            .Select(p => (Id: p.GetProperty("id").GetInt32(), Version: p.GetProperty("version").GetInt32())).ToList();
        var approvals = (await Decisions(run)).Where(d => d.GetProperty("kind").GetString() == "Approve")
            .Select(d => (Id: d.GetProperty("recommendationId").GetInt32(), Version: d.GetProperty("seenVersion").GetInt32())).ToList();
        var refused = statuses.Count(t => t.StartsWith("approval refused", StringComparison.Ordinal));
        output.WriteLine($"presses at 1x {pressed[1]}, at 60x {pressed[60]}; on enabled buttons {enabled.Count}; approvals recorded {approvals.Count}; " +
                         $"refused with a reason {refused}; load {File.ReadAllText("/proc/loadavg").Trim()}");
        Assert.True(pressed[1] + pressed[60] >= 50, $"only {pressed[1] + pressed[60]} presses");
        Assert.All(approvals, a => Assert.Contains(a, enabled)); // nothing approved that was not the card pressed, at the version shown
        Assert.Equal(approvals.Count, approvals.Distinct().Count());
        Assert.Equal(enabled.Count, approvals.Count + refused); // no press lost: each approved exactly its card, or was refused with a reason
        Assert.True(approvals.Count > 0);
    }

    [Fact]
    public async Task Approve_OfARecommendationVetoedBetweenDisplayAndPress_IsRefusedWithTheReason_AndNothingFires()
    {
        var (run, _) = await console.StartRunWithRecommendationAsync();
        var page = await console.OpenAsync(run);
        var rec = await console.ShownRecommendationAsync(page, run);
        var (id, track, unit) = (rec.GetProperty("id").GetInt32(), rec.GetProperty("trackId").GetInt32(), rec.GetProperty("effector").GetString());
        await page.Locator($".rec[data-id='{id}'] button[data-act='approve']").WaitForAsync();

        // Another console vetoes it; this one's Approve is pressed before its picture says so.
        await page.EvaluateAsync("""
            async ([run, id]) => {
              await fetch(`/api/runs/${run}/recommendations/${id}/veto`, { method: 'POST', headers: { 'x-canopy-request': '1', 'content-type': 'application/json' }, body: '{}' });
              document.querySelector(`.rec[data-id='${id}'] button[data-act='approve']`).click();
            }
            """, new object[] { run, id });
        await page.Locator("#status", new PageLocatorOptions { HasText = $"approval refused: recommendation {id} was vetoed by commander" }).WaitForAsync();
        await console.StepAsync(run, 120);

        Assert.Equal(["Veto"], (await Decisions(run)).Select(d => d.GetProperty("kind").GetString()));
        var events = (await console.Client.GetFromJsonAsync<JsonElement>($"/api/runs/{run}/events")).EnumerateArray();
        Assert.DoesNotContain(events, e => e.GetProperty("kind").GetString() == "Engagement" && e.GetProperty("trackId").GetInt32() == track
            && e.GetProperty("effector").GetString() == unit);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task HoldByKey_ModeChangeConfirmed_ReleaseByButton_AllLoggedWithTheOperator()
    {
        var (run, _) = await console.StartRunWithRecommendationAsync();
        var page = await console.OpenAsync(run);
        var rec = await console.ShownRecommendationAsync(page, run);
        var (id, track) = (rec.GetProperty("id").GetInt32(), rec.GetProperty("trackId").GetInt32());

        await page.Locator($".rec[data-id='{id}']").FocusAsync();
        await page.Keyboard.PressAsync("h");
        await page.Locator($".holds li[data-track='{track}']").WaitForAsync();
        await page.WaitForFunctionAsync($"() => (window.canopy.last().holds || []).some(h => h.trackId === {track} && h.operator === 'commander')", null, Wait);

        await page.SelectOptionAsync("#mode", "auto");
        Assert.True(await page.Locator("#mode-dialog").IsVisibleAsync());
        await page.ClickAsync("#mode-cancel");
        Assert.Equal("manual", await page.InputValueAsync("#mode"));
        Assert.Equal("manual", (await console.Client.GetFromJsonAsync<JsonElement>($"/api/runs/{run}")).GetProperty("mode").GetString());
        await page.SelectOptionAsync("#mode", "auto");
        await page.ClickAsync("#mode-confirm");
        await page.WaitForFunctionAsync("() => window.canopy.last().mode === 'auto'", null, Wait);
        await console.StepAsync(run, 120);
        Assert.DoesNotContain(await console.EngagedTracksAsync(run), t => t == track);

        await page.ClickAsync($".holds li[data-track='{track}'] button");
        await page.WaitForFunctionAsync("() => (window.canopy.last().holds || []).length === 0", null, Wait);
        await page.Locator("#events li[data-kind='Mode']").WaitForAsync();

        var decisions = (await Decisions(run)).Where(d => d.GetProperty("kind").GetString() != "Auto")
            .Select(d => (d.GetProperty("kind").GetString(), d.GetProperty("operator").GetString())).ToList();
        Assert.Equal([("Hold", "commander"), ("Mode", "commander"), ("Release", "commander")], decisions);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ConnectionLost_ShowsDisconnected_ThenResyncs_AndAReloadWhilePausedShowsThePendingRecommendation()
    {
        var (run, _) = await console.StartRunWithRecommendationAsync();
        var page = await console.OpenAsync(run);
        var rec = await console.ShownRecommendationAsync(page, run);
        var id = rec.GetProperty("id").GetInt32();

        var lost = Stopwatch.StartNew();
        await page.Context.SetOfflineAsync(true);
        await page.Locator("[data-testid='connection']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 10_000 });
        var shownAfter = lost.Elapsed.TotalSeconds;
        Assert.Contains("DISCONNECTED", await page.InnerTextAsync("[data-testid='connection']"), StringComparison.Ordinal);
        await page.Context.SetOfflineAsync(false);
        await page.Locator("[data-testid='connection']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Hidden, Timeout = 30_000 });
        await page.Locator($".rec[data-id='{id}']:not(.gone)").WaitForAsync();

        await page.ReloadAsync();
        await page.Locator($".rec[data-id='{id}']:not(.gone)").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await page.WaitForFunctionAsync("() => window.canopy.last() && window.canopy.last().tracks.length > 0", null, Wait);
        output.WriteLine($"'disconnected' shown {shownAfter:0.00} s after the network went (load {File.ReadAllText("/proc/loadavg").Trim()})");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ServerRestart_ShowsDisconnected_ThenTheRunReopensWithItsSummaryAndDecisions()
    {
        var port = FreePort();
        string run;
        var first = await ServerAsync(port);
        IPage page;
        try
        {
            using var client = Client(first);
            run = (await (await client.PostAsJsonAsync("/api/runs", new { scenario = "quiet-night", seed = 7, mode = "auto", paused = true }))
                .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            for (var i = 0; i < 8 && !(await client.GetFromJsonAsync<JsonElement>($"/api/runs/{run}")).GetProperty("finished").GetBoolean(); i++)
                (await client.PostAsJsonAsync($"/api/runs/{run}/step", new { seconds = 3600 })).EnsureSuccessStatusCode();
            page = await console.Browser.NewPageAsync();
            await page.Context.AddCookiesAsync([Cookie(first, port)]);
            await page.GotoAsync($"http://127.0.0.1:{port}/?run={run}");
            await page.WaitForFunctionAsync("() => window.canopy && window.canopy.watching !== null", null, Wait);
        }
        finally
        {
            await first.DisposeAsync();
        }
        await page.Locator("[data-testid='connection']").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = 10_000 });

        await using var second = await ServerAsync(port);
        await page.Context.AddCookiesAsync([Cookie(second, port)]);
        await page.ReloadAsync();
        await page.Locator("[data-testid='summary']", new PageLocatorOptions { HasText = "after-action (truth)" }).WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await page.Locator("#events li[data-kind='Engagement']").First.WaitForAsync();
        Assert.Contains("finished", await page.InnerTextAsync("#clock"), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    private async Task<WebApplication> ServerAsync(int port)
    {
        var app = ConsoleServer.Build(new ConsoleServerOptions(RepositoryRoot.Scenarios, console.WebDist, console.DatabasePath, Port: port) { MaxLiveRuns = 32 });
        await app.StartAsync();
        return app;
    }

    private static HttpClient Client(WebApplication app)
    {
        var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        client.DefaultRequestHeaders.Add(RequestGuard.CsrfHeader, "1");
        client.DefaultRequestHeaders.Add("Cookie", $"{SessionAuthenticationHandler.CookieName}={app.Services.GetRequiredService<SessionStore>().Start("commander")}");
        return client;
    }

    private static Cookie Cookie(WebApplication app, int port) => new()
    {
        Name = SessionAuthenticationHandler.CookieName, Value = app.Services.GetRequiredService<SessionStore>().Start("commander"), Url = $"http://127.0.0.1:{port}",
    };

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
