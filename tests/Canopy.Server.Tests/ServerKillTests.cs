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
/// passes. On SQLite and on the tests' private PostgreSQL.
/// </summary>
public abstract class ServerKillContract(ITestOutputHelper output)
{
    private const int Kills = 20;

    /// <summary>The record, as `serve --db` takes it.</summary>
    protected abstract string Database { get; }

    [Fact]
    public async Task Sigkill_AtTwentyRandomMoments_EveryAcknowledgedDecisionIsKeptAndTheLogVerifies()
    {
        var random = new Random(20261207);
        var acknowledged = new List<(string Run, int Recommendation, string Kind)>();
        var attempted = 0;
        var runs = new List<string>();
        for (var kill = 0; kill <= Kills; kill++)
        {
            var port = FreePort();
            using var server = StartServer(port);
            using var client = new ServerClient(port);
            var run = await WaitForRunAsync(client, server);
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
                break;
            }

            // Up to the first recommendation; then decide on everything proposed, stepping the clock, until the moment comes;
            // then SIGKILL, mid-request or not.
            for (var minute = 0; minute < 240 && (await client.PendingAsync(run)).Count == 0; minute++) await client.StepAsync(run, 30);
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
        }

        var (exit, verify) = CanopyProcess.Run("audit", "verify", Database);
        output.WriteLine($"{Kills} SIGKILLs: {attempted} decisions requested, {acknowledged.Count} acknowledged (200), all {acknowledged.Count} found after restart; audit verify: {verify.Trim()}");
        Assert.Equal(0, exit);
        Assert.True(acknowledged.Count >= Kills, $"only {acknowledged.Count} decisions acknowledged: the test did not exercise the record");
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
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "canopy.dll"), "serve", "scenarios/ballistic-salvo.yaml", "--port", $"{port}",
                     "--db", Database, "--mode", "manual" })
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The kill test on a SQLite file (WAL, synchronous commits).</summary>
public sealed class SqliteServerKillTests(ITestOutputHelper output) : ServerKillContract(output), IDisposable
{
    private readonly TempFolder _folder = new();

    protected override string Database => _folder.File("decisions.db");

    public void Dispose() => _folder.Dispose();
}

/// <summary>The kill test on a database of the tests' private PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresServerKillTests(PostgresServer server, ITestOutputHelper output) : ServerKillContract(output)
{
    private readonly string _url = server.NewDatabase();

    protected override string Database => _url;
}
