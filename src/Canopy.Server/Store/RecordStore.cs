using System.Data.Common;
using System.Globalization;
using Canopy.Server.Decisions;
using Dapper;

namespace Canopy.Server.Store;

/// <summary>
/// The server's record: decisions, fire unit relocations, audit entries and runs, each row chained into the
/// hash-chained <see cref="Journal"/> in the transaction that writes it, plus each run's latest snapshot for the
/// after-action review. One schema, written with Dapper, on SQLite (<see cref="SqliteDecisionLog"/>, the embedded
/// default) or PostgreSQL (<see cref="PostgresDecisionLog"/>, for a shared deployment); the schema is created or
/// migrated forward when the store opens, and the open ends with a committed write, so a store that cannot be written
/// is refused at once. Every failure to read or write is a <see cref="RecordStoreException"/> saying where and why.
/// </summary>
public abstract class RecordStore : IDecisionLog, IRelocationLog, IAuditLog, IRunStore
{
    /// <summary>
    /// The schema this code writes: 1, decisions, relocations and audit (as before the journal); 2, the journal, runs and
    /// run snapshots; 3, a decision's version, version seen and detail.
    /// </summary>
    public const int SchemaVersion = 3;

    /// <summary>Opens the store named by <paramref name="database"/>: a postgres:// (or postgresql://) URL, else a SQLite file path.</summary>
    /// <exception cref="RecordStoreException">The store cannot be opened, migrated or written.</exception>
    public static RecordStore Open(string database) =>
        PostgresDecisionLog.IsUrl(database) ? new PostgresDecisionLog(database) : new SqliteDecisionLog(database);

    /// <summary>Where the store is, for messages (a file path, or host, port and database; never a password).</summary>
    public abstract string Location { get; }

    /// <summary>An open connection.</summary>
    protected abstract DbConnection Connect();

    /// <summary>A transaction that holds the store's single write lock (one writer at a time, across processes) until it ends.</summary>
    protected abstract DbTransaction BeginWrite(DbConnection connection);

    /// <summary>
    /// The column types in this database: an auto-numbered integer primary key, a double and an integer column. The
    /// schema is written once with these as {Id}, {Real} and {Int}.
    /// </summary>
    protected abstract (string Id, string Real, string Int) Types { get; }

    /// <summary>Extra conditions on the relocation rows read back (SQLite keeps what any writer puts in a column).</summary>
    protected virtual string WellTypedRelocation => "";

    /// <summary>Creates or migrates the schema to <see cref="SchemaVersion"/> and proves the store writable; called by the constructor of each database.</summary>
    protected void Migrate() => Write(null, (connection, transaction) =>
    {
        connection.Execute(Schema("CREATE TABLE IF NOT EXISTS schema_version (version {Int} NOT NULL, opened_at TEXT NOT NULL)"), transaction: transaction);
        var version = connection.ExecuteScalar<long?>("SELECT MAX(version) FROM schema_version", transaction: transaction) ?? 0;
        if (version > SchemaVersion)
            throw new RecordStoreException($"the record store {Location} has schema version {version}, written by a newer Canopy (this one knows {SchemaVersion})");
        if (version < 1) connection.Execute(Schema(V1), transaction: transaction);
        // Before the journal chains the older rows: it reads every column of the decisions, the newer ones too.
        if (version < 3) connection.Execute(Schema(V3), transaction: transaction);
        if (version < 2)
        {
            connection.Execute(Schema(V2), transaction: transaction);
            // Rows written before the journal existed are chained in table order: the journal vouches for them from now on.
            foreach (var kind in new[] { "audit", "decision", "relocation" })
                foreach (var id in connection.Query<long>($"SELECT id FROM {Journal.Kinds[kind].Table} ORDER BY id", transaction: transaction).ToList())
                    Journal.Chain(connection, transaction, kind, id);
        }
        connection.Execute("DELETE FROM schema_version", transaction: transaction);
        connection.Execute("INSERT INTO schema_version (version, opened_at) VALUES (@SchemaVersion, @at)",
            new { SchemaVersion, at = Text(DateTimeOffset.UtcNow) }, transaction);
        return 0L;
    });

