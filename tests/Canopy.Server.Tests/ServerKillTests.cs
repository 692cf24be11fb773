using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Canopy.Cli.Tests;
using Xunit.Abstractions;

namespace Canopy.Server.Tests;

/// <summary>
/// The real server process (`canopy serve`) on its own record, driven through decisions (approve or veto, chosen by a
/// seeded draw, on every recommendation while the clock is stepped) and killed with SIGKILL at 20 seeded random moments;
/// after each restart every decision whose request returned 200 is in the record, and at the end `canopy audit verify`
/// passes. On SQLite and on the tests' private PostgreSQL. The scenario is the ballistic salvo with 500 ms ticks: its first
/// recommendation comes about 150 simulated seconds in, a fifth of the work to get there at its own 100 ms.
/// </summary>
public abstract class ServerKillContract(ITestOutputHelper output) : IDisposable
{
    private const int Kills = 20;
    private readonly TempFolder _scenarios = new();

    /// <summary>The test's temporary folder (the scenario file is there).</summary>
    private protected TempFolder Folder => _scenarios;

    /// <summary>The record, as `serve --db` takes it.</summary>
    protected abstract string Database { get; }

    [Fact]
    public async Task Sigkill_AtTwentyRandomMoments_EveryAcknowledgedDecisionIsKeptAndTheLogVerifies()
    {
        var salvo = File.ReadAllText(Path.Combine(CanopyProcess.RepositoryRoot, "scenarios", "ballistic-salvo.yaml"));
        Assert.Contains("tick: 100 ms", salvo, StringComparison.Ordinal);
        File.WriteAllText(_scenarios.File("fast-salvo.yaml"), salvo.Replace("tick: 100 ms", "tick: 500 ms", StringComparison.Ordinal));
        var random = new Random(20261207);
        var acknowledged = new List<(string Run, int Recommendation, string Kind)>();
        var attempted = 0;
        var runs = new List<string>();
        var starting = new Stopwatch();
        var stepping = new Stopwatch();
        // One life of the server: check the record, then (but for the last) decide until the seeded moment and SIGKILL it.
        // False after the last.
        async Task<bool> Round(int kill, int port, Process server)
        {
            using var client = new ServerClient(port);
            starting.Start();
            var run = await WaitForRunAsync(client, server);
            starting.Stop();
            runs.Add(run);
            foreach (var group in acknowledged.GroupBy(a => a.Run))
            {
                var found = (await client.DecisionsAsync(group.Key)).ToHashSet();
                Assert.All(group, a => Assert.Contains((a.Recommendation, a.Kind), found));
            }
            if (kill == Kills)
            {
                var recorded = 0;
                foreach (var r in runs) recorded += (await client.DecisionsAsync(r)).Count;
                output.WriteLine($"{recorded} decisions in the record: {acknowledged.Count} acknowledged, {recorded - acknowledged.Count} written but killed before the answer");
                return false;
            }

            // Up to the first recommendation; then decide on everything proposed, stepping the clock, until the moment comes;
            // then SIGKILL, mid-request or not.
            stepping.Start();
            for (var minute = 0; minute < 240 && (await client.PendingAsync(run)).Count == 0; minute++) await client.StepAsync(run, 30);
            stepping.Stop();
            using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(random.Next(200, 1500)));
            var seed = random.Next();
            var decided = await Task.Run(async () =>
            {
                var draws = new Random(seed);
                var mine = new List<(string, int, string)>();
                try
                {
                    while (!stop.IsCancellationRequested)
                    {
                        await client.StepAsync(run, 5);
                        foreach (var recommendation in await client.PendingAsync(run))
                        {
                            if (stop.IsCancellationRequested) break;
                            var approve = draws.NextDouble() < 0.7;
                            Interlocked.Increment(ref attempted);
                            if (await client.DecideAsync(run, recommendation, approve)) mine.Add((run, recommendation, approve ? "Approve" : "Veto"));
                        }
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    // the server died under the request: not acknowledged
                }
                return mine;
            });
            server.Kill(); // SIGKILL
            await server.WaitForExitAsync();
            acknowledged.AddRange(decided);
            return true;
        }

        for (var kill = 0; kill <= Kills; kill++)
        {
            var port = FreePort();
            using var server = StartServer(port);
            try
            {
                if (!await Round(kill, port, server)) break;
            }
            finally
            {
                if (!server.HasExited) server.Kill(); // the last server, or one left by a failure: never left running
                await server.WaitForExitAsync();
            }
        }

        var (exit, verify) = CanopyProcess.Run("audit", "verify", Database);
        output.WriteLine($"{Kills} SIGKILLs: {attempted} decisions requested, {acknowledged.Count} acknowledged (200), all {acknowledged.Count} found after restart; audit verify: {verify.Trim()}; " +
                           $"wall {starting.Elapsed.TotalSeconds:0} s starting servers, {stepping.Elapsed.TotalSeconds:0} s stepping to the first recommendation");
        Assert.Equal(0, exit);
        Assert.True(acknowledged.Count >= Kills, $"only {acknowledged.Count} decisions acknowledged: the test did not exercise the record");
    }

    /// <summary>The file of the administrator's password, written once.</summary>
    private string AdminPasswordFile()
    {
        var path = _scenarios.File("admin-password");
        if (!File.Exists(path)) File.WriteAllText(path, ServerClient.AdminPassword);
        return path;
    }

    private Process StartServer(int port)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = CanopyProcess.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["DOTNET_TieredPGO"] = "0"; // a short-lived server: no profiling overhead at start
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "canopy.dll"), "serve", _scenarios.File("fast-salvo.yaml"), "--port", $"{port}",
                     "--db", Database, "--mode", "manual", "--accounts", _scenarios.File("accounts.db"), "--admin-password-file", AdminPasswordFile() })
            psi.ArgumentList.Add(a);
        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.WriteLine("serve: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<string> WaitForRunAsync(ServerClient client, Process server)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (server.HasExited) throw new InvalidOperationException($"canopy serve exited with {server.ExitCode}");
            if (await client.CurrentRunAsync() is { } run) return run;
            await Task.Delay(100);
        }
        server.Kill();
        throw new TimeoutException("canopy serve did not answer in 90 s");
    }

    public void Dispose()
    {
        _scenarios.Dispose();
        GC.SuppressFinalize(this);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The kill test on a SQLite file (WAL, synchronous commits).</summary>
public sealed class SqliteServerKillTests(ITestOutputHelper output) : ServerKillContract(output)
{
    protected override string Database => Folder.File("decisions.db");
}

/// <summary>The kill test on a database of the tests' private PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresServerKillTests(PostgresServer server, ITestOutputHelper output) : ServerKillContract(output)
{
    private readonly string _url = server.NewDatabase();

    protected override string Database => _url;
}
