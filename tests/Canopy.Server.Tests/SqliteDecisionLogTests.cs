using Canopy.Server.Decisions;
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
}
