using Microsoft.Data.Sqlite;

namespace Canopy.Server.Tests;

/// <summary>A temporary folder for SQLite files, deleted (after the connection pools are cleared) when disposed.</summary>
internal sealed class TempFolder : IDisposable
{
    private readonly string _path = Directory.CreateTempSubdirectory("canopy-server-tests-").FullName;

    /// <summary>The path of a file in the folder.</summary>
    public string File(string name) => Path.Combine(_path, name);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_path, recursive: true);
    }
}