    public void Add(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        Append("decision", """
            INSERT INTO decisions (run_id, recommendation_id, kind, operator, simulated_time, decided_at, effector, track_id,
                                   rounds, kill_probability, cost, intercept_time, version, seen_version, detail)
            VALUES (@RunId, @RecommendationId, @Kind, @Operator, @SimulatedTime, @DecidedAt, @Effector, @TrackId,
                    @Rounds, @KillProbability, @Cost, @InterceptTime, @Version, @SeenVersion, @Detail)
            """, new
        {
            decision.RunId,
            decision.RecommendationId,
            Kind = decision.Kind.ToString(),
            decision.Operator,
            decision.SimulatedTime,
            DecidedAt = Text(decision.DecidedAt),
            decision.Effector,
            decision.TrackId,
            decision.Rounds,
            decision.KillProbability,
            decision.Cost,
            decision.InterceptTime,
            decision.Version,
            decision.SeenVersion,
            decision.Detail,
        });
    }

    public IReadOnlyList<Decision> ForRun(string runId) => Read(connection => connection.Query<DecisionRow>("""
            SELECT run_id AS RunId, recommendation_id AS RecommendationId, kind AS Kind, operator AS Operator,
                   simulated_time AS SimulatedTime, decided_at AS DecidedAt, effector AS Effector, track_id AS TrackId,
                   rounds AS Rounds, kill_probability AS KillProbability, cost AS Cost, intercept_time AS InterceptTime,
                   version AS Version, seen_version AS SeenVersion, detail AS Detail
            FROM decisions WHERE run_id = @runId ORDER BY id
            """, new { runId })
        .Select(r => r.ToDecision()).ToList());

    /// <summary>
    /// Records the relocation and, when its source is known, an audit entry "relocation" naming that source (actor), the unit
    /// and the position, in one transaction: both are in the journal or neither.
    /// </summary>
    public void Add(Relocation relocation)
    {
        ArgumentNullException.ThrowIfNull(relocation);
        Write("relocation", (connection, transaction) =>
        {
            var id = connection.ExecuteScalar<long>("""
                INSERT INTO relocations (run_id, simulated_time, effector, latitude_rad, longitude_rad, height_m)
                VALUES (@RunId, @SimulatedTime, @Effector, @LatitudeRad, @LongitudeRad, @HeightM) RETURNING id
                """, new
            {
                relocation.RunId,
                relocation.SimulatedTime,
                relocation.Effector,
                relocation.Position.LatitudeRad,
                relocation.Position.LongitudeRad,
                relocation.Position.HeightM,
            }, transaction);
            Journal.Chain(connection, transaction, "relocation", id);
            if (relocation.Source is not { } source) return id;
            var detail = string.Create(CultureInfo.InvariantCulture,
                $"{relocation.Effector} to {relocation.Position.LatitudeDeg:F6}, {relocation.Position.LongitudeDeg:F6}, {relocation.Position.HeightM:F0} m at {relocation.SimulatedTime:F1} s");
            var audit = connection.ExecuteScalar<long>("INSERT INTO audit (kind, actor, run_id, detail, at) VALUES ('relocation', @source, @RunId, @detail, @at) RETURNING id",
                new { source, relocation.RunId, detail, at = Text(DateTimeOffset.UtcNow) }, transaction);
            Journal.Chain(connection, transaction, "audit", audit);
            return id;
        });
    }

    /// <summary>
    /// The relocations of one run; rows whose values are not numbers, not finite or not a position on the Earth (a file
    /// edited or written by something else) are left out, so a replay never fails on them.
    /// </summary>
    public IReadOnlyList<Relocation> RelocationsFor(string runId) => Read(connection => connection.Query<RelocationRow>($"""
            SELECT simulated_time AS SimulatedTime, effector AS Effector, latitude_rad AS LatitudeRad,
                   longitude_rad AS LongitudeRad, height_m AS HeightM
            FROM relocations
            WHERE run_id = @runId {WellTypedRelocation}
            ORDER BY id
            """, new { runId })
        .Where(r => r.IsValid)
        .Select(r => new Relocation(runId, r.SimulatedTime, r.Effector, new(r.LatitudeRad, r.LongitudeRad, r.HeightM))).ToList());

    public void Append(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Append("audit", "INSERT INTO audit (kind, actor, run_id, detail, at) VALUES (@Kind, @Actor, @RunId, @Detail, @At)", new
        {
            entry.Kind,
            entry.Actor,
            entry.RunId,
            entry.Detail,
            At = Text(entry.At),
        });
    }

    public IReadOnlyList<AuditEntry> Entries(string? runId = null) => Read(connection =>
        (runId is null
            ? connection.Query<AuditRow>("SELECT kind AS Kind, actor AS Actor, run_id AS RunId, detail AS Detail, at AS At FROM audit ORDER BY id")
            : connection.Query<AuditRow>("SELECT kind AS Kind, actor AS Actor, run_id AS RunId, detail AS Detail, at AS At FROM audit WHERE run_id = @runId ORDER BY id",
                new { runId }))
        .Select(r => new AuditEntry(r.Kind, r.Actor, r.RunId, r.Detail, Time(r.At))).ToList());

