using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using RabbitMQ.Client;

namespace Canopy.Messaging;

/// <summary>
/// A RabbitMQ node of its own (Debian's rabbitmq-server) on 127.0.0.1: AMQP, Erlang distribution and epmd ports all bound
/// to loopback, data, logs and Erlang cookie in the given folder, users and exchanges loaded from a definitions file at
/// boot. Disposing stops it (SIGTERM, then kill) and its epmd. For tests, `canopy shield` and planning workers.
/// </summary>
public sealed class PrivateBroker : IAsyncDisposable
{
    private const string AdminName = "canopy-admin";
    private readonly Process _server;
    private readonly BoundedLog _output;
    private int _stopped;

    private PrivateBroker(string folder, string nodeName, int port, int distPort, int epmdPort, string adminPassword, Process server, BoundedLog output)
    {
        Folder = folder;
        NodeName = nodeName;
        Port = port;
        DistributionPort = distPort;
        EpmdPort = epmdPort;
        AdminPassword = adminPassword;
        _server = server;
        _output = output;
    }

    /// <summary>The instance's folder: data (mnesia), logs, cookie, configuration.</summary>
    public string Folder { get; }

    /// <summary>Erlang node name, e.g. canopy41234@localhost (for rabbitmqctl -n).</summary>
    public string NodeName { get; }

    public int Port { get; }
    public int DistributionPort { get; }
    public int EpmdPort { get; }
    private string AdminPassword { get; }

    /// <summary>The administrator's URI (full rights): amqp://canopy-admin:…@127.0.0.1:port/.</summary>
    public Uri AmqpUri => UriFor(AdminName, AdminPassword);

    /// <summary>The broker's address without credentials.</summary>
    public Uri Address => new(string.Create(CultureInfo.InvariantCulture, $"amqp://127.0.0.1:{Port}/"));

    /// <summary>The URI of one of the users given at start.</summary>
    public Uri UriFor(BrokerUser user) => UriFor(user.Name, user.Password);

    private Uri UriFor(string user, string password) =>
        new(string.Create(CultureInfo.InvariantCulture, $"amqp://{Uri.EscapeDataString(user)}:{Uri.EscapeDataString(password)}@127.0.0.1:{Port}/"));

    /// <summary>The Erlang VM's process (beam.smp) id, for CPU figures; null when not found.</summary>
    public int? BeamProcessId => ProcessTree.Find(_server.Id, "beam.smp");

    public bool HasExited => _server.HasExited;

