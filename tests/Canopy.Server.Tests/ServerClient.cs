using System.Net.Http.Json;
using System.Text.Json;

namespace Canopy.Server.Tests;

/// <summary>
/// The console API as a client process sees it over HTTP, for tests that drive the real server (`canopy serve`): every
/// call goes through here, so that signing in (when the server asks for it) is added in one place.
/// </summary>
internal sealed class ServerClient(int port) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The id of the run the server started, once it answers; null while it does not (yet).</summary>
    public async Task<string?> CurrentRunAsync()
    {
        try
        {
            var response = await _http.GetAsync("/api/runs/current");
            return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString() : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    public async Task StepAsync(string run, double seconds) =>
        (await _http.PostAsJsonAsync($"/api/runs/{run}/step", new { seconds })).EnsureSuccessStatusCode();

    /// <summary>The ids of the run's pending recommendations not yet approved.</summary>
    public async Task<List<int>> PendingAsync(string run) =>
        [.. (await _http.GetFromJsonAsync<JsonElement>($"/api/runs/{run}/recommendations")).EnumerateArray()
            .Where(r => !r.GetProperty("approved").GetBoolean()).Select(r => r.GetProperty("id").GetInt32())];

    /// <summary>Approves or vetoes; true only when the server answered 200 (the decision is acknowledged).</summary>
    public async Task<bool> DecideAsync(string run, int recommendation, bool approve)
    {
        var response = await _http.PostAsJsonAsync($"/api/runs/{run}/recommendations/{recommendation}/{(approve ? "approve" : "veto")}",
            new { @operator = "kill-test" });
        return response.StatusCode == System.Net.HttpStatusCode.OK;
    }

    /// <summary>The run's recorded decisions as (recommendation id, kind).</summary>
    public async Task<List<(int Recommendation, string Kind)>> DecisionsAsync(string run) =>
        [.. (await _http.GetFromJsonAsync<JsonElement>($"/api/runs/{run}/decisions")).EnumerateArray()
            .Select(d => (d.GetProperty("recommendationId").GetInt32(), d.GetProperty("kind").GetString()!))];

    public void Dispose() => _http.Dispose();
}
