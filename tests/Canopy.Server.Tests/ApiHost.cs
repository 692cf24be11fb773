using System.Net.Http.Json;
using System.Text.Json;
using Canopy.Server.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Canopy.Server.Tests;

/// <summary>
/// The console server on the ASP.NET Core test host, with its decisions and accounts in a temporary SQLite file.
/// <see cref="Client"/> is signed in as a commander; <see cref="ClientAs"/> gives clients of other roles.
/// </summary>
internal sealed class ApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _folder;
    private readonly List<HttpClient> _clients = [];
    private readonly bool _keepFolder;

    private ApiHost(WebApplication app, string folder, bool keepFolder)
    {
        _app = app;
        _folder = folder;
        _keepFolder = keepFolder;
        Client = ClientAs(Role.Commander);
    }

    public HttpClient Client { get; }
    public IServiceProvider Services => _app.Services;
    public string DatabasePath => System.IO.Path.Combine(_folder, "decisions.db");
    public WebApplication App => _app;

    /// <param name="folder">The folder of decisions.db, kept when the host stops (a restart on the same record); null: a new one, deleted at the end.</param>
    /// <param name="configure">More services (e.g. a decision log that fails), after the server's own.</param>
    /// <param name="options">Changes to the server's options.</param>
    public static async Task<ApiHost> StartAsync(string? folder = null, Action<WebApplicationBuilder>? configure = null,
        Func<ConsoleServerOptions, ConsoleServerOptions>? options = null)
    {
        var keep = folder is not null;
        folder ??= Directory.CreateTempSubdirectory("canopy-server-tests-").FullName;
        var given = new ConsoleServerOptions(RepositoryRoot.Scenarios, null, System.IO.Path.Combine(folder, "decisions.db"));
        var app = ConsoleServer.Build(options?.Invoke(given) ?? given, b =>
        {
            b.WebHost.UseTestServer();
            configure?.Invoke(b);
        });
        await app.StartAsync();
        return new ApiHost(app, folder, keep);
    }

    /// <summary>A client with no session, sending the request header every state-changing call needs.</summary>
    public HttpClient Anonymous()
    {
        var client = _app.GetTestClient();
        client.DefaultRequestHeaders.Add(RequestGuard.CsrfHeader, "1");
        _clients.Add(client);
        return client;
    }

    /// <summary>A client signed in to an account of <paramref name="role"/> (created on first use, named after role and nations).</summary>
    public HttpClient ClientAs(Role role, params string[] nations)
    {
        var name = string.Join('-', [Roles.Name(role), .. nations]);
        var store = _app.Services.GetRequiredService<IAccountStore>();
        if (store.Find(name) is null) store.Add(new Account(name, role, nations), TestAccounts.PasswordHash);
        var client = Anonymous();
        client.DefaultRequestHeaders.Add("Cookie", $"{SessionAuthenticationHandler.CookieName}={_app.Services.GetRequiredService<SessionStore>().Start(name)}");
        return client;
    }

    /// <summary>Starts a paused run of quiet-night (seed 7) in manual mode and returns its id.</summary>
    public async Task<string> StartPausedRunAsync(string mode = "manual", string scenario = "quiet-night")
    {
        var response = await Client.PostAsJsonAsync("/api/runs", new { scenario, seed = 7, mode, paused = true });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    public async Task<JsonElement> GetAsync(string path) => await Client.GetFromJsonAsync<JsonElement>(path);

    public async Task StepAsync(string runId, double seconds) =>
        (await Client.PostAsJsonAsync($"/api/runs/{runId}/step", new { seconds })).EnsureSuccessStatusCode();

    /// <summary>Steps a minute at a time (at most 4 h) until the run has a pending recommendation, and returns it.</summary>
    public async Task<JsonElement> StepUntilRecommendationAsync(string runId)
    {
        for (var minute = 0; minute < 240; minute++)
        {
            await StepAsync(runId, 60);
            var list = await GetAsync($"/api/runs/{runId}/recommendations");
            if (list.GetArrayLength() > 0) return list[0];
        }
        throw new InvalidOperationException("no recommendation in 4 h of quiet-night");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients) client.Dispose();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_keepFolder) return;
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The one password every test account has, hashed once per test run (a hash costs 600,000 PBKDF2 iterations).</summary>
internal static class TestAccounts
{
    public const string Password = "correct horse battery staple";

    private static readonly Lazy<string> Hash = new(() => Pbkdf2PasswordHasher.Hash(Password));

    public static string PasswordHash => Hash.Value;
}
