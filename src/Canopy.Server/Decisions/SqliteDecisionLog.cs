using System.Data;
using System.Data.Common;
using Canopy.Server.Store;
using Microsoft.Data.Sqlite;

namespace Canopy.Server.Decisions;

/// <summary>
/// The record (see <see cref="RecordStore"/>) in a SQLite file, created with its tables on first use and migrated forward
/// when an older file is opened. Write-ahead logging with synchronous commits: a decision the server acknowledged is on
/// disk, whatever happens to the process after. One writer at a time (BEGIN IMMEDIATE), across processes.
/// </summary>
public sealed class SqliteDecisionLog : RecordStore
{
    private readonly string _connectionString;
    private readonly string _path;

    /// <exception cref="RecordStoreException">The file cannot be created, opened, migrated or written.</exception>
    public SqliteDecisionLog(string path)
    {
        _path = Path.GetFullPath(path);
        try
        {
            var directory = Path.GetDirectoryName(_path);
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new RecordStoreException($"the record store {_path} cannot be created: {e.Message}", e);
        }
        _connectionString = new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false, DefaultTimeout = 5 }.ToString();
        Migrate();
    }

    public override string Location => _path;

    protected override (string Id, string Real, string Int) Types => ("INTEGER PRIMARY KEY AUTOINCREMENT", "REAL", "INTEGER");

    protected override string WellTypedRelocation => """
        AND typeof(effector) = 'text'
        AND typeof(simulated_time) IN ('real', 'integer') AND typeof(latitude_rad) IN ('real', 'integer')
        AND typeof(longitude_rad) IN ('real', 'integer') AND typeof(height_m) IN ('real', 'integer')
        """;

    protected override DbConnection Connect()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var pragmas = connection.CreateCommand();
            pragmas.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;";
            pragmas.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>BEGIN IMMEDIATE: the write lock is taken at the start, so the journal's last entry cannot change under the writer.</summary>
    protected override DbTransaction BeginWrite(DbConnection connection) =>
        ((SqliteConnection)connection).BeginTransaction(IsolationLevel.Serializable, deferred: false);
}
