using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace Canopy.Server.Tests;

/// <summary>The console server on the ASP.NET Core test host, with its decisions in a temporary SQLite file.</summary>
internal sealed class ApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _folder;
    private readonly bool _keepFolder;

    private ApiHost(WebApplication app, string folder, HttpClient client, bool keepFolder)
    {
        _app = app;
        _folder = folder;
        _keepFolder = keepFolder;
        Client = client;
    }

    public HttpClient Client { get; }
    public string DatabasePath => System.IO.Path.Combine(_folder, "decisions.db");

    /// <param name="folder">The folder of decisions.db, kept when the host stops (a restart on the same record); null: a new one, deleted at the end.</param>
    /// <param name="configure">More services (e.g. a decision log that fails), after the server's own.</param>
    public static async Task<ApiHost> StartAsync(string? folder = null, Action<WebApplicationBuilder>? configure = null)
    {
        var keep = folder is not null;
        folder ??= Directory.CreateTempSubdirectory("canopy-server-tests-").FullName;
        var app = ConsoleServer.Build(new ConsoleServerOptions(RepositoryRoot.Scenarios, null, System.IO.Path.Combine(folder, "decisions.db")), b =>
        {
            b.WebHost.UseTestServer();
            configure?.Invoke(b);
        });
        await app.StartAsync();
        return new ApiHost(app, folder, app.GetTestClient(), keep);
    }

    /// <summary>Starts a paused run of quiet-night (seed 7) in manual mode and returns its id.</summary>
    public async Task<string> StartPausedRunAsync(string mode = "manual")
    {
        var response = await Client.PostAsJsonAsync("/api/runs", new { scenario = "quiet-night", seed = 7, mode, paused = true });
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
        Client.Dispose();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_keepFolder) return;
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
