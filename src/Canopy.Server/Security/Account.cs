using System.Text.RegularExpressions;

namespace Canopy.Server.Security;

/// <summary>An operator's account: a name, a role and, for a battle manager, the nations whose fire units they decide for.</summary>
/// <param name="Nations">Nation codes (e.g. UA, PL); what a battle manager may decide for. Ignored for the other roles.</param>
public sealed record Account(string Name, Role Role, IReadOnlyList<string> Nations)
{
    /// <summary>Whether this account may approve or veto engagements of a fire unit of <paramref name="nation"/>.</summary>
    public bool DecidesFor(string nation) => Role switch
    {
        Role.Observer => false,
        Role.BattleManager => Nations.Contains(nation, StringComparer.Ordinal),
        _ => true,
    };
}

/// <summary>The rules for account names and nation codes, with the reason a value breaks them.</summary>
public static partial class AccountRules
{
    /// <summary>Longest account name, characters.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Shortest password an account may be given, characters.</summary>
    public const int MinPasswordLength = 12;

    /// <summary>Longest password, characters (the key derivation reads all of it).</summary>
    public const int MaxPasswordLength = 256;

    /// <summary>Null when <paramref name="name"/> is a valid account name (1 to 64 letters, digits, '.', '_', '-' or '@'); else why not.</summary>
    public static string? NameProblem(string? name) => name switch
    {
        null or "" => "give an account name",
        { Length: > MaxNameLength } => $"an account name is at most {MaxNameLength} characters (this one has {name.Length})",
        _ when !NamePattern().IsMatch(name) => "an account name may hold only letters, digits, '.', '_', '-' and '@' (no spaces or control characters)",
        _ => null,
    };

    /// <summary>Null when <paramref name="password"/> is acceptable for a new account; else why not.</summary>
    public static string? PasswordProblem(string? password) => password switch
    {
        null or { Length: < MinPasswordLength } => $"a password needs at least {MinPasswordLength} characters",
        { Length: > MaxPasswordLength } => $"a password is at most {MaxPasswordLength} characters",
        _ when password.Any(char.IsControl) => "a password may not hold control characters",
        _ => null,
    };

    /// <summary>Whether <paramref name="code"/> is a nation code: two or three capital letters A to Z (e.g. UA, PL, GBR).</summary>
    public static bool IsNation(string? code) => code is not null && NationPattern().IsMatch(code);

    [GeneratedRegex(@"^[\p{L}\p{Nd}._@-]+$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[A-Z]{2,3}$")]
    private static partial Regex NationPattern();
}

/// <summary>Builds accounts from what a person typed (API request or command line), with every broken rule in one message.</summary>
public static class AccountInput
{
    /// <summary>Most nations one account may name.</summary>
    public const int MaxNations = 32;

    /// <summary>The account, or null with <paramref name="problem"/> saying why.</summary>
    public static Account? Parse(string? name, string? role, IEnumerable<string>? nations, out string? problem)
    {
        var problems = new List<string>();
        if (AccountRules.NameProblem(name) is { } p) problems.Add(p);
        if (!Roles.TryParse(role, out var r)) problems.Add($"role '{Clip(role)}' is not one of {Roles.List}");
        var list = (nations ?? []).Select(n => n?.Trim().ToUpperInvariant() ?? "").Distinct(StringComparer.Ordinal).ToList();
        if (list.Count > MaxNations) problems.Add($"an account names at most {MaxNations} nations");
        else if (list.FirstOrDefault(n => !AccountRules.IsNation(n)) is { } bad)
            problems.Add($"nation '{Clip(bad)}' is not a nation code: 2 or 3 letters A to Z (e.g. UA, PL)");
        if (r == Role.BattleManager && list.Count == 0) problems.Add("a battle manager needs the nations whose fire units they decide for (e.g. UA)");
        problem = problems.Count == 0 ? null : string.Join("; ", problems);
        return problem is null ? new Account(name!, r, list) : null;
    }

    /// <summary>A value quoted in a message: at most 32 characters, control characters as '?'.</summary>
    public static string Clip(string? text)
    {
        var s = text ?? "";
        if (s.Length > 32) s = s[..32] + "...";
        return string.Concat(s.Select(c => char.IsControl(c) ? '?' : c));
    }
}
