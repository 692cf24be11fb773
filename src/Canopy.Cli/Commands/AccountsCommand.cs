using System.CommandLine;
using Canopy.Server.Api;
using Canopy.Server.Decisions;
using Canopy.Server.Security;
using Spectre.Console;

namespace Canopy.Cli.Commands;

/// <summary>
/// `canopy accounts add|list|remove|password`: the operators' accounts in the server's database (the same file as
/// `serve --db`), for the one who runs the server; each change goes to the audit log as done by "cli:USER".
/// </summary>
internal static class AccountsCommand
{
    public static Command Create()
    {
        var db = new Option<string>("--db") { Description = "The server's SQLite file (as `serve --db`)", DefaultValueFactory = _ => ".canopy/decisions.db" };
        var command = new Command("accounts", "Operators' accounts of `canopy serve`: add, list, remove, password") { Add(db), List(db), Remove(db), Password(db) };
        return command;
    }

    private static Command Add(Option<string> db)
    {
        var name = new Argument<string>("name") { Description = "Account name: up to 64 letters, digits, '.', '_', '-', '@'" };
        var role = new Option<string>("--role") { Description = $"One of {Roles.List}", Required = true };
        var nations = new Option<string?>("--nations") { Description = "Battle manager: the nations whose fire units they decide for, e.g. UA,PL" };
        var passwordFile = new Option<string?>("--password-file") { Description = "Read the password from this file (else a random one is printed once)" };
        var command = new Command("add", "Add an account") { name, role, nations, passwordFile, db };
        command.SetAction(parse =>
        {
            var console = AnsiConsole.Console;
            var list = parse.GetValue(nations)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
            if (AccountInput.Parse(parse.GetValue(name), parse.GetValue(role), list, out var problem) is not { } account) return Fail(console, problem!);
            if (ReadPassword(parse.GetValue(passwordFile), out var password) is { } passwordProblem) return Fail(console, passwordProblem);
            var store = new SqliteAccountStore(parse.GetValue(db)!);
            if (!store.Add(account, Pbkdf2PasswordHasher.Hash(password))) return Fail(console, $"there is already an account '{account.Name}'");
            Audit(parse.GetValue(db)!, "account-add", SessionApi.Describe(account));
            console.WriteLine($"added {SessionApi.Describe(account)}");
            if (parse.GetValue(passwordFile) is null) console.WriteLine($"password (shown this once): {password}");
            return 0;
        });
        return command;
    }

    private static Command List(Option<string> db)
    {
        var command = new Command("list", "List the accounts") { db };
        command.SetAction(parse =>
        {
            foreach (var a in new SqliteAccountStore(parse.GetValue(db)!).All()) AnsiConsole.Console.WriteLine(SessionApi.Describe(a));
            return 0;
        });
        return command;
    }

    private static Command Remove(Option<string> db)
    {
        var name = new Argument<string>("name");
        var command = new Command("remove", "Remove an account (its sessions end at once)") { name, db };
        command.SetAction(parse =>
        {
            var store = new SqliteAccountStore(parse.GetValue(db)!);
            if (store.Find(parse.GetValue(name)!) is not { } found || !store.Remove(found.Account.Name))
                return Fail(AnsiConsole.Console, $"no account '{AccountInput.Clip(parse.GetValue(name))}'");
            Audit(parse.GetValue(db)!, "account-remove", SessionApi.Describe(found.Account));
            AnsiConsole.Console.WriteLine($"removed {SessionApi.Describe(found.Account)}");
            return 0;
        });
        return command;
    }

    private static Command Password(Option<string> db)
    {
        var name = new Argument<string>("name");
        var passwordFile = new Option<string?>("--password-file") { Description = "Read the new password from this file (else a random one is printed once)" };
        var command = new Command("password", "Set an account's password (e.g. a forgotten administrator's); a running server keeps sessions already signed in until they end")
            { name, passwordFile, db };
        command.SetAction(parse =>
        {
            var console = AnsiConsole.Console;
            var store = new SqliteAccountStore(parse.GetValue(db)!);
            if (store.Find(parse.GetValue(name)!) is not { } found) return Fail(console, $"no account '{AccountInput.Clip(parse.GetValue(name))}'");
            if (ReadPassword(parse.GetValue(passwordFile), out var password) is { } problem) return Fail(console, problem);
            store.SetPassword(found.Account.Name, Pbkdf2PasswordHasher.Hash(password));
            Audit(parse.GetValue(db)!, "account-password", $"new password for {found.Account.Name}");
            console.WriteLine($"new password for {found.Account.Name}");
            if (parse.GetValue(passwordFile) is null) console.WriteLine($"password (shown this once): {password}");
            return 0;
        });
        return command;
    }

    /// <summary>The password from the file (checked), or a new random one; a problem when the file is unusable.</summary>
    private static string? ReadPassword(string? file, out string password)
    {
        password = Pbkdf2PasswordHasher.NewPassword();
        if (file is null) return null;
        try
        {
            password = File.ReadAllText(file).TrimEnd('\r', '\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"cannot read the password file: {e.Message}";
        }
        return AccountRules.PasswordProblem(password);
    }

    private static void Audit(string db, string kind, string detail) =>
        new SqliteDecisionLog(db).Append(new AuditEntry(kind, "cli:" + Environment.UserName, null, detail, DateTimeOffset.UtcNow));

    private static int Fail(IAnsiConsole console, string problem)
    {
        console.MarkupLine($"[red]{Markup.Escape(problem)}[/]");
        return 1;
    }
}
