using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.Options;

namespace Canopy.Server.Security;

/// <summary>
/// Who a request comes from: the account of the session named by the <see cref="CookieName"/> cookie (see
/// <see cref="SessionStore"/>), looked up in the account store at every request; the ticket expires with the session.
/// </summary>
public sealed class SessionAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, SessionStore sessions, IAccountStore accounts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "canopy-session";
    public const string CookieName = "canopy-session";
    private const string NationClaim = "canopy:nation";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (sessions.Find(Request.Cookies[CookieName]) is not { } session || accounts.Find(session.Account) is not { } found)
            return Task.FromResult(AuthenticateResult.NoResult());
        var account = found.Account;
        var claims = new List<Claim> { new(ClaimTypes.Name, account.Name), new(ClaimTypes.Role, Roles.Name(account.Role)) };
        claims.AddRange(account.Nations.Select(n => new Claim(NationClaim, n)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        // The expiry lets the hub close a connection whose session has ended (CloseOnAuthenticationExpiration).
        var properties = new AuthenticationProperties { ExpiresUtc = session.Expires };
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, properties, SchemeName)));
    }

    /// <summary>The signed-in account of a request the authorization already let through; null when nobody is signed in.</summary>
    public static Account? AccountOf(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, Name: { } name } && Roles.TryParse(user.FindFirstValue(ClaimTypes.Role), out var role)
            ? new Account(name, role, [.. user.FindAll(NationClaim).Select(c => c.Value)])
            : null;

    /// <summary>One policy per role, named as the role (<see cref="Roles"/>): that role or a higher one.</summary>
    public static void AddPolicies(AuthorizationOptions options)
    {
        foreach (var role in Roles.All)
            options.AddPolicy(Roles.Name(role), p => p.RequireAssertion(c => AccountOf(c.User) is { } a && a.Role >= role));
    }
}

/// <summary>Refusals as problem JSON with the reason: 401 (sign in first) and 403 (the role needed).</summary>
public sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            await _default.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
            return;
        }
        var needed = context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);
        var result = SessionAuthenticationHandler.AccountOf(context.User) is { } account
            ? Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: $"account '{account.Name}' ({Roles.Name(account.Role)}) may not do this: it needs the role {needed ?? "?"} or higher")
            : Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign in first",
                detail: "this needs a signed-in account: sign in with POST /api/session {\"name\":..., \"password\":...}");
        await result.ExecuteAsync(context).ConfigureAwait(false);
    }
}
