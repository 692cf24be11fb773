namespace Canopy.Cli.Tests.Commands;

public class AccountsCommandTests
{
    [Fact]
    public void Accounts_AddListRemove_WithRulesChecked()
    {
        var folder = Directory.CreateTempSubdirectory("canopy-accounts-").FullName;
        var db = Path.Combine(folder, "d.db");
        try
        {
            var (code, output) = CanopyProcess.Run("accounts", "add", "alice", "--role", "battle-manager", "--nations", "ua, pl", "--db", db);
            Assert.True(code == 0, output);
            Assert.Contains("added alice (battle-manager; UA, PL)", output, StringComparison.Ordinal);
            Assert.Matches("password \\(shown this once\\): [A-Za-z0-9]{20}", output);

            var refused = CanopyProcess.Run("accounts", "add", "bob", "--role", "battle-manager", "--db", db);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("needs the nations", refused.Output, StringComparison.Ordinal);
            Assert.Equal(1, CanopyProcess.Run("accounts", "add", "ALICE", "--role", "observer", "--db", db).ExitCode);
            Assert.Equal(1, CanopyProcess.Run("accounts", "add", new string('x', 65), "--role", "observer", "--db", db).ExitCode);

            Assert.Equal("alice (battle-manager; UA, PL)", CanopyProcess.Run("accounts", "list", "--db", db).Output.Trim());
            Assert.Equal(0, CanopyProcess.Run("accounts", "remove", "alice", "--db", db).ExitCode);
            Assert.Equal("", CanopyProcess.Run("accounts", "list", "--db", db).Output.Trim());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
