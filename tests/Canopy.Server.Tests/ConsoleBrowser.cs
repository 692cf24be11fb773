using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Canopy.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Canopy.Server.Tests;

/// <summary>
/// The console server on 127.0.0.1 (a free port) serving the built web app, and Debian's Chromium driven by Playwright.
/// Builds the web app first (npm ci, vite build) when web/dist is missing or older than the web sources. The server has
/// one account per role (named as the role, password <see cref="TestAccounts.Password"/>); <see cref="Client"/> and the
/// pages <see cref="OpenAsync"/> opens are signed in as the commander unless told otherwise.
/// </summary>
public sealed class ConsoleBrowser : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private WebApplication? _app;
    private IPlaywright? _playwright;
    private string _folder = "";

    public IBrowser Browser { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>The built web app and the server's record (for a second server on the same record: a restart).</summary>
    public string WebDist { get; private set; } = "";
    public string DatabasePath => Path.Combine(_folder, "decisions.db");

    public async Task InitializeAsync()
    {
        var dist = BuildWebApp();
        WebDist = dist;
        _folder = Directory.CreateTempSubdirectory("canopy-browser-tests-").FullName;
        // Each test starts a run of its own and leaves it paused: room for all of them.
        _app = ConsoleServer.Build(new ConsoleServerOptions(RepositoryRoot.Scenarios, dist, Path.Combine(_folder, "decisions.db"), Port: 0) { MaxLiveRuns = 32 });
        await _app.StartAsync();
        BaseUrl = _app.Urls.First();
        var accounts = _app.Services.GetRequiredService<IAccountStore>();
        foreach (var role in Roles.All) accounts.Add(new Account(Roles.Name(role), role, role == Role.BattleManager ? ["XX"] : []), TestAccounts.PasswordHash);
        Client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        Client.DefaultRequestHeaders.Add(RequestGuard.CsrfHeader, "1");
        Client.DefaultRequestHeaders.Add("Cookie", $"{SessionAuthenticationHandler.CookieName}={Session(Role.Commander)}");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>Starts a paused manual run of quiet-night and steps it until it has a pending recommendation.</summary>
    public async Task<(string Run, JsonElement Recommendation)> StartRunWithRecommendationAsync()
    {
        var response = await Client.PostAsJsonAsync("/api/runs", new { scenario = "quiet-night", seed = 7, mode = "manual", paused = true });
        response.EnsureSuccessStatusCode();
        var run = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        for (var minute = 0; minute < 240; minute++)
        {
            await StepAsync(run, 60);
            var list = await Client.GetFromJsonAsync<JsonElement>($"/api/runs/{run}/recommendations");
            if (list.GetArrayLength() > 0) return (run, list[0]);
        }
        throw new InvalidOperationException("no recommendation in 4 h of quiet-night");
    }

    public async Task StepAsync(string run, double seconds) =>
        (await Client.PostAsJsonAsync($"/api/runs/{run}/step", new { seconds })).EnsureSuccessStatusCode();

    /// <summary>Steps the run a second and returns the first recommendation the page then shows.</summary>
    public async Task<JsonElement> ShownRecommendationAsync(IPage page, string run)
    {
        await StepAsync(run, 1);
        await page.WaitForFunctionAsync("() => window.canopy.last() && window.canopy.last().recommendations.length > 0",
            null, new PageWaitForFunctionOptions { Timeout = 15_000 });
        return await page.EvaluateAsync<JsonElement>("() => window.canopy.last().recommendations[0]");
    }

    public async Task<List<int>> EngagedTracksAsync(string run) =>
        [.. (await Client.GetFromJsonAsync<JsonElement>($"/api/runs/{run}/events")).EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString() == "Engagement").Select(e => e.GetProperty("trackId").GetInt32())];

    /// <summary>A new session of the account of <paramref name="role"/>: the session cookie's value.</summary>
    public string Session(Role role) => _app!.Services.GetRequiredService<SessionStore>().Start(Roles.Name(role));

    /// <summary>A browser page of its own (own cookies), signed in as <paramref name="role"/>, or not signed in when null.</summary>
    public async Task<IPage> NewPageAsync(Role? role)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 850 } });
        if (role is { } r)
            await context.AddCookiesAsync([new Cookie { Name = SessionAuthenticationHandler.CookieName, Value = Session(r), Url = BaseUrl }]);
        return await context.NewPageAsync();
    }

    public async Task<IPage> OpenAsync(string run, Role role = Role.Commander)
    {
        var page = await NewPageAsync(role);
        await page.GotoAsync($"{BaseUrl}/?run={run}");
        await page.WaitForFunctionAsync("() => window.canopy && window.canopy.watching !== null && window.canopy.counts().borders > 100 && window.canopy.counts().assets > 0",
            null, new PageWaitForFunctionOptions { Timeout = 30_000 });
        return page;
    }

    private static string BuildWebApp()
    {
        var web = Path.Combine(RepositoryRoot.Path, "web");
        var dist = Path.Combine(web, "dist");
        var index = Path.Combine(dist, "index.html");
        var sources = Directory.EnumerateFiles(Path.Combine(web, "src"), "*", SearchOption.AllDirectories)
            .Concat([Path.Combine(web, "index.html"), Path.Combine(web, "package-lock.json")]);
        if (File.Exists(index) && sources.All(f => File.GetLastWriteTimeUtc(f) <= File.GetLastWriteTimeUtc(index))) return dist;
        if (!Directory.Exists(Path.Combine(web, "node_modules"))) Run(web, "npm", "ci --no-audit --no-fund");
        Run(web, "npm", "run build");
        return dist;
    }

    private static void Run(string folder, string command, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments)
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} {arguments} in {folder} took over 5 minutes");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{command} {arguments} in {folder} failed ({process.ExitCode}):\n{output.Result}\n{error.Result}");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        Client?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