    public void Started(RunRecord run, RunSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(snapshot);
        Write("run", (connection, transaction) =>
        {
            var id = connection.ExecuteScalar<long>("""
                INSERT INTO runs (run_id, scenario, seed, mode, started_at) VALUES (@Id, @Scenario, @Seed, @Mode, @StartedAt) RETURNING id
                """, new { run.Id, run.Scenario, run.Seed, run.Mode, StartedAt = Text(run.StartedAt) }, transaction);
            Journal.Chain(connection, transaction, "run", id);
            Upsert(connection, transaction, snapshot);
            return id;
        });
    }

    public void Save(RunSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Write("run snapshot", (connection, transaction) =>
        {
            Upsert(connection, transaction, snapshot);
            return 0L;
        });
    }

    public IReadOnlyList<string> RunStates() => Read(connection => connection.Query<string>(
        "SELECT s.state_json FROM runs r JOIN run_snapshots s ON s.run_id = r.run_id ORDER BY r.id").ToList());

    public RunSnapshot? Snapshot(string runId) => Read(connection => connection.QuerySingleOrDefault<SnapshotRow>("""
            SELECT run_id AS RunId, status AS Status, state_json AS StateJson, events_json AS EventsJson, result_json AS ResultJson,
                   layout_json AS LayoutJson, saved_at AS SavedAt
            FROM run_snapshots WHERE run_id = @runId
            """, new { runId }))?.ToSnapshot();

    /// <summary>Walks the journal (see <see cref="Journal"/>) and reports the first entry that was altered, removed or reordered.</summary>
    public JournalVerification Verify() => Read(Journal.Verify);

    private static void Upsert(DbConnection connection, DbTransaction transaction, RunSnapshot s) =>
        connection.Execute("""
            INSERT INTO run_snapshots (run_id, status, state_json, events_json, result_json, layout_json, saved_at)
            VALUES (@RunId, @Status, @StateJson, @EventsJson, @ResultJson, @LayoutJson, @SavedAt)
            ON CONFLICT (run_id) DO UPDATE SET status = excluded.status, state_json = excluded.state_json,
                events_json = excluded.events_json, result_json = excluded.result_json, layout_json = excluded.layout_json,
                saved_at = excluded.saved_at
            """, new { s.RunId, s.Status, s.StateJson, s.EventsJson, s.ResultJson, s.LayoutJson, SavedAt = Text(s.SavedAt) }, transaction);

    /// <summary>Inserts one row of <paramref name="kind"/> and chains it to the journal, in one transaction.</summary>
    private void Append(string kind, string insert, object parameters) => Write(kind, (connection, transaction) =>
    {
        var id = connection.ExecuteScalar<long>(insert + " RETURNING id", parameters, transaction);
        Journal.Chain(connection, transaction, kind, id);
        return id;
    });

    private long Write(string? what, Func<DbConnection, DbTransaction, long> write)
    {
        try
        {
            using var connection = Connect();
            using var transaction = BeginWrite(connection);
            var id = write(connection, transaction);
            transaction.Commit();
            return id;
        }
        catch (Exception e) when (e is DbException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw new RecordStoreException(what is null
                ? $"the record store {Location} cannot be opened for writing: {e.Message}"
                : $"the record store {Location} could not write the {what}: {e.Message}", e);
        }
    }

    private T Read<T>(Func<DbConnection, T> read)
    {
        try
        {
            using var connection = Connect();
            return read(connection);
        }
        catch (Exception e) when (e is DbException or IOException or UnauthorizedAccessException)
        {
            throw new RecordStoreException($"the record store {Location} could not be read: {e.Message}", e);
        }
    }

    private string Schema(string ddl) => ddl.Replace("{Id}", Types.Id, StringComparison.Ordinal)
        .Replace("{Real}", Types.Real, StringComparison.Ordinal).Replace("{Int}", Types.Int, StringComparison.Ordinal);

