using System.Net.Http.Json;
using System.Text.Json;

namespace Canopy.Server.Tests;

/// <summary>
/// The console API as a client process sees it over HTTP, for tests that drive the real server (`canopy serve`): every
/// call goes through here, so that signing in (when the server asks for it) is added in one place.
/// </summary>
internal sealed class ServerClient : IDisposable
{
    /// <summary>The administrator's password the tests give `serve --admin-password-file`.</summary>
    public const string AdminPassword = "kill-test-admin-password";

    private readonly HttpClient _http;
    private bool _signedIn;

    /// <summary>A client of the server on <paramref name="port"/>; it signs in as admin before its first call.</summary>
    public ServerClient(int port)
    {
        _http = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        _http.DefaultRequestHeaders.Add(Security.RequestGuard.CsrfHeader, "1");
    }

    private async Task SignInAsync()
    {
        if (_signedIn) return;
        (await _http.PostAsJsonAsync("/api/session", new { name = "admin", password = AdminPassword })).EnsureSuccessStatusCode();
        _signedIn = true;
    }

    /// <summary>The id of the run the server started, once it answers; null while it does not (yet).</summary>
    public async Task<string?> CurrentRunAsync()
    {
        try
        {
            await SignInAsync();
            var response = await _http.GetAsync("/api/runs/current");
            return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString() : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    public async Task StepAsync(string run, double seconds)
    {
        await SignInAsync();
        (await _http.PostAsJsonAsync($"/api/runs/{run}/step", new { seconds })).EnsureSuccessStatusCode();
    }

    /// <summary>The ids of the run's pending recommendations not yet approved.</summary>
    public async Task<List<int>> PendingAsync(string run)
    {
        await SignInAsync();
        return [.. (await _http.GetFromJsonAsync<JsonElement>($"/api/runs/{run}/recommendations")).EnumerateArray()
            .Where(r => !r.GetProperty("approved").GetBoolean()).Select(r => r.GetProperty("id").GetInt32())];
    }

    /// <summary>Approves or vetoes; true only when the server answered 200 (the decision is acknowledged).</summary>
    public async Task<bool> DecideAsync(string run, int recommendation, bool approve)
    {
        await SignInAsync();
        var response = await _http.PostAsJsonAsync($"/api/runs/{run}/recommendations/{recommendation}/{(approve ? "approve" : "veto")}", new { });
        return response.StatusCode == System.Net.HttpStatusCode.OK;
    }

    /// <summary>The run's recorded decisions as (recommendation id, kind).</summary>
    public async Task<List<(int Recommendation, string Kind)>> DecisionsAsync(string run)
    {
        await SignInAsync();
        return [.. (await _http.GetFromJsonAsync<JsonElement>($"/api/runs/{run}/decisions")).EnumerateArray()
            .Select(d => (d.GetProperty("recommendationId").GetInt32(), d.GetProperty("kind").GetString()!))];
    }

    public void Dispose() => _http.Dispose();
}