    /// <summary>Starts a node in <paramref name="folder"/> (created if missing) and waits until it accepts AMQP connections.</summary>
    public static async Task<PrivateBroker> StartAsync(string folder, BrokerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new BrokerOptions();
        var problems = options.Validate();
        if (problems.Count > 0) throw new InvalidOperationException(string.Join("; ", problems));
        folder = Path.GetFullPath(folder);
        foreach (var sub in new[] { "", "mnesia", "log", "home" }) Directory.CreateDirectory(Path.Combine(folder, sub));
        var port = options.Port ?? FreePort();
        var distPort = FreePort(port);
        var epmdPort = FreePort(port, distPort);
        var node = string.Create(CultureInfo.InvariantCulture, $"canopy{port}@localhost");
        var adminPassword = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var users = new List<BrokerUser> { BrokerUser.Admin(AdminName, adminPassword) };
        users.AddRange(options.Users ?? []);
        var definitions = Path.Combine(folder, "definitions.json");
        await File.WriteAllTextAsync(definitions, Definitions(users, options.Exchanges ?? []), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(folder, "rabbitmq.conf"),
            $"load_definitions = {definitions}\nlog.console = false\nlog.file.level = warning\n", cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(folder, "enabled_plugins"), "[].\n", cancellationToken).ConfigureAwait(false);

        var start = new ProcessStartInfo(options.ServerScript)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        foreach (var (k, v) in Environment(folder, node, port, distPort, epmdPort)) start.Environment[k] = v;
        var output = new BoundedLog(40);
        var server = Process.Start(start) ?? throw new InvalidOperationException($"could not start {options.ServerScript}");
        server.OutputDataReceived += (_, e) => output.Add(e.Data);
        server.ErrorDataReceived += (_, e) => output.Add(e.Data);
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        var broker = new PrivateBroker(folder, node, port, distPort, epmdPort, adminPassword, server, output);
        try
        {
            await broker.WaitReadyAsync(options.Timeout, cancellationToken).ConfigureAwait(false);
            return broker;
        }
        catch
        {
            await broker.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The environment RabbitMQ's scripts read (also for rabbitmqctl against this node).</summary>
    public IReadOnlyDictionary<string, string> Environment() => Environment(Folder, NodeName, Port, DistributionPort, EpmdPort);

    private static Dictionary<string, string> Environment(string folder, string node, int port, int distPort, int epmdPort)
    {
        const string loopbackOnly = "-kernel inet_dist_use_interface {127,0,0,1}";
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["HOME"] = Path.Combine(folder, "home"), // the Erlang cookie is $HOME/.erlang.cookie
            ["RABBITMQ_NODENAME"] = node,
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = distPort.ToString(CultureInfo.InvariantCulture),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["ERL_EPMD_PORT"] = epmdPort.ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = loopbackOnly,
            ["RABBITMQ_CTL_ERL_ARGS"] = loopbackOnly,
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(folder, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(folder, "log"),
            ["RABBITMQ_PID_FILE"] = Path.Combine(folder, "rabbitmq.pid"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(folder, "enabled_plugins"),
            ["RABBITMQ_FEATURE_FLAGS_FILE"] = Path.Combine(folder, "feature_flags"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(folder, "rabbitmq"),
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(folder, "advanced.config"),
            ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(folder, "rabbitmq-env.conf"),
        };
    }

    private static string Definitions(IReadOnlyList<BrokerUser> users, IReadOnlyList<BrokerExchange> exchanges) => JsonSerializer.Serialize(new
    {
        rabbit_version = "3.10.8",
        users = users.Select(u => new
        {
            name = u.Name,
            password_hash = PasswordHash.Sha256(u.Password),
            hashing_algorithm = "rabbit_password_hashing_sha256",
            tags = u.Administrator ? "administrator" : "",
        }),
        vhosts = new[] { new { name = "/" } },
        permissions = users.Select(u => new { user = u.Name, vhost = "/", configure = u.Configure, write = u.Write, read = u.Read }),
        topic_permissions = Array.Empty<object>(),
        parameters = Array.Empty<object>(),
        global_parameters = Array.Empty<object>(),
        policies = Array.Empty<object>(),
        queues = Array.Empty<object>(),
        exchanges = exchanges.Select(e => new
        {
            name = e.Name, vhost = "/", type = e.Type, durable = true, auto_delete = false, @internal = false, arguments = new { },
        }),
        bindings = Array.Empty<object>(),
    });

    private async Task WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var factory = new ConnectionFactory { Uri = AmqpUri, RequestedConnectionTimeout = TimeSpan.FromSeconds(5) };
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_server.HasExited)
                throw new InvalidOperationException($"rabbitmq-server exited with code {_server.ExitCode} (logs in {Folder}/log): {_output}");
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"rabbitmq-server did not accept connections on 127.0.0.1:{Port} within {timeout.TotalSeconds:0} s (logs in {Folder}/log): {_output}");
            if (await PortOpenAsync(Port, cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await using var connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
                    return;
                }
                catch (RabbitMQ.Client.Exceptions.BrokerUnreachableException)
                {
                    // booting: the listener is up before the definitions are in
                }
            }
            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<bool> PortOpenAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>A port free on 127.0.0.1 now (the kernel's choice), not one of <paramref name="taken"/>.</summary>
    public static int FreePort(params int[] taken)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (!taken.Contains(port)) return port;
        }
        throw new InvalidOperationException("no free port on 127.0.0.1");
    }

    /// <summary>Stops the node: SIGTERM (RabbitMQ shuts down cleanly), kill after <paramref name="grace"/>; then its epmd.</summary>
    public async Task StopAsync(TimeSpan? grace = null)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1) return;
        try
        {
            if (!_server.HasExited)
            {
                if (BeamProcessId is { } beam) await RunAsync("kill", ["-TERM", beam.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(5)).ConfigureAwait(false);
                using var wait = new CancellationTokenSource(grace ?? TimeSpan.FromSeconds(20));
                try
                {
                    await _server.WaitForExitAsync(wait.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    _server.Kill(entireProcessTree: true);
                    await _server.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            await RunAsync("epmd", ["-port", EpmdPort.ToString(CultureInfo.InvariantCulture), "-kill"], TimeSpan.FromSeconds(10),
                new Dictionary<string, string> { ["ERL_EPMD_ADDRESS"] = "127.0.0.1" }).ConfigureAwait(false);
        }
    }

    /// <summary>Kills the node at once (SIGKILL to its whole process tree), as a crash would; its epmd too.</summary>
    public async Task KillAsync()
    {
        if (!_server.HasExited) _server.Kill(entireProcessTree: true);
        await StopAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
    }

    /// <summary>Runs rabbitmqctl against this node; returns its exit code and output.</summary>
    public async Task<(int ExitCode, string Output)> CtlAsync(IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var ctl = Path.Combine(Path.GetDirectoryName(BrokerOptions.DebianServerScript)!, "rabbitmqctl");
        return await RunAsync(ctl, ["-n", NodeName, .. arguments], timeout, Environment()).ConfigureAwait(false);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, IReadOnlyList<string> arguments, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        using var process = Process.Start(start);
        if (process is null) return (-1, $"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{file} timed out after {timeout.TotalSeconds:0} s");
        }
        return (process.ExitCode, await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _server.Dispose();
    }
}