    private static string Text(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    /// <summary>Schema version 1: the tables as the console wrote them before the journal (a file from then keeps them as they are).</summary>
    private const string V1 = """
        CREATE TABLE IF NOT EXISTS decisions (
            id {Id},
            run_id TEXT NOT NULL,
            recommendation_id {Int} NOT NULL,
            kind TEXT NOT NULL,
            operator TEXT NOT NULL,
            simulated_time {Real} NOT NULL,
            decided_at TEXT NOT NULL,
            effector TEXT NOT NULL,
            track_id {Int} NOT NULL,
            rounds {Int} NOT NULL,
            kill_probability {Real} NOT NULL,
            cost {Real} NOT NULL,
            intercept_time {Real} NOT NULL);
        CREATE INDEX IF NOT EXISTS decisions_run ON decisions (run_id, id);
        CREATE TABLE IF NOT EXISTS relocations (
            id {Id},
            run_id TEXT NOT NULL,
            simulated_time {Real} NOT NULL,
            effector TEXT NOT NULL,
            latitude_rad {Real} NOT NULL,
            longitude_rad {Real} NOT NULL,
            height_m {Real} NOT NULL);
        CREATE INDEX IF NOT EXISTS relocations_run ON relocations (run_id, id);
        CREATE TABLE IF NOT EXISTS audit (
            id {Id},
            kind TEXT NOT NULL,
            actor TEXT NOT NULL,
            run_id TEXT,
            detail TEXT NOT NULL,
            at TEXT NOT NULL);
        """;

    /// <summary>Schema version 2: the journal (one entry per record row, in one order), runs as started, and each run's latest snapshot.</summary>
    private const string V2 = """
        CREATE TABLE IF NOT EXISTS journal (
            seq {Int} PRIMARY KEY,
            kind TEXT NOT NULL,
            row_id {Int} NOT NULL,
            hash TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS runs (
            id {Id},
            run_id TEXT NOT NULL UNIQUE,
            scenario TEXT NOT NULL,
            seed {Int} NOT NULL,
            mode TEXT NOT NULL,
            started_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS run_snapshots (
            run_id TEXT PRIMARY KEY,
            status TEXT NOT NULL,
            state_json TEXT NOT NULL,
            events_json TEXT NOT NULL,
            result_json TEXT NOT NULL,
            layout_json TEXT NOT NULL,
            saved_at TEXT NOT NULL);
        """;

    /// <summary>Schema version 3: a decision's recommendation version, the version the operator saw, and a detail (all null on older rows).</summary>
    private const string V3 = """
        ALTER TABLE decisions ADD COLUMN version {Int};
        ALTER TABLE decisions ADD COLUMN seen_version {Int};
        ALTER TABLE decisions ADD COLUMN detail TEXT;
        """;

    private sealed class DecisionRow
    {
        public string RunId { get; init; } = "";
        public long RecommendationId { get; init; }
        public string Kind { get; init; } = "";
        public string Operator { get; init; } = "";
        public double SimulatedTime { get; init; }
        public string DecidedAt { get; init; } = "";
        public string Effector { get; init; } = "";
        public long TrackId { get; init; }
        public long Rounds { get; init; }
        public double KillProbability { get; init; }
        public double Cost { get; init; }
        public double InterceptTime { get; init; }
        public long? Version { get; init; }
        public long? SeenVersion { get; init; }
        public string? Detail { get; init; }

        public Decision ToDecision() => new(RunId, (int)RecommendationId, Enum.Parse<DecisionKind>(Kind), Operator, SimulatedTime,
            Time(DecidedAt), Effector, (int)TrackId, (int)Rounds, KillProbability, Cost, InterceptTime, (int?)Version, (int?)SeenVersion, Detail);
    }

    private sealed class RelocationRow
    {
        public double SimulatedTime { get; init; }
        public string Effector { get; init; } = "";
        public double LatitudeRad { get; init; }
        public double LongitudeRad { get; init; }
        public double HeightM { get; init; }

        public bool IsValid => double.IsFinite(SimulatedTime) && SimulatedTime >= 0 && Effector.Length > 0
            && Math.Abs(LatitudeRad) <= Math.PI / 2 && double.IsFinite(LongitudeRad) && double.IsFinite(HeightM);
    }

    private sealed class AuditRow
    {
        public string Kind { get; init; } = "";
        public string Actor { get; init; } = "";
        public string? RunId { get; init; }
        public string Detail { get; init; } = "";
        public string At { get; init; } = "";
    }

    private sealed class SnapshotRow
    {
        public string RunId { get; init; } = "";
        public string Status { get; init; } = "";
        public string StateJson { get; init; } = "";
        public string EventsJson { get; init; } = "";
        public string ResultJson { get; init; } = "";
        public string LayoutJson { get; init; } = "";
        public string SavedAt { get; init; } = "";

        public RunSnapshot ToSnapshot() => new(RunId, Status, StateJson, EventsJson, ResultJson, LayoutJson, Time(SavedAt));
    }
}
