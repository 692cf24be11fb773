using System.Text.RegularExpressions;
using Canopy.Cli.Tests;
using Canopy.Core.Geodesy;
using Canopy.Server.Decisions;
using Canopy.Server.Store;

namespace Canopy.Server.Tests;

/// <summary>
/// What every record store must do, run against SQLite and a private PostgreSQL alike: keep what was written, in order,
/// across reopening; and let `canopy audit verify` find the first journal entry changed behind the server's back by the
/// database's own client (sqlite3, psql).
/// </summary>
public abstract class RecordStoreContract
{
    private static readonly DateTimeOffset At = new(2025, 7, 4, 21, 30, 15, 250, TimeSpan.Zero);

    /// <summary>The store under test, opened (again) on the same database.</summary>
    protected abstract RecordStore Open();

    /// <summary>The database as `serve --db` and `audit verify` take it.</summary>
    protected abstract string Database { get; }

    /// <summary>Runs SQL on the database with its own command-line client, outside the server.</summary>
    protected abstract void Tamper(string sql);

    /// <summary>Journal entries 1 to 5: a sign-in, decisions 1 and 2 (entries 2 and 3), a relocation, a mode change.</summary>
    private static (Decision First, Decision Second) WriteFive(RecordStore store)
    {
        var first = new Decision("run-a", 3, DecisionKind.Approve, "alice", 1234.5, At, "NASAMS-1", 17, 1, 0.85, 500_000, 1290);
        var second = first with { RecommendationId = 4, Kind = DecisionKind.Veto, Operator = "bob", TrackId = 18, SimulatedTime = 1300.25 };
        store.Append(new AuditEntry("sign-in", "alice", null, "password", At));
        store.Add(first);
        store.Add(second);
        store.Add(new Relocation("run-a", 600, "MFG-1", Geodetic.FromDegrees(51.2, 31.25, 140.5)));
        store.Append(new AuditEntry("mode", "alice", "run-a", "manual -> auto", At.AddSeconds(3)));
        return (first, second);
    }

    [Fact]
    public void Reopened_ReturnsWhatWasWrittenInOrder()
    {
        var (first, second) = WriteFive(Open());

        var store = Open();

        Assert.Equal([first, second], store.ForRun("run-a"));
        Assert.Empty(store.ForRun("run-b"));
        Assert.Equal(["sign-in", "mode"], store.Entries().Select(e => e.Kind));
        Assert.Equal("manual -> auto", Assert.Single(store.Entries("run-a")).Detail);
        var moved = Assert.Single(store.RelocationsFor("run-a"));
        Assert.Equal(Geodetic.FromDegrees(51.2, 31.25, 140.5), moved.Position);
    }

    [Fact]
    public void Runs_StartedAndSaved_AreListedWithTheirLatestSnapshotAfterReopening()
    {
        var store = Open();
        var snapshot = new RunSnapshot("run-a", "running", """{"id":"run-a"}""", "[]", "{}", "{}", At);
        store.Started(new RunRecord("run-a", "quiet-night", 7, "manual", At), snapshot);
        store.Started(new RunRecord("run-b", "record-night", 8, "auto", At), snapshot with { RunId = "run-b", StateJson = """{"id":"run-b"}""" });
        store.Save(snapshot with { Status = "finished", EventsJson = """[{"kind":"Kill"}]""", SavedAt = At.AddMinutes(5) });

        var reopened = Open();

        Assert.Equal(["""{"id":"run-a"}""", """{"id":"run-b"}"""], reopened.RunStates());
        var saved = reopened.Snapshot("run-a")!;
        Assert.Equal(("finished", """[{"kind":"Kill"}]""", At.AddMinutes(5)), (saved.Status, saved.EventsJson, saved.SavedAt));
        Assert.Null(reopened.Snapshot("run-c"));
        Assert.Throws<RecordStoreException>(() => reopened.Started(new RunRecord("run-a", "quiet-night", 7, "manual", At), snapshot));
        Assert.Equal(new JournalVerification(2, null, null), reopened.Verify());
    }

    [Fact]
    public void Relocation_WithItsSource_IsJournaledWithAnAuditEntryNamingTheSource()
    {
        var store = Open();
        store.Add(new Relocation("run-a", 600, "MFG-1", Geodetic.FromDegrees(51.2, 31.25, 140.5), "uid MFG-1 from 127.0.0.1:40000"));

        var reopened = Open();
        var entry = Assert.Single(reopened.Entries("run-a"));
        Assert.Equal(("relocation", "uid MFG-1 from 127.0.0.1:40000"), (entry.Kind, entry.Actor));
        Assert.Equal("MFG-1 to 51.200000, 31.250000, 140 m at 600.0 s", entry.Detail);
        Assert.Equal(new JournalVerification(2, null, null), reopened.Verify());
    }

