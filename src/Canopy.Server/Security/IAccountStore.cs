namespace Canopy.Server.Security;

/// <summary>Where the operators' accounts and their password hashes are kept. Names are unique regardless of case.</summary>
public interface IAccountStore
{
    /// <summary>The account and its stored password hash (see <see cref="Pbkdf2PasswordHasher"/>), or null.</summary>
    (Account Account, string PasswordHash)? Find(string name);

    IReadOnlyList<Account> All();

    /// <summary>Adds an account; false when one of that name exists.</summary>
    bool Add(Account account, string passwordHash);

    /// <summary>Changes an account's role and nations; false when there is no such account.</summary>
    bool Update(Account account);

    /// <summary>Sets an account's password hash; false when there is no such account.</summary>
    bool SetPassword(string name, string passwordHash);

    /// <summary>Removes an account; false when there is no such account.</summary>
    bool Remove(string name);
}
