using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Canopy.Server.Security;

/// <summary>
/// Accounts in the server's SQLite file, in a table of their own (<c>accounts</c>, created on first use). Nations are
/// stored as one comma-separated column. Rows that break the rules (a name or role edited by hand) are not accounts.
/// </summary>
public sealed class SqliteAccountStore : IAccountStore
{
    private readonly string _connectionString;

    public SqliteAccountStore(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        using var connection = Open();
        connection.Execute("""
            CREATE TABLE IF NOT EXISTS accounts (
                name TEXT NOT NULL PRIMARY KEY COLLATE NOCASE,
                role TEXT NOT NULL,
                nations TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                created_at TEXT NOT NULL);
            """);
    }

    public (Account Account, string PasswordHash)? Find(string name)
    {
        using var connection = Open();
        var row = connection.QuerySingleOrDefault<Row>(
            "SELECT name AS Name, role AS Role, nations AS Nations, password_hash AS PasswordHash FROM accounts WHERE name = @name", new { name });
        return row?.ToAccount() is { } account ? (account, row.PasswordHash) : null;
    }

    public IReadOnlyList<Account> All()
    {
        using var connection = Open();
        return [.. connection.Query<Row>("SELECT name AS Name, role AS Role, nations AS Nations, '' AS PasswordHash FROM accounts ORDER BY name")
            .Select(r => r.ToAccount()).OfType<Account>()];
    }

    public bool Add(Account account, string passwordHash)
    {
        ArgumentNullException.ThrowIfNull(account);
        using var connection = Open();
        return connection.Execute("""
            INSERT INTO accounts (name, role, nations, password_hash, created_at) VALUES (@Name, @Role, @Nations, @PasswordHash, @CreatedAt)
            ON CONFLICT (name) DO NOTHING
            """, new
        {
            account.Name,
            Role = Roles.Name(account.Role),
            Nations = string.Join(',', account.Nations),
            PasswordHash = passwordHash,
            CreatedAt = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        }) == 1;
    }

    public bool Update(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        using var connection = Open();
        return connection.Execute("UPDATE accounts SET role = @Role, nations = @Nations WHERE name = @Name",
            new { account.Name, Role = Roles.Name(account.Role), Nations = string.Join(',', account.Nations) }) == 1;
    }

    public bool SetPassword(string name, string passwordHash)
    {
        using var connection = Open();
        return connection.Execute("UPDATE accounts SET password_hash = @passwordHash WHERE name = @name", new { name, passwordHash }) == 1;
    }

    public bool Remove(string name)
    {
        using var connection = Open();
        return connection.Execute("DELETE FROM accounts WHERE name = @name", new { name }) == 1;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private sealed class Row
    {
        public string Name { get; init; } = "";
        public string Role { get; init; } = "";
        public string Nations { get; init; } = "";
        public string PasswordHash { get; init; } = "";

        public Account? ToAccount()
        {
            if (AccountRules.NameProblem(Name) is not null || !Roles.TryParse(Role, out var role)) return null;
            var nations = Nations.Split(',', StringSplitOptions.RemoveEmptyEntries).Where(AccountRules.IsNation).ToList();
            return new Account(Name, role, nations);
        }
    }
}
