using System.CommandLine;
using Canopy.Server.Decisions;
using Canopy.Server.Store;
using Spectre.Console;

namespace Canopy.Cli.Commands;

/// <summary>`canopy audit verify DB`: walks the record's hash-chained journal and names the first entry that does not hold.</summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var db = new Argument<string>("db") { Description = "The server's record: a SQLite file (serve --db) or postgres://user@host:port/database" };
        var verify = new Command("verify", "Check every journal entry against its row and the entry before it; exit 1 at the first altered, removed or reordered one") { db };
        verify.SetAction(parse =>
        {
            var console = AnsiConsole.Console;
            var database = parse.GetValue(db)!;
            if (!PostgresDecisionLog.IsUrl(database) && !File.Exists(database))
            {
                console.MarkupLine($"[red]audit verify: no file {Markup.Escape(database)}[/]");
                return 1;
            }
            try
            {
                var store = RecordStore.Open(database);
                var result = store.Verify();
                (store as IDisposable)?.Dispose();
                if (result.Ok)
                {
                    console.MarkupLine($"[green]{result.Verified} entries verified[/] ({Markup.Escape(store.Location)})");
                    return 0;
                }
                console.MarkupLine($"[red]audit verify: {Markup.Escape(result.Problem!)}[/]");
                console.WriteLine($"{result.Verified} entries verified before it");
                return 1;
            }
            catch (RecordStoreException e)
            {
                console.MarkupLine($"[red]audit verify: {Markup.Escape(e.Message)}[/]");
                return 1;
            }
        });
        return new Command("audit", "The tamper-evident record of decisions, relocations, sign-ins, mode, clock and hold changes") { verify };
    }
}
