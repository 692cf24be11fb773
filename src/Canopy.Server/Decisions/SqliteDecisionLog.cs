using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Canopy.Server.Decisions;

/// <summary>Decisions in a SQLite file (created with its table on first use), written and read with Dapper.</summary>
public sealed class SqliteDecisionLog : IDecisionLog
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
}
