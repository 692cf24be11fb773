using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Canopy.Server.Security;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Canopy.Server.Tests;

/// <summary>What a hostile web page or a careless client can send: foreign hosts and origins, cross-site posts, oversized or odd bodies.</summary>
public class RequestGuardTests
{
    [Theory]
    [InlineData("evil.example")]
    [InlineData("127.0.0.1.nip.io")]
    [InlineData("10.0.0.7")]
    public async Task ForeignHost_IsRefusedWith400(string hostName)
    {
        await using var host = await ApiHost.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/runs");
        request.Headers.Host = hostName;
        var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("answers to", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var own = new HttpRequestMessage(HttpMethod.Get, "/api/runs");
        own.Headers.Host = "127.0.0.1:5080";
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(own)).StatusCode);
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("http://localhost:8000")]
    [InlineData("null")]
    public async Task ForeignOrigin_IsRefusedWith403_ApiAndHub(string origin)
    {
        await using var host = await ApiHost.StartAsync();
        foreach (var path in new[] { "/api/runs", "/hub/negotiate?negotiateVersion=1" })
        {
            var request = new HttpRequestMessage(path.StartsWith("/hub", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Get, path);
            request.Headers.Add("Origin", origin);
            var response = await host.Client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path} from {origin}: {response.StatusCode}");
        }
        var same = new HttpRequestMessage(HttpMethod.Post, "/hub/negotiate?negotiateVersion=1");
        same.Headers.Add("Origin", "http://localhost");
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(same)).StatusCode);
    }

    /// <summary>On a real socket: the hub's WebSocket opens from the console's own origin and is refused from another page's.</summary>
    [Fact]
    public async Task HubWebSocket_ForeignOrigin_IsRefused_OwnOriginConnects()
    {
        using var folder = new TempFolder();
        var app = ConsoleServer.Build(new ConsoleServerOptions(RepositoryRoot.Scenarios, null, folder.File("decisions.db"), Port: 0));
        await app.StartAsync();
        try
        {
            var baseUrl = new Uri(app.Urls.First());
            var store = app.Services.GetRequiredService<IAccountStore>();
            store.Add(new Account("watcher", Role.Observer, []), TestAccounts.PasswordHash);
            var cookie = $"{SessionAuthenticationHandler.CookieName}={app.Services.GetRequiredService<SessionStore>().Start("watcher")}";
            async Task<WebSocketState> Connect(string origin)
            {
                using var socket = new ClientWebSocket();
                socket.Options.SetRequestHeader("Cookie", cookie);
                socket.Options.SetRequestHeader("Origin", origin);
                try
                {
                    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                    await socket.ConnectAsync(new Uri($"ws://{baseUrl.Authority}/hub"), timeout.Token);
                    return socket.State;
                }
                catch (WebSocketException)
                {
                    return WebSocketState.Closed;
                }
            }
            Assert.Equal(WebSocketState.Closed, await Connect("http://evil.example"));
            Assert.Equal(WebSocketState.Closed, await Connect($"http://127.0.0.1:{baseUrl.Port + 1}"));
            Assert.Equal(WebSocketState.Open, await Connect($"http://{baseUrl.Authority}"));
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task CrossSitePost_WithoutTheRequestHeader_IsRefused_BodyLessOrTextPlain()
    {
        await using var host = await ApiHost.StartAsync();
        var run = await host.StartPausedRunAsync();
        var rec = await host.StepUntilRecommendationAsync(run);
        var url = $"/api/runs/{run}/recommendations/{rec.GetProperty("id").GetInt32()}/approve";
        var cookie = host.Client.DefaultRequestHeaders.GetValues("Cookie").Single();
        using var browserLike = host.App.GetTestClient();
        browserLike.DefaultRequestHeaders.Add("Cookie", cookie); // as if SameSite had let it through

        var bodyless = await browserLike.PostAsync(url, null);
        var textPlain = await browserLike.PostAsync(url, new StringContent("operator=x", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.Forbidden, bodyless.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, textPlain.StatusCode);
        Assert.Contains(RequestGuard.CsrfHeader, await bodyless.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty((await host.GetAsync($"/api/runs/{run}/decisions")).EnumerateArray());
    }

    [Fact]
    public async Task Body_NotJson_Is415_TooLarge_Is413_WithReasons()
    {
        await using var host = await ApiHost.StartAsync();
        var form = await host.Client.PostAsync("/api/runs", new StringContent("scenario=quiet-night", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.Contains("as JSON", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var big = await host.Client.PostAsync("/api/runs", new StringContent($$"""{"scenario":"{{new string('x', 100_000)}}"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        Assert.Contains("at most 65536 bytes", await big.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Step_LongerThanAnHour_Is400WithTheReason()
    {
        await using var host = await ApiHost.StartAsync();
        var run = await host.StartPausedRunAsync();
        var response = await host.Client.PostAsJsonAsync($"/api/runs/{run}/step", new { seconds = 86400 });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 3600", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, (await host.GetAsync($"/api/runs/{run}")).GetProperty("time").GetDouble());
        await host.StepAsync(run, 3600);
    }

    [Fact]
    public async Task LiveRuns_PastTheLimit_Are409_UntilOneIsStopped()
    {
        await using var host = await ApiHost.StartAsync(options: o => o with { MaxLiveRuns = 2 });
        var first = await host.StartPausedRunAsync();
        await host.StartPausedRunAsync();
        var third = await host.Client.PostAsJsonAsync("/api/runs", new { paused = true });
        Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
        Assert.Contains("stop one first", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        (await host.Client.DeleteAsync($"/api/runs/{first}")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Created, (await host.Client.PostAsJsonAsync("/api/runs", new { paused = true })).StatusCode);
    }

    /// <summary>Malformed requests of every kind: 4xx, and no message names a server path or a .NET type.</summary>
    [Fact]
    public async Task MalformedRequests_Are4xx_AndNeverNameServerPathsOrTypes()
    {
        await using var host = await ApiHost.StartAsync();
        var run = await host.StartPausedRunAsync();
        var requests = new List<(HttpMethod Method, string Path, string? Body)>
        {
            (HttpMethod.Post, "/api/runs", """{"seed":"seven"}"""),
            (HttpMethod.Post, "/api/runs", """{"scenario": """),
            (HttpMethod.Post, "/api/runs", """{"scenario":"no-such-night"}"""),
            (HttpMethod.Post, "/api/runs", """{"scenario":"../../etc/passwd"}"""),
            (HttpMethod.Post, "/api/runs", "[1,2,3]"),
            (HttpMethod.Post, "/api/runs", """{"speed":1e999}"""),
            (HttpMethod.Post, "/api/runs", null),
            (HttpMethod.Put, $"/api/runs/{run}/clock", "null"),
            (HttpMethod.Put, $"/api/runs/{run}/clock", """{"paused":"yes"}"""),
            (HttpMethod.Put, $"/api/runs/{run}/mode", """{"mode":"\u0000\u001b[31m"}"""),
            (HttpMethod.Post, $"/api/runs/{run}/step", """{"seconds":"NaN"}"""),
            (HttpMethod.Post, $"/api/runs/{run}/step", """{"seconds":{}}"""),
            (HttpMethod.Get, $"/api/runs/{run}/replay?time=soon", null),
            (HttpMethod.Post, $"/api/runs/{run}/console-report", """{"tracks":1.5}"""),
            (HttpMethod.Post, "/api/session", """{"name":1}"""),
        };
        foreach (var (method, path, body) in requests)
        {
            var request = new HttpRequestMessage(method, path) { Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json") };
            var response = await host.Client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{method} {path} {body}: {response.StatusCode} {text}");
            foreach (var leak in new[] { "System.", "Canopy.", "Microsoft.", "Nullable", "Request ", RepositoryRoot.Path, "/tmp/", "/home/", "Exception" })
                Assert.False(text.Contains(leak, StringComparison.Ordinal), $"{method} {path} {body}: message names '{leak}': {text}");
            Assert.True(JsonDocument.Parse(text).RootElement.TryGetProperty("detail", out _), $"{method} {path} {body}: no reason given: {text}");
        }
    }
}
