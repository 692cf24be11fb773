using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Canopy.Server.Tests;

/// <summary>
/// The operator's picture in Chromium: a clicked track's readout against the REST picture, the class filter, the UTC
/// clock against the scenario file's start, the threat table's count of rows not shown, and axe-core's accessibility check.
/// </summary>
public class ConsolePictureBrowserTests(ConsoleBrowser console) : IClassFixture<ConsoleBrowser>
{
    private static readonly PageWaitForFunctionOptions Wait = new() { Timeout = 20_000 };

    /// <summary>A paused quiet-night run with a recommendation, open in a page that shows a picture with threats.</summary>
    private async Task<(string Run, IPage Page, JsonElement Picture)> OpenWithThreatsAsync()
    {
        var (run, _) = await console.StartRunWithRecommendationAsync();
        var page = await console.OpenAsync(run);
        await console.StepAsync(run, 1);
        await page.WaitForFunctionAsync("() => window.canopy.last() && window.canopy.last().threats.length > 0 && window.canopy.counts().tracks > 0", null, Wait);
        var picture = await console.Client.GetFromJsonAsync<JsonElement>($"/api/runs/{run}/picture");
        return (run, page, picture);
    }

    private static string ToGo(double seconds)
    {
        if (seconds < 1) return "now";
        var s = (int)Math.Round(seconds, MidpointRounding.AwayFromZero);
        return s >= 3600 ? $"{s / 3600}:{s % 3600 / 60:00}:{s % 60:00}" : $"{s / 60}:{s % 60:00}";
    }

    [Fact]
    public async Task ClickedTrack_ReadoutShowsThePicturesFigures()
    {
        var (_, page, picture) = await OpenWithThreatsAsync();
        var target = picture.GetProperty("threats").EnumerateArray().First(t => t.GetProperty("threatensDefendedArea").GetBoolean()).GetProperty("trackId").GetInt32();

        var pixel = await page.EvaluateAsync<double[]>($"() => window.canopy.pagePixelOf({target})");
        await page.Mouse.ClickAsync((float)pixel[0], (float)pixel[1]);
        await page.WaitForFunctionAsync("() => window.canopy.selected() !== null", null, Wait);
        // The topmost track under the pointer: the one aimed at, or another drawn on the same spot.
        var id = await page.EvaluateAsync<int>("() => window.canopy.selected()");
        await page.Locator("#readout dd[data-field='id']").WaitForAsync();
        var track = picture.GetProperty("tracks").EnumerateArray().Single(t => t.GetProperty("id").GetInt32() == id);
        var threat = picture.GetProperty("threats").EnumerateArray().FirstOrDefault(t => t.GetProperty("trackId").GetInt32() == id);
        Assert.True(threat.ValueKind == JsonValueKind.Object, $"clicked track {id} (aiming at {target}) is not among the threats");

        async Task<string> Field(string name) => await page.InnerTextAsync($"#readout dd[data-field='{name}']");
        Assert.Equal(id.ToString(CultureInfo.InvariantCulture), await Field("id"));
        Assert.Equal(threat.GetProperty("class").GetString(), await Field("cls"));
        Assert.Equal($"{Math.Round(threat.GetProperty("confidence").GetDouble() * 100)}%", await Field("confidence"));
        var (east, north) = (track.GetProperty("vEast").GetDouble(), track.GetProperty("vNorth").GetDouble());
        // The page reads the hub's picture (height to 1 m, velocity to 0.1 m/s): within one unit of the REST figures.
        Assert.InRange(Number(await Field("altitude")), track.GetProperty("height").GetDouble() - 1, track.GetProperty("height").GetDouble() + 1);
        Assert.InRange(Number(await Field("speed")), Math.Sqrt(east * east + north * north) - 1, Math.Sqrt(east * east + north * north) + 1);
        var course = (Math.Atan2(east, north) * 180 / Math.PI + 360) % 360;
        var shownCourse = Number(await Field("heading"));
        Assert.True(Math.Abs((shownCourse - course + 540) % 360 - 180) <= 1, $"heading {shownCourse} for {course:F1}");
        var threatens = threat.GetProperty("threatensDefendedArea").GetBoolean();
        Assert.Equal(threatens ? ToGo(threat.GetProperty("firstArrival").GetDouble()) : "-", await Field("toGo"));
        Assert.Equal(threatens ? threat.GetProperty("firstAsset").GetString() : "none threatened", await Field("asset"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleBrowser.ScreenshotFolder, "console-readout.png") });

