using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Canopy.Federation.Messages;
using Canopy.Federation.Node;
using Canopy.Federation.Transport;
using Canopy.Federation.Trust;
using Canopy.Messaging;
using Canopy.Scenarios.Model;

namespace Canopy.Federation.Hosting;

/// <summary>What <c>canopy shield</c> starts.</summary>
/// <param name="Command">How to run canopy itself (e.g. dotnet and canopy.dll).</param>
/// <param name="Folder">Where the broker's data, the keys and the logs go (e.g. .canopy/shield).</param>
/// <param name="FirstConsolePort">The first nation's console port on 127.0.0.1; the next ones follow.</param>
public sealed record ShieldOptions(IReadOnlyList<string> Command, string ScenarioPath, int Seed, string Folder, int FirstConsolePort = 8601,
    int? BrokerPort = null, double Pace = 0);

/// <summary>A node's console address.</summary>
public sealed record NodeAddress(string Nation, Uri Console, string Log);

/// <summary>
/// Starts a whole federation on one machine: a private broker with a user per nation (random passwords, handed to each
/// process in its environment, never on a command line), a key per nation, then the nodes and the world as separate
/// canopy processes. Disposing stops them all and the broker.
/// </summary>
public sealed class ShieldLauncher : IAsyncDisposable
{
    private readonly List<Process> _processes = [];

    private ShieldLauncher(PrivateBroker broker, IReadOnlyList<NodeAddress> nodes, string worldLog)
    {
        Broker = broker;
        Nodes = nodes;
        WorldLog = worldLog;
    }

    public PrivateBroker Broker { get; }
    public IReadOnlyList<NodeAddress> Nodes { get; }
    public string WorldLog { get; }
    private Process? World { get; set; }

    public static async Task<ShieldLauncher> StartAsync(Scenario scenario, ShieldOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        var nations = NationNode.NationsOf(scenario);
        var folder = Path.GetFullPath(options.Folder);
        var keys = new NationKeys(Path.Combine(folder, "keys"));
        foreach (var n in nations.Append(MessageCodec.WorldNation)) keys.LoadOrCreatePrivate(n).Dispose();
        var users = nations.ToDictionary(n => n, n => FederationTopology.NationUser(n, Password()), StringComparer.Ordinal);
        users[MessageCodec.WorldNation] = FederationTopology.WorldBrokerUser(Password());
        var broker = await PrivateBroker.StartAsync(Path.Combine(folder, "broker"),
            new BrokerOptions(options.BrokerPort, [.. users.Values], FederationTopology.Exchanges(nations)), cancellationToken).ConfigureAwait(false);
        var logs = Path.Combine(folder, "logs");
        Directory.CreateDirectory(logs);
        var nodes = nations.Select((n, i) => new NodeAddress(n,
            new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{options.FirstConsolePort + i}/")), Path.Combine(logs, $"{n}.log"))).ToList();
        var launcher = new ShieldLauncher(broker, nodes, Path.Combine(logs, "world.log"));
        try
        {
            foreach (var node in nodes)
                launcher.Spawn(options.Command, ["node", "--nation", node.Nation, "--scenario", options.ScenarioPath, "--port",
                    node.Console.Port.ToString(CultureInfo.InvariantCulture), "--keys", keys.Folder], broker.UriFor(users[node.Nation]), node.Log);
            launcher.World = launcher.Spawn(options.Command, ["world", "--scenario", options.ScenarioPath, "--seed",
                options.Seed.ToString(CultureInfo.InvariantCulture), "--keys", keys.Folder, "--pace",
                options.Pace.ToString(CultureInfo.InvariantCulture)], broker.UriFor(users[MessageCodec.WorldNation]), launcher.WorldLog);
            return launcher;
        }
        catch
        {
            await launcher.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Waits for the world to finish the night; returns its exit code.</summary>
    public async Task<int> WaitForWorldAsync(CancellationToken cancellationToken)
    {
        if (World is null) return -1;
        await World.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return World.ExitCode;
    }

    private Process Spawn(IReadOnlyList<string> command, IReadOnlyList<string> arguments, Uri brokerUri, string log)
    {
        var start = new ProcessStartInfo(command[0]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in command.Skip(1).Concat(arguments)) start.ArgumentList.Add(a);
        start.Environment["CANOPY_BROKER"] = brokerUri.ToString();
        start.Environment["COLUMNS"] = "160";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command[0]}");
        var writer = new StreamWriter(log, append: false) { AutoFlush = true };
        var gate = new Lock();
        void Write(string? line)
        {
            if (line is null) return;
            lock (gate) writer.WriteLine(line);
        }
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.Exited += (_, _) =>
        {
            lock (gate) writer.Dispose();
        };
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
        return process;
    }

    private static string Password() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    public async ValueTask DisposeAsync()
    {
        foreach (var p in _processes)
        {
            try
            {
                if (!p.HasExited) p.Kill(entireProcessTree: true);
                await p.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                // never started or already reaped
            }
            p.Dispose();
        }
        await Broker.DisposeAsync().ConfigureAwait(false);
    }
}
