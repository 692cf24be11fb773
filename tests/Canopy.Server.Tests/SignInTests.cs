using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Canopy.Server.Decisions;
using Canopy.Server.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Canopy.Server.Tests;

/// <summary>Signing in and out, the session cookie, the guessing limit, accounts and what goes to the audit log.</summary>
public class SignInTests
{
    private static Task<HttpResponseMessage> SignIn(HttpClient client, string name, string password) =>
        client.PostAsJsonAsync("/api/session", new { name, password });

    [Fact]
    public async Task SignIn_RightPassword_SetsAnHttpOnlyStrictCookie_ThatOpensTheApi_AndIsAudited()
    {
        await using var host = await ApiHost.StartAsync();
        host.Services.GetRequiredService<IAccountStore>().Add(new Account("alice", Role.BattleManager, ["UA"]), TestAccounts.PasswordHash);
        var client = host.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/runs")).StatusCode);

        var response = await SignIn(client, "alice", TestAccounts.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(SessionAuthenticationHandler.CookieName + "=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase); // plain HTTP here
        var account = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("battle-manager", account.GetProperty("role").GetString());
        client.DefaultRequestHeaders.Add("Cookie", cookie.Split(';')[0]);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/runs")).StatusCode);
        Assert.Equal("alice", (await client.GetFromJsonAsync<JsonElement>("/api/session")).GetProperty("name").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/session")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/runs")).StatusCode);
        var audit = host.Services.GetRequiredService<IAuditLog>().Entries();
        Assert.Equal(["sign-in", "sign-out"], audit.Where(e => e.Actor == "alice").Select(e => e.Kind));
    }

    [Fact]
    public async Task SignIn_WrongPassword_Is401_AndAfterFiveFailuresEvenTheRightOneIs429()
    {
        await using var host = await ApiHost.StartAsync();
        host.Services.GetRequiredService<IAccountStore>().Add(new Account("bob", Role.Observer, []), TestAccounts.PasswordHash);
        var client = host.Anonymous();
        for (var i = 0; i < SignInThrottle.MaxFailuresPerName; i++)
        {
            var wrong = await SignIn(client, "bob", "not the password " + i);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.False(wrong.Headers.Contains("Set-Cookie"));
        }
        var refused = await SignIn(client, "bob", TestAccounts.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(SignInThrottle.MaxFailuresPerName,
            host.Services.GetRequiredService<IAuditLog>().Entries().Count(e => e.Kind == "sign-in-failed" && e.Actor == "bob"));
    }

    [Fact]
    public async Task SignIn_UnknownName_Is401_LikeAWrongPassword()
    {
        await using var host = await ApiHost.StartAsync();
        var response = await SignIn(host.Anonymous(), "nobody", TestAccounts.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("wrong name or password", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("nul\0name")]
    [InlineData("esc\u001b[31mred")]
    [InlineData("two words")]
    public async Task AccountNames_ControlCharactersSpacesOrEmpty_AreRefusedWith400(string name)
    {
        await using var host = await ApiHost.StartAsync();
        var admin = host.ClientAs(Role.Admin);
        var response = await admin.PostAsJsonAsync("/api/accounts", new { name, role = "observer", password = TestAccounts.Password });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("account name", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await SignIn(host.Anonymous(), name, TestAccounts.Password)).StatusCode);
    }

    [Fact]
    public async Task AccountNames_Over64Characters_AreRefused_Even20MB()
    {
        await using var host = await ApiHost.StartAsync();
        var admin = host.ClientAs(Role.Admin);
        var long65 = await admin.PostAsJsonAsync("/api/accounts", new { name = new string('a', 65), role = "observer", password = TestAccounts.Password });
        Assert.Equal(HttpStatusCode.BadRequest, long65.StatusCode);
        Assert.Contains("at most 64 characters", await long65.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var huge = await admin.PostAsync("/api/accounts", new StringContent(
            $$"""{"name":"{{new string('a', 20_000_000)}}","role":"observer"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
    }

    [Fact]
    public async Task Admin_AddsAnAccount_ThatSignsIn_AndRemovesIt_AllAudited()
    {
        await using var host = await ApiHost.StartAsync();
        var admin = host.ClientAs(Role.Admin);
        var added = await admin.PostAsJsonAsync("/api/accounts", new { name = "carol", role = "battle-manager", nations = new[] { "pl", "UA" }, password = "a long enough password" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(["PL", "UA"], (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("nations").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsJsonAsync("/api/accounts", new { name = "CAROL", role = "observer", password = "a long enough password" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/accounts", new { name = "dave", role = "battle-manager", password = "a long enough password" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/accounts", new { name = "erin", role = "observer", password = "short" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignIn(host.Anonymous(), "carol", "a long enough password")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/api/accounts/carol")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignIn(host.Anonymous(), "carol", "a long enough password")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.DeleteAsync("/api/accounts/admin")).StatusCode); // not oneself
        var kinds = host.Services.GetRequiredService<IAuditLog>().Entries().Select(e => e.Kind).ToList();
        Assert.Contains("account-add", kinds);
        Assert.Contains("account-remove", kinds);
    }

    [Fact]
    public async Task RemovedAccount_ItsOpenSessionIsRefusedAtOnce()
    {
        await using var host = await ApiHost.StartAsync();
        var observer = host.ClientAs(Role.Observer);
        Assert.Equal(HttpStatusCode.OK, (await observer.GetAsync("/api/runs")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await host.ClientAs(Role.Admin).DeleteAsync("/api/accounts/observer")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await observer.GetAsync("/api/runs")).StatusCode);
    }

    [Fact]
    public async Task ModeClockAndRunControl_AreAuditedWithTheAccount()
    {
        await using var host = await ApiHost.StartAsync();
        var run = await host.StartPausedRunAsync();
        (await host.Client.PutAsJsonAsync($"/api/runs/{run}/mode", new { mode = "auto" })).EnsureSuccessStatusCode();
        (await host.Client.PutAsJsonAsync($"/api/runs/{run}/clock", new { paused = false, speed = 60 })).EnsureSuccessStatusCode();
        await host.StepAsync(run, 10);
        (await host.Client.DeleteAsync($"/api/runs/{run}")).EnsureSuccessStatusCode();

        var entries = host.Services.GetRequiredService<IAuditLog>().Entries(run);
        Assert.Equal(["run-start", "mode", "clock", "step", "run-stop"], entries.Select(e => e.Kind));
        Assert.All(entries, e => Assert.Equal("commander", e.Actor));
        Assert.StartsWith("manual -> auto", entries[1].Detail, StringComparison.Ordinal);
        Assert.Equal("paused at 1x -> running at 60x", entries[2].Detail);
    }

    [Fact]
    public async Task Ticket_SignsInOnce()
    {
        await using var host = await ApiHost.StartAsync();
        host.Services.GetRequiredService<IAccountStore>().Add(new Account("bench", Role.Observer, []), TestAccounts.PasswordHash);
        var ticket = host.Services.GetRequiredService<SessionStore>().IssueTicket("bench");
        Assert.Equal(HttpStatusCode.OK, (await host.Anonymous().PostAsJsonAsync("/api/session/ticket", new { ticket })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Anonymous().PostAsJsonAsync("/api/session/ticket", new { ticket })).StatusCode);
    }
}
