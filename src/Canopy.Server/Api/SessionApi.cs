using System.Globalization;
using Canopy.Server.Decisions;
using Canopy.Server.Security;

namespace Canopy.Server.Api;

/// <summary>POST /api/session: sign in.</summary>
public sealed record SignInRequest(string? Name, string? Password);

/// <summary>POST /api/session/ticket: sign in with a one-time ticket this server issued.</summary>
public sealed record TicketRequest(string? Ticket);

/// <summary>PUT /api/session/password: change one's own password.</summary>
public sealed record PasswordChangeRequest(string? Current, string? New);

/// <summary>POST /api/accounts: a new account.</summary>
public sealed record AccountRequest(string? Name, string? Role, IReadOnlyList<string>? Nations, string? Password);

/// <summary>PUT /api/accounts/{name}: a new role and nations, and optionally a new password.</summary>
public sealed record AccountChangeRequest(string? Role, IReadOnlyList<string>? Nations, string? Password);

/// <summary>An account as the API shows it (never its password hash).</summary>
public sealed record AccountView(string Name, string Role, IReadOnlyList<string> Nations)
{
    public static AccountView Of(Account a) => new(a.Name, Roles.Name(a.Role), a.Nations);
}

/// <summary>
/// Sign-in, sign-out and the signed-in account (/api/session), and the administrator's account management
/// (/api/accounts). Sign-ins, failed sign-ins, sign-outs and account changes go to the audit log.
/// </summary>
public static class SessionApi
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/session", SignIn).AllowAnonymous();
        api.MapPost("/session/ticket", SignInWithTicket).AllowAnonymous();
        api.MapGet("/session", (HttpContext c) => Results.Ok(AccountView.Of(Signed(c)))).RequireAuthorization(Roles.Observer);
        api.MapDelete("/session", (HttpContext c, SessionStore sessions, IAuditLog audit, TimeProvider time) =>
        {
            sessions.End(c.Request.Cookies[SessionAuthenticationHandler.CookieName]);
            c.Response.Cookies.Delete(SessionAuthenticationHandler.CookieName, CookieOptionsFor(c));
            audit.Append(new AuditEntry("sign-out", Signed(c).Name, null, "signed out", time.GetUtcNow()));
            return Results.NoContent();
        }).RequireAuthorization(Roles.Observer);
        api.MapPut("/session/password", ChangeOwnPassword).RequireAuthorization(Roles.Observer);

        api.MapGet("/accounts", (IAccountStore store) => store.All().Select(AccountView.Of)).RequireAuthorization(Roles.Admin);
        api.MapPost("/accounts", AddAccount).RequireAuthorization(Roles.Admin);
        api.MapPut("/accounts/{name}", ChangeAccount).RequireAuthorization(Roles.Admin);
        api.MapDelete("/accounts/{name}", RemoveAccount).RequireAuthorization(Roles.Admin);
    }

    private static async Task<IResult> SignIn(SignInRequest request, HttpContext context, IAccountStore store, SessionStore sessions,
        SignInThrottle throttle, IAuditLog audit, TimeProvider time)
    {
        if (AccountRules.NameProblem(request.Name) is { } nameProblem) return Bad(nameProblem);
        if (request.Password is not { Length: > 0 and <= AccountRules.MaxPasswordLength } password)
            return Bad($"give a password of at most {AccountRules.MaxPasswordLength} characters");
        var name = request.Name!;
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (throttle.RetryAfter(name, address) is { TotalSeconds: > 0 } wait) return TooMany(context, wait, "too many failed sign-ins");
        if (!await throttle.Checks.WaitAsync(TimeSpan.FromSeconds(10), context.RequestAborted).ConfigureAwait(false))
            return TooMany(context, TimeSpan.FromSeconds(5), "the server is busy checking other sign-ins");
        (Account Account, string PasswordHash)? found;
        bool valid;
        try
        {
            found = store.Find(name);
            if (found is { } f) valid = Pbkdf2PasswordHasher.Verify(password, f.PasswordHash);
            else
            {
                Pbkdf2PasswordHasher.VerifyNothing(password);
                valid = false;
            }
        }
        finally
        {
            throttle.Checks.Release();
        }
        if (!valid || found is not { } ok)
        {
            throttle.Failed(name, address);
            audit.Append(new AuditEntry("sign-in-failed", name, null, $"wrong name or password, from {address}", time.GetUtcNow()));
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: "wrong name or password");
        }
        throttle.Succeeded(name);
        return StartSession(context, ok.Account, sessions, audit, time, $"signed in from {address}");
    }

    private static IResult SignInWithTicket(TicketRequest request, HttpContext context, IAccountStore store, SessionStore sessions,
        IAuditLog audit, TimeProvider time)
    {
        if (sessions.Redeem(request.Ticket) is not { } name || store.Find(name) is not { } found)
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: "the ticket is unknown, used or expired");
        return StartSession(context, found.Account, sessions, audit, time, "signed in with a one-time ticket");
    }

    private static IResult StartSession(HttpContext context, Account account, SessionStore sessions, IAuditLog audit, TimeProvider time, string detail)
    {
        context.Response.Cookies.Append(SessionAuthenticationHandler.CookieName, sessions.Start(account.Name), CookieOptionsFor(context));
        audit.Append(new AuditEntry("sign-in", account.Name, null, detail, time.GetUtcNow()));
        return Results.Ok(AccountView.Of(account));
    }

    private static CookieOptions CookieOptionsFor(HttpContext context) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = "/",
        MaxAge = SessionStore.Lifetime,
        IsEssential = true,
    };

    private static IResult ChangeOwnPassword(PasswordChangeRequest request, HttpContext context, IAccountStore store, SessionStore sessions,
        SignInThrottle throttle, IAuditLog audit, TimeProvider time)
    {
        var me = Signed(context);
        if (AccountRules.PasswordProblem(request.New) is { } problem) return Bad(problem);
        if (store.Find(me.Name) is not { } found || request.Current is not { Length: <= AccountRules.MaxPasswordLength } current
            || !Pbkdf2PasswordHasher.Verify(current, found.PasswordHash))
        {
            throttle.Failed(me.Name, context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "the current password is wrong");
        }
        store.SetPassword(me.Name, Pbkdf2PasswordHasher.Hash(request.New!));
        sessions.EndAll(me.Name);
        audit.Append(new AuditEntry("account-password", me.Name, null, "changed own password", time.GetUtcNow()));
        return StartSession(context, found.Account, sessions, audit, time, "signed in again after a password change");
    }

    private static IResult AddAccount(AccountRequest request, HttpContext context, IAccountStore store, IAuditLog audit, TimeProvider time)
    {
        if (AccountInput.Parse(request.Name, request.Role, request.Nations, out var problem) is not { } account) return Bad(problem!);
        if (AccountRules.PasswordProblem(request.Password) is { } passwordProblem) return Bad(passwordProblem);
        if (!store.Add(account, Pbkdf2PasswordHasher.Hash(request.Password!)))
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Account exists", detail: $"there is already an account '{account.Name}'");
        audit.Append(new AuditEntry("account-add", Signed(context).Name, null, Describe(account), time.GetUtcNow()));
        return Results.Created($"/api/accounts/{account.Name}", AccountView.Of(account));
    }

    private static IResult ChangeAccount(string name, AccountChangeRequest request, HttpContext context, IAccountStore store, SessionStore sessions,
        IAuditLog audit, TimeProvider time)
    {
        if (store.Find(name) is not { } found) return NoAccount(name);
        if (AccountInput.Parse(found.Account.Name, request.Role, request.Nations, out var problem) is not { } account) return Bad(problem!);
        var me = Signed(context);
        if (string.Equals(me.Name, account.Name, StringComparison.OrdinalIgnoreCase) && account.Role != Role.Admin)
            return Bad("an administrator cannot take away their own administrator role (another administrator can)");
        if (request.Password is not null && AccountRules.PasswordProblem(request.Password) is { } passwordProblem) return Bad(passwordProblem);
        store.Update(account);
        if (request.Password is not null)
        {
            store.SetPassword(account.Name, Pbkdf2PasswordHasher.Hash(request.Password));
            sessions.EndAll(account.Name);
        }
        audit.Append(new AuditEntry("account-change", me.Name, null,
            $"{Describe(found.Account)} -> {Describe(account)}{(request.Password is null ? "" : ", new password")}", time.GetUtcNow()));
        return Results.Ok(AccountView.Of(account));
    }

    private static IResult RemoveAccount(string name, HttpContext context, IAccountStore store, SessionStore sessions, IAuditLog audit, TimeProvider time)
    {
        var me = Signed(context);
        if (string.Equals(me.Name, name, StringComparison.OrdinalIgnoreCase)) return Bad("an administrator cannot remove their own account");
        if (store.Find(name) is not { } found || !store.Remove(found.Account.Name)) return NoAccount(name);
        sessions.EndAll(found.Account.Name);
        audit.Append(new AuditEntry("account-remove", me.Name, null, Describe(found.Account), time.GetUtcNow()));
        return Results.NoContent();
    }

    /// <summary>"alice (battle-manager; UA, PL)", for the audit log.</summary>
    public static string Describe(Account a) =>
        string.Create(CultureInfo.InvariantCulture, $"{a.Name} ({Roles.Name(a.Role)}{(a.Nations.Count > 0 ? "; " + string.Join(", ", a.Nations) : "")})");

    /// <summary>The signed-in account of a request that passed its authorization policy.</summary>
    public static Account Signed(HttpContext context) =>
        SessionAuthenticationHandler.AccountOf(context.User) ?? throw new InvalidOperationException("endpoint without an authorization policy");

    private static IResult NoAccount(string name) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"no account '{AccountInput.Clip(name)}'");

    private static IResult TooMany(HttpContext context, TimeSpan wait, string why)
    {
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: $"{why}: try again in {seconds} s");
    }

    private static IResult Bad(string detail) => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: detail);
}
