namespace Canopy.Server.Security;

/// <summary>
/// What an account may do, each role including the ones before it: an observer reads; a battle manager also approves and
/// vetoes for the fire units of the nations named in the account; a commander also decides for every nation and controls
/// runs (start, stop, clock, step, approval mode); an administrator also manages accounts.
/// </summary>
public enum Role
{
    Observer,
    BattleManager,
    Commander,
    Admin,
}

/// <summary>Names of the roles as the API, the command line and the authorization policies spell them.</summary>
public static class Roles
{
    public const string Observer = "observer";
    public const string BattleManager = "battle-manager";
    public const string Commander = "commander";
    public const string Admin = "admin";

    public static IReadOnlyList<Role> All { get; } = Enum.GetValues<Role>();

    public static string Name(Role role) => role switch
    {
        Role.Observer => Observer,
        Role.BattleManager => BattleManager,
        Role.Commander => Commander,
        _ => Admin,
    };

    public static bool TryParse(string? text, out Role role)
    {
        foreach (var r in All)
            if (string.Equals(text?.Trim(), Name(r), StringComparison.OrdinalIgnoreCase))
            {
                role = r;
                return true;
            }
        role = Role.Observer;
        return false;
    }

    /// <summary>"observer, battle-manager, commander, admin", for messages.</summary>
    public static string List => string.Join(", ", All.Select(Name));
}
