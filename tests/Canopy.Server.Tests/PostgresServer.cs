using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Canopy.Server.Tests;

/// <summary>
/// A private PostgreSQL 15 (Debian's, installed by scripts/setup.sh) for the tests: a new cluster in a temporary folder
/// owned by the `postgres` user (the server refuses to run as root), on a free loopback port, trust authentication for
/// the user `canopy`; stopped and deleted at the end. If it cannot start, every test that uses it fails with the reason.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private readonly string _folder;
    private int _databases;

    public PostgresServer()
    {
        if (!File.Exists(Path.Combine(Bin, "initdb")))
            throw new InvalidOperationException($"PostgreSQL 15 is not installed ({Bin}/initdb missing): run scripts/setup.sh");
        _folder = Directory.CreateTempSubdirectory("canopy-pg-").FullName;
        Port = FreePort();
        if (Environment.UserName == "root") Run("chown", "postgres:postgres", _folder);
        var data = Path.Combine(_folder, "data");
        AsPostgres(Path.Combine(Bin, "initdb"), "-D", data, "-U", "canopy", "-A", "trust", "-E", "UTF8", "--no-sync");
        AsPostgres(Path.Combine(Bin, "pg_ctl"), "-D", data, "-l", Path.Combine(_folder, "log"), "-w", "-t", "60",
            "-o", $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=on", "start");
    }

    public int Port { get; }

    /// <summary>A new, empty database on the server, as the URL `serve --db` takes.</summary>
    public string NewDatabase()
    {
        var name = $"t{Interlocked.Increment(ref _databases)}";
        using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={Port};Username=canopy;Database=postgres;Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        command.ExecuteNonQuery();
        return $"postgres://canopy@127.0.0.1:{Port}/{name}";
    }

    /// <summary>Runs SQL on a database with Debian's psql (an independent client, as an intruder would).</summary>
    public void Psql(string url, string sql) =>
        Run("psql", "-v", "ON_ERROR_STOP=1", "-q", "-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", "canopy",
            "-d", new Uri(url).AbsolutePath.Trim('/'), "-c", sql);

    public void Dispose()
    {
        try
        {
            AsPostgres(Path.Combine(Bin, "pg_ctl"), "-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private void AsPostgres(params string[] command)
    {
        if (Environment.UserName == "root") Run("runuser", ["-u", "postgres", "--", .. command]);
        else Run(command[0], command[1..]);
    }

    internal static string Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"{file} did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in 2 minutes");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed (exit {process.ExitCode}): {stdout}{stderr.Result}");
        return stdout;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The tests that share one private PostgreSQL.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