        await page.Keyboard.PressAsync("Escape");
        await page.WaitForFunctionAsync("() => window.canopy.selected() === null", null, Wait);
    }

    [Fact]
    public async Task HidingAClass_StopsDrawingItsTracks_AndListingThem()
    {
        var (_, page, _) = await OpenWithThreatsAsync();
        var drawn = await page.EvaluateAsync<JsonElement>("() => window.canopy.drawn()");
        // The most drawn class with a box of its own (tentative tracks have theirs: hide tentative).
        var cls = drawn.EnumerateArray().Select(d => d.GetProperty("cls").GetString()!).Where(c => c != "Tentative")
            .GroupBy(c => c).OrderByDescending(g => g.Count()).First().Key;
        var others = drawn.EnumerateArray().Count(d => d.GetProperty("cls").GetString() != cls);

        await page.Locator($"#filters input[data-class='{cls}']").UncheckAsync();
        await page.WaitForFunctionAsync($"() => !window.canopy.drawn().some(d => d.cls === '{cls}')", null, Wait);

        var after = await page.EvaluateAsync<JsonElement>("() => window.canopy.drawn()");
        Assert.DoesNotContain(after.EnumerateArray(), d => d.GetProperty("cls").GetString() == cls);
        Assert.Equal(others, after.EnumerateArray().Count());
        var rows = await page.Locator("#threats-body tr").AllInnerTextsAsync();
        Assert.DoesNotContain(rows, r => r.Split('\t').ElementAtOrDefault(1) == cls);

        await page.Locator($"#filters input[data-class='{cls}']").CheckAsync();
        await page.WaitForFunctionAsync($"() => window.canopy.drawn().some(d => d.cls === '{cls}')", null, Wait);
    }

    [Fact]
    public async Task UtcClock_IsTheScenarioStartPlusSimulatedTime()
    {
        var (run, page, _) = await OpenWithThreatsAsync();
        await console.StepAsync(run, 3600); // an hour on: the hour digit moves, whatever the start
        var time = (await console.Client.GetFromJsonAsync<JsonElement>($"/api/runs/{run}/picture")).GetProperty("time").GetDouble();
        await page.WaitForFunctionAsync($"() => window.canopy.last().time === {time.ToString(CultureInfo.InvariantCulture)}", null, Wait);

        // The start as written in the scenario file (start: 2025-...Z), not as the server parsed it.
        var line = File.ReadLines(Path.Combine(RepositoryRoot.Scenarios, "quiet-night.yaml")).First(l => l.StartsWith("start:", StringComparison.Ordinal));
        var start = DateTimeOffset.Parse(line["start:".Length..].Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        var expected = start.AddSeconds(Math.Round(time)).UtcDateTime;
        var shown = await page.InnerTextAsync("#utc");
        Assert.EndsWith(expected.ToString("HH:mm:ss", CultureInfo.InvariantCulture) + "Z", shown, StringComparison.Ordinal);
        Assert.Equal("elapsed " + TimeSpan.FromSeconds(Math.Round(time)).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture),
            await page.InnerTextAsync("#elapsed"));
    }

    [Fact]
    public async Task ThreatTable_CountsTheRowsNotShown()
    {
        var (run, page, _) = await OpenWithThreatsAsync();
        // Hiding the class of every row but one leaves the others counted nowhere: the table shows what is left and
        // says how many are not shown only when it cuts; with all shown, rows plus "N more" is every threat evaluated.
        var picture = await console.Client.GetFromJsonAsync<JsonElement>($"/api/runs/{run}/picture");
        await page.WaitForFunctionAsync($"() => window.canopy.last().time === {picture.GetProperty("time").GetDouble().ToString(CultureInfo.InvariantCulture)}", null, Wait);
        var threats = picture.GetProperty("threats").GetArrayLength();
        var rows = await page.Locator("#threats-body tr").CountAsync();
        var more = await page.InnerTextAsync("#threats-more");
        var notShown = more.Length == 0 ? 0 : int.Parse(more.Split(' ')[0], CultureInfo.InvariantCulture);
        Assert.Equal(Math.Min(threats, 30), rows);
        Assert.Equal(threats - rows, notShown);
        Assert.DoesNotContain("e-", await page.InnerTextAsync("#threats-body"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AxeCore_FindsNoSeriousOrCriticalViolation()
    {
        var (_, page, picture) = await OpenWithThreatsAsync();
        await page.WaitForFunctionAsync("() => window.canopy.last().recommendations.length > 0", null, Wait);
        var id = picture.GetProperty("threats")[0].GetProperty("trackId").GetInt32();
        var pixel = await page.EvaluateAsync<double[]>($"() => window.canopy.pagePixelOf({id})");
        await page.Mouse.ClickAsync((float)pixel[0], (float)pixel[1]);
        await page.Locator("#readout dd[data-field='id']").WaitForAsync();

        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = Path.Combine(RepositoryRoot.Path, "web", "node_modules", "axe-core", "axe.min.js") });
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
              .filter(v => v.impact === 'serious' || v.impact === 'critical')
              .map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }))
            """);
        Assert.True(violations.GetArrayLength() == 0, "axe-core: " + violations.GetRawText());
    }

    /// <summary>The leading number of a figure such as "120 m" or "037°".</summary>
    private static double Number(string text) =>
        double.Parse(new string([.. text.TakeWhile(c => char.IsDigit(c) || c is '.' or '-')]), CultureInfo.InvariantCulture);
}
