using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Canopy.Server.Security;

/// <summary>
/// Signed-in sessions, in memory: a random 256-bit token (the cookie's value) names an account until it is signed out
/// or <see cref="Lifetime"/> has passed. The account itself is looked up at every request, so a removed account or a
/// changed role takes effect at once. Also one-time sign-in tickets that only this process can issue (for a console
/// the server opens itself, as `canopy bench serve --browser` does). A restart signs everybody out.
/// </summary>
public sealed class SessionStore(TimeProvider time)
{
    /// <summary>How long a session lasts from sign-in: a night's watch.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    /// <summary>How long a sign-in ticket may wait to be used.</summary>
    public static readonly TimeSpan TicketLifetime = TimeSpan.FromMinutes(1);

    /// <summary>Most sessions held at once; the oldest goes when a sign-in would exceed it.</summary>
    public const int MaxSessions = 10_000;

    private readonly ConcurrentDictionary<string, (string Account, DateTimeOffset Expires)> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Account, DateTimeOffset Expires)> _tickets = new(StringComparer.Ordinal);

    /// <summary>Starts a session for <paramref name="account"/>; returns its token.</summary>
    public string Start(string account)
    {
        if (_sessions.Count >= MaxSessions) Prune();
        var token = NewToken();
        _sessions[token] = (account, time.GetUtcNow() + Lifetime);
        return token;
    }

    /// <summary>The account name of a live session and when the session ends, or null.</summary>
    public (string Account, DateTimeOffset Expires)? Find(string? token)
    {
        if (string.IsNullOrEmpty(token) || !_sessions.TryGetValue(token, out var session)) return null;
        if (session.Expires > time.GetUtcNow()) return session;
        _sessions.TryRemove(token, out _);
        return null;
    }

    public void End(string? token)
    {
        if (token is not null) _sessions.TryRemove(token, out _);
    }

    /// <summary>Ends every session of <paramref name="account"/> (its password changed, or it was removed).</summary>
    public void EndAll(string account)
    {
        foreach (var (token, session) in _sessions)
            if (string.Equals(session.Account, account, StringComparison.OrdinalIgnoreCase)) _sessions.TryRemove(token, out _);
    }

    /// <summary>A one-time ticket that signs in as <paramref name="account"/> within <see cref="TicketLifetime"/>.</summary>
    public string IssueTicket(string account)
    {
        var ticket = NewToken();
        _tickets[ticket] = (account, time.GetUtcNow() + TicketLifetime);
        return ticket;
    }

    /// <summary>The account a ticket was issued for, once; null when unknown, used or expired.</summary>
    public string? Redeem(string? ticket) =>
        !string.IsNullOrEmpty(ticket) && _tickets.TryRemove(ticket, out var t) && t.Expires > time.GetUtcNow() ? t.Account : null;

    private void Prune()
    {
        var now = time.GetUtcNow();
        foreach (var (token, session) in _sessions)
            if (session.Expires <= now) _sessions.TryRemove(token, out _);
        foreach (var (token, _) in _sessions.OrderBy(s => s.Value.Expires).Take(Math.Max(0, _sessions.Count - MaxSessions + 1)))
            _sessions.TryRemove(token, out _);
    }

    private static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
