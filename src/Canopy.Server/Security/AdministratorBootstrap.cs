namespace Canopy.Server.Security;

/// <summary>
/// The first start of a server: when the account store holds no administrator it creates <see cref="Name"/>, with
/// the password read from a file or, without one, a new random one that is returned once for the console to print.
/// </summary>
public static class AdministratorBootstrap
{
    public const string Name = "admin";

    /// <summary>What happened: whether an administrator was created and the password to show (null when read from a file or none created).</summary>
    public sealed record Outcome(bool Created, string? OneTimePassword, string? Problem);

    public static Outcome Ensure(IAccountStore store, string? passwordFile)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store.All().Any(a => a.Role == Role.Admin)) return new(false, null, null);
        string password;
        if (passwordFile is not null)
        {
            try
            {
                password = File.ReadAllText(passwordFile).TrimEnd('\r', '\n');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return new(false, null, $"cannot read the administrator's password file: {e.Message}");
            }
            if (AccountRules.PasswordProblem(password) is { } problem) return new(false, null, $"the administrator's password file: {problem}");
        }
        else password = Pbkdf2PasswordHasher.NewPassword();
        store.Add(new Account(Name, Role.Admin, []), Pbkdf2PasswordHasher.Hash(password));
        return new(true, passwordFile is null ? password : null, null);
    }
}