    [Fact]
    public void Verify_UntouchedJournal_VerifiesEveryEntry()
    {
        WriteFive(Open());

        Assert.Equal(new JournalVerification(5, null, null), Open().Verify());
        var (exit, output) = CanopyProcess.Run("audit", "verify", Database);
        Assert.Equal(0, exit);
        Assert.Contains("5 entries verified", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_DecisionEditedWithTheDatabaseClient_FailsAtItsEntry()
    {
        WriteFive(Open());

        Tamper("UPDATE decisions SET operator = 'mallory' WHERE id = 2");

        AssertFailsAt(3, "altered");
    }

    [Fact]
    public void Verify_HashRewrittenForTheEditedRow_FailsAtTheNextEntry()
    {
        WriteFive(Open());
        Tamper("UPDATE decisions SET rounds = 4 WHERE id = 1");
        Tamper("UPDATE journal SET hash = '" + new string('a', 64) + "' WHERE seq = 2");

        AssertFailsAt(2, "altered");
    }

    [Fact]
    public void Verify_DecisionDeleted_FailsAtItsEntry()
    {
        WriteFive(Open());

        Tamper("DELETE FROM decisions WHERE id = 2");

        AssertFailsAt(3, "removed");
    }

    [Fact]
    public void Verify_JournalEntryDeletedWithItsRow_FailsAtTheGap()
    {
        WriteFive(Open());

        Tamper("DELETE FROM decisions WHERE id = 1");
        Tamper("DELETE FROM journal WHERE seq = 2");

        AssertFailsAt(2, "missing");
    }

    [Fact]
    public void Verify_TwoDecisionsSwapped_FailsAtTheFirst()
    {
        WriteFive(Open());

        Tamper("UPDATE decisions SET id = -1 WHERE id = 1");
        Tamper("UPDATE decisions SET id = 1 WHERE id = 2");
        Tamper("UPDATE decisions SET id = 2 WHERE id = -1");

        AssertFailsAt(2, "reordered");
    }

    [Fact]
    public void Verify_JournalEntriesReordered_FailsAtTheFirst()
    {
        WriteFive(Open());

        Tamper("UPDATE journal SET seq = -1 WHERE seq = 3");
        Tamper("UPDATE journal SET seq = 3 WHERE seq = 4");
        Tamper("UPDATE journal SET seq = 4 WHERE seq = -1");

        AssertFailsAt(3, "reordered");
    }

    [Fact]
    public void Verify_RowInsertedOutsideTheServer_IsNamed()
    {
        WriteFive(Open());

        Tamper("INSERT INTO audit (kind, actor, run_id, detail, at) VALUES ('mode', 'mallory', 'run-a', 'auto -> manual', '2025-07-04T21:31:00.0000000Z')");

        var result = Open().Verify();
        Assert.Equal((5L, (long?)null), (result.Verified, result.FailedEntry));
        Assert.Contains("audit row 3", result.Problem, StringComparison.Ordinal);
        Assert.Equal(1, CanopyProcess.Run("audit", "verify", Database).ExitCode);
    }

    [Fact]
    public void Append_FromTwoStoresAtOnce_KeepsOneChain()
    {
        var stores = new[] { Open(), Open() };

        Parallel.For(0, 40, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            stores[i % 2].Add(new Decision($"run-{i % 2}", i, DecisionKind.Approve, "op", i, At, "SAMP-1", i, 1, 0.5, 1, 2)));

        Assert.Equal(new JournalVerification(40, null, null), Open().Verify());
        Assert.Equal(Enumerable.Range(0, 20).Select(i => 2 * i), Open().ForRun("run-0").Select(d => d.RecommendationId).Order());
    }

    private void AssertFailsAt(long entry, string word)
    {
        var result = Open().Verify();
        Assert.Equal(entry, result.FailedEntry);
        Assert.Equal(entry - 1, result.Verified);
        Assert.Contains(word, result.Problem, StringComparison.Ordinal);
        var (exit, output) = CanopyProcess.Run("audit", "verify", Database);
        Assert.Equal(1, exit);
        Assert.Matches(new Regex($@"\bentry {entry}\b"), output);
    }
}

/// <summary>The record store contract on a SQLite file, tampered with by Debian's sqlite3.</summary>
public sealed class SqliteRecordStoreTests : RecordStoreContract, IDisposable
{
    private readonly TempFolder _folder = new();

    protected override string Database => _folder.File("decisions.db");

    protected override RecordStore Open() => new SqliteDecisionLog(Database);

    protected override void Tamper(string sql) => PostgresServer.Run("sqlite3", Database, sql);

    public void Dispose() => _folder.Dispose();
}

/// <summary>The record store contract on a database of the tests' private PostgreSQL, tampered with by psql.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresRecordStoreTests(PostgresServer server) : RecordStoreContract, IDisposable
{
    private readonly string _url = server.NewDatabase();
    private readonly List<PostgresDecisionLog> _opened = [];

    protected override string Database => _url;

    protected override RecordStore Open()
    {
        var store = new PostgresDecisionLog(_url);
        lock (_opened) _opened.Add(store);
        return store;
    }

    protected override void Tamper(string sql) => server.Psql(_url, sql);

    public void Dispose()
    {
        foreach (var store in _opened) store.Dispose();
    }
}
