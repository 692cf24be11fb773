using Canopy.Core.Geodesy;
using Canopy.Server.Decisions;
using Canopy.Server.Store;
using Microsoft.Data.Sqlite;

namespace Canopy.Server.Tests;

public class SqliteDecisionLogTests
{
    [Fact]
    public void ForRun_AfterReopeningTheFile_ReturnsTheDecisionsInOrder()
    {
        var folder = Directory.CreateTempSubdirectory("canopy-decisions-").FullName;
        var path = Path.Combine(folder, "sub", "decisions.db");
        var at = new DateTimeOffset(2025, 7, 4, 21, 30, 15, 250, TimeSpan.Zero);
        var first = new Decision("run-a", 3, DecisionKind.Approve, "alice", 1234.5, at, "NASAMS-1", 17, 1, 0.85, 500_000, 1290);
        var second = first with { RecommendationId = 4, Kind = DecisionKind.Veto, Operator = "bob", TrackId = 18 };
        var other = first with { RunId = "run-b", Kind = DecisionKind.Auto, Operator = "system" };
        try
        {
            var log = new SqliteDecisionLog(path);
            log.Add(first);
            log.Add(other);
            log.Add(second);

            var reopened = new SqliteDecisionLog(path).ForRun("run-a");

            Assert.Equal([first, second], reopened);
            Assert.Equal(at, reopened[0].DecidedAt);
            Assert.Equal([other], new SqliteDecisionLog(path).ForRun("run-b"));
            Assert.Empty(new SqliteDecisionLog(path).ForRun("run-c"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Entries_AfterReopeningTheFile_ReturnsTheAuditEntriesInOrderAndByRun()
    {
        var folder = Directory.CreateTempSubdirectory("canopy-audit-").FullName;
        var path = Path.Combine(folder, "decisions.db");
        var at = new DateTimeOffset(2025, 7, 4, 21, 30, 15, 250, TimeSpan.Zero);
        var signIn = new AuditEntry("sign-in", "alice", null, "password", at);
        var mode = new AuditEntry("mode", "alice", "run-a", "manual -> auto", at.AddSeconds(3));
        var clock = new AuditEntry("clock", "bob", "run-b", "speed 1 -> 60", at.AddSeconds(4));
        try
        {
            var log = new SqliteDecisionLog(path);
            log.Append(signIn);
            log.Append(mode);
            log.Append(clock);

            var reopened = new SqliteDecisionLog(path);

            Assert.Equal([signIn, mode, clock], reopened.Entries());
            Assert.Equal([mode], reopened.Entries("run-a"));
            Assert.Empty(reopened.Entries("run-c"));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Open_FileFromBeforeTheJournal_KeepsItsDecisionsGainsTheNewTablesAndChainsItsRows()
    {
        using var folder = new TempFolder();
        var path = folder.File("old.db");
        // The file as the console wrote it before relocations, the audit table and the journal were kept (schema of main, 2026-12).
        PostgresServer.Run("sqlite3", path, """
            CREATE TABLE decisions (id INTEGER PRIMARY KEY AUTOINCREMENT, run_id TEXT NOT NULL, recommendation_id INTEGER NOT NULL,
                kind TEXT NOT NULL, operator TEXT NOT NULL, simulated_time REAL NOT NULL, decided_at TEXT NOT NULL, effector TEXT NOT NULL,
                track_id INTEGER NOT NULL, rounds INTEGER NOT NULL, kill_probability REAL NOT NULL, cost REAL NOT NULL, intercept_time REAL NOT NULL);
            INSERT INTO decisions (run_id, recommendation_id, kind, operator, simulated_time, decided_at, effector, track_id, rounds,
                kill_probability, cost, intercept_time)
            VALUES ('20251204-210000-1', 1, 'Auto', 'system', 12, '2025-07-04T21:00:12.0000000Z', 'MFG-1', 5, 1, 0.3, 1000, 40);
            """);
        var decision = new Decision("20251204-210000-1", 1, DecisionKind.Auto, "system", 12, new DateTimeOffset(2025, 7, 4, 21, 0, 12, TimeSpan.Zero),
            "MFG-1", 5, 1, 0.3, 1000, 40);
        var moved = new Relocation("run-a", 600, "MFG-1", Geodetic.FromDegrees(51.2, 31.25, 140.5));

        var log = new SqliteDecisionLog(path);
        log.Add(moved);
        log.Add(moved with { RunId = "run-b" });

        Assert.Equal([decision], log.ForRun("20251204-210000-1"));
        var read = Assert.Single(new SqliteDecisionLog(path).RelocationsFor("run-a"));
        Assert.Equal(moved, read); // radians stored as IEEE doubles: bit for bit
        Assert.Empty(log.RelocationsFor("run-c"));
        Assert.Equal(new JournalVerification(3, null, null), log.Verify()); // the old decision, then the two relocations
        Assert.Equal("3", PostgresServer.Run("sqlite3", path, "SELECT version FROM schema_version").Trim());
    }

    [Fact]
    public void Open_UnwritablePlace_IsRefusedWithTheReason()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("file"), "");

        var e = Assert.Throws<RecordStoreException>(() => new SqliteDecisionLog(Path.Combine(folder.File("file"), "decisions.db")));
        Assert.Contains("cannot be created", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<RecordStoreException>(() => new SqliteDecisionLog("/proc/canopy-decisions.db"));
        Assert.Contains("/proc/canopy-decisions.db", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RelocationsFor_MalformedRows_AreLeftOutWithoutFailing()
    {
        using var folder = new TempFolder();
        var path = folder.File("decisions.db");
        var good = new Relocation("run-a", 30, "MFG-2", Geodetic.FromDegrees(50.8, 30.98, 0));
        var log = new SqliteDecisionLog(path);
        log.Add(good);
        // Rows written by something else: text for numbers, latitude beyond the pole, a negative time, a blob for the effector.
        Execute(path, """
            INSERT INTO relocations (run_id, simulated_time, effector, latitude_rad, longitude_rad, height_m) VALUES
                ('run-a', 'soon', 'MFG-1', 0.88, 0.54, 0),
                ('run-a', 40, 'MFG-1', 'north', 0.54, 0),
                ('run-a', 40, 'MFG-1', 2.0, 0.54, 0),
                ('run-a', -1, 'MFG-1', 0.88, 0.54, 0),
                ('run-a', 40, x'00ff', 0.88, 0.54, 0),
                ('run-a', 40, 'NO-SUCH-UNIT', 0.88, 0.54, 0)
            """);

        var read = log.RelocationsFor("run-a");

        Assert.Equal([good, new Relocation("run-a", 40, "NO-SUCH-UNIT", new Geodetic(0.88, 0.54, 0))], read);
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
