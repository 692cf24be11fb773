using Canopy.Server.Security;

namespace Canopy.Server.Tests;

public class PasswordAndAccountTests
{
    /// <summary>Published PBKDF2-HMAC-SHA256 vectors (P = "password", S = "salt", 32 bytes; the SHA-256 set of draft-josefsson-pbkdf2-test-vectors, equal to Python's hashlib.pbkdf2_hmac).</summary>
    [Theory]
    [InlineData(1, "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b")]
    [InlineData(2, "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43")]
    [InlineData(4096, "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a")]
    public void Verify_KnownVector_AcceptsThePasswordOnly(int iterations, string keyHex)
    {
        var stored = $"pbkdf2-sha256${iterations}${Convert.ToBase64String("salt"u8.ToArray())}${Convert.ToBase64String(Convert.FromHexString(keyHex))}";
        Assert.True(Pbkdf2PasswordHasher.Verify("password", stored));
        Assert.False(Pbkdf2PasswordHasher.Verify("Password", stored));
        Assert.False(Pbkdf2PasswordHasher.Verify("password", stored.Replace("$" + iterations + "$", "$" + (iterations + 1) + "$", StringComparison.Ordinal)));
    }

    [Fact]
    public void Hash_Uses600000IterationsAndARandomSalt()
    {
        var a = TestAccounts.PasswordHash;
        var parts = a.Split('$');
        Assert.Equal(["pbkdf2-sha256", "600000"], parts[..2]);
        Assert.Equal(16, Convert.FromBase64String(parts[2]).Length);
        Assert.True(Pbkdf2PasswordHasher.Verify(TestAccounts.Password, a));
        Assert.False(Pbkdf2PasswordHasher.Verify(TestAccounts.Password + " ", a));
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("pbkdf2-sha256$x$AA==$AA==", false)]
    [InlineData("md5$1$AA==$AA==", false)]
    [InlineData("pbkdf2-sha256$1$not base64$AA==", false)]
    public void Verify_StoredValueNotAHash_IsFalse(string stored, bool expected) =>
        Assert.Equal(expected, Pbkdf2PasswordHasher.Verify("password", stored));

    [Fact]
    public void Bootstrap_EmptyStore_CreatesTheAdministratorOnce_WithAOneTimePassword()
    {
        using var folder = new TempFolder();
        var store = new SqliteAccountStore(folder.File("accounts.db"));
        var first = AdministratorBootstrap.Ensure(store, null);
        Assert.True(first.Created);
        Assert.Equal(20, first.OneTimePassword!.Length);
        Assert.True(Pbkdf2PasswordHasher.Verify(first.OneTimePassword, store.Find("admin")!.Value.PasswordHash));
        Assert.Equal(Role.Admin, store.Find("ADMIN")!.Value.Account.Role);
        var second = AdministratorBootstrap.Ensure(store, null);
        Assert.False(second.Created);
        Assert.Null(second.OneTimePassword);
    }

    [Fact]
    public void Bootstrap_PasswordFile_IsUsed_AndATooShortOneRefused()
    {
        using var folder = new TempFolder();
        var file = folder.File("pw");
        File.WriteAllText(file, "short\n");
        var store = new SqliteAccountStore(folder.File("accounts.db"));
        Assert.Contains("at least 12", AdministratorBootstrap.Ensure(store, file).Problem, StringComparison.Ordinal);
        File.WriteAllText(file, "a password from a file\n");
        var outcome = AdministratorBootstrap.Ensure(store, file);
        Assert.True(outcome.Created);
        Assert.Null(outcome.OneTimePassword);
        Assert.True(Pbkdf2PasswordHasher.Verify("a password from a file", store.Find("admin")!.Value.PasswordHash));
    }

    [Theory]
    [InlineData("alice", null)]
    [InlineData("ops.lead@kyiv", null)]
    [InlineData("оператор", null)]
    [InlineData("a\0b", "only letters")]
    [InlineData("a\tb", "only letters")]
    public void NameProblem_KnownNames(string name, string? problem)
    {
        var found = AccountRules.NameProblem(name);
        if (problem is null) Assert.Null(found);
        else Assert.Contains(problem, found, StringComparison.Ordinal);
    }

    [Fact]
    public void DecidesFor_BattleManagerItsNationsOnly_CommanderAll_ObserverNone()
    {
        Assert.True(new Account("a", Role.BattleManager, ["UA"]).DecidesFor("UA"));
        Assert.False(new Account("a", Role.BattleManager, ["UA"]).DecidesFor("PL"));
        Assert.True(new Account("c", Role.Commander, []).DecidesFor("PL"));
        Assert.False(new Account("o", Role.Observer, ["PL"]).DecidesFor("PL"));
    }
}
