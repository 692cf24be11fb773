using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Canopy.Server.Decisions;

/// <summary>
/// Decisions and fire unit relocations in a SQLite file (created with its tables on first use; a file from before a table
/// existed gets it when opened), written and read with Dapper.
/// </summary>
public sealed class SqliteDecisionLog : IDecisionLog, IRelocationLog, IAuditLog
{
    private readonly string _connectionString;

    public SqliteDecisionLog(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        using var connection = Open();
        connection.Execute("""
            CREATE TABLE IF NOT EXISTS decisions (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                run_id TEXT NOT NULL,
                recommendation_id INTEGER NOT NULL,
                kind TEXT NOT NULL,
                operator TEXT NOT NULL,
                simulated_time REAL NOT NULL,
                decided_at TEXT NOT NULL,
                effector TEXT NOT NULL,
                track_id INTEGER NOT NULL,
                rounds INTEGER NOT NULL,
                kill_probability REAL NOT NULL,
                cost REAL NOT NULL,
                intercept_time REAL NOT NULL);
            CREATE INDEX IF NOT EXISTS decisions_run ON decisions (run_id, id);
            CREATE TABLE IF NOT EXISTS relocations (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                run_id TEXT NOT NULL,
                simulated_time REAL NOT NULL,
                effector TEXT NOT NULL,
                latitude_rad REAL NOT NULL,
                longitude_rad REAL NOT NULL,
                height_m REAL NOT NULL);
            CREATE INDEX IF NOT EXISTS relocations_run ON relocations (run_id, id);
            CREATE TABLE IF NOT EXISTS audit (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                kind TEXT NOT NULL,
                actor TEXT NOT NULL,
                run_id TEXT,
                detail TEXT NOT NULL,
                at TEXT NOT NULL);
            """);
    }

    public void Add(Decision decision)
    {
        using var connection = Open();
        connection.Execute("""
            INSERT INTO decisions (run_id, recommendation_id, kind, operator, simulated_time, decided_at, effector, track_id,
                                   rounds, kill_probability, cost, intercept_time)
            VALUES (@RunId, @RecommendationId, @Kind, @Operator, @SimulatedTime, @DecidedAt, @Effector, @TrackId,
                    @Rounds, @KillProbability, @Cost, @InterceptTime)
            """, new
        {
            decision.RunId,
            decision.RecommendationId,
            Kind = decision.Kind.ToString(),
            decision.Operator,
            decision.SimulatedTime,
            DecidedAt = decision.DecidedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            decision.Effector,
            decision.TrackId,
            decision.Rounds,
            decision.KillProbability,
            decision.Cost,
            decision.InterceptTime,
        });
    }

    public IReadOnlyList<Decision> ForRun(string runId)
    {
        using var connection = Open();
        return connection.Query<Row>("""
                SELECT run_id AS RunId, recommendation_id AS RecommendationId, kind AS Kind, operator AS Operator,
                       simulated_time AS SimulatedTime, decided_at AS DecidedAt, effector AS Effector, track_id AS TrackId,
                       rounds AS Rounds, kill_probability AS KillProbability, cost AS Cost, intercept_time AS InterceptTime
                FROM decisions WHERE run_id = @runId ORDER BY id
                """, new { runId })
            .Select(r => r.ToDecision()).ToList();
    }

    public void Add(Relocation relocation)
    {
        ArgumentNullException.ThrowIfNull(relocation);
        using var connection = Open();
        connection.Execute("""
            INSERT INTO relocations (run_id, simulated_time, effector, latitude_rad, longitude_rad, height_m)
            VALUES (@RunId, @SimulatedTime, @Effector, @LatitudeRad, @LongitudeRad, @HeightM)
            """, new
        {
            relocation.RunId,
            relocation.SimulatedTime,
            relocation.Effector,
            relocation.Position.LatitudeRad,
            relocation.Position.LongitudeRad,
            relocation.Position.HeightM,
        });
    }

    /// <summary>
    /// The relocations of one run; rows whose values are not numbers, not finite or not a position on the Earth (a file
    /// edited or written by something else) are left out, so a replay never fails on them.
    /// </summary>
    public IReadOnlyList<Relocation> RelocationsFor(string runId)
    {
        using var connection = Open();
        return connection.Query<RelocationRow>("""
                SELECT simulated_time AS SimulatedTime, effector AS Effector, latitude_rad AS LatitudeRad,
                       longitude_rad AS LongitudeRad, height_m AS HeightM
                FROM relocations
                WHERE run_id = @runId AND typeof(effector) = 'text'
                  AND typeof(simulated_time) IN ('real', 'integer') AND typeof(latitude_rad) IN ('real', 'integer')
                  AND typeof(longitude_rad) IN ('real', 'integer') AND typeof(height_m) IN ('real', 'integer')
                ORDER BY id
                """, new { runId })
            .Where(r => r.IsValid)
            .Select(r => new Relocation(runId, r.SimulatedTime, r.Effector, new(r.LatitudeRad, r.LongitudeRad, r.HeightM))).ToList();
    }

    public void Append(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        using var connection = Open();
        connection.Execute("INSERT INTO audit (kind, actor, run_id, detail, at) VALUES (@Kind, @Actor, @RunId, @Detail, @At)", new
        {
            entry.Kind,
            entry.Actor,
            entry.RunId,
            entry.Detail,
            At = entry.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        });
    }

    public IReadOnlyList<AuditEntry> Entries(string? runId = null)
    {
        using var connection = Open();
        return connection.Query<(string Kind, string Actor, string? RunId, string Detail, string At)>(
                "SELECT kind, actor, run_id, detail, at FROM audit WHERE @runId IS NULL OR run_id = @runId ORDER BY id", new { runId })
            .Select(r => new AuditEntry(r.Kind, r.Actor, r.RunId, r.Detail,
                DateTimeOffset.Parse(r.At, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)))
            .ToList();
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private sealed class Row
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

        public Decision ToDecision() => new(RunId, (int)RecommendationId, Enum.Parse<DecisionKind>(Kind), Operator, SimulatedTime,
            DateTimeOffset.Parse(DecidedAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind), Effector, (int)TrackId,
            (int)Rounds, KillProbability, Cost, InterceptTime);
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
}
