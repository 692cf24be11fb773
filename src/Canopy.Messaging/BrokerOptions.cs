namespace Canopy.Messaging;

/// <summary>How to start a <see cref="PrivateBroker"/>.</summary>
/// <param name="Port">AMQP port on 127.0.0.1; null: a free one.</param>
/// <param name="Users">Accounts to create at boot besides the launcher's administrator (e.g. one per nation).</param>
/// <param name="Exchanges">Exchanges to declare at boot (so that users without configure rights on them can bind to them).</param>
/// <param name="StartTimeout">How long to wait for the broker to accept connections (boot takes 5 to 90 s on a loaded machine).</param>
/// <param name="ServerScript">RabbitMQ's own start script (Debian: /usr/lib/rabbitmq/bin/rabbitmq-server); run directly, as the
/// calling user, so no user switch is needed and every file stays in the instance's folder.</param>
public sealed record BrokerOptions(
    int? Port = null,
    IReadOnlyList<BrokerUser>? Users = null,
    IReadOnlyList<BrokerExchange>? Exchanges = null,
    TimeSpan? StartTimeout = null,
    string ServerScript = BrokerOptions.DebianServerScript)
{
    public const string DebianServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";

    public TimeSpan Timeout => StartTimeout ?? TimeSpan.FromSeconds(180);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (Port is < 1024 or > 65535) problems.Add($"broker port {Port} is not between 1024 and 65535");
        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(30)) problems.Add("broker start timeout must be between 0 and 30 minutes");
        foreach (var u in Users ?? []) problems.AddRange(u.Validate());
        var duplicate = (Users ?? []).GroupBy(u => u.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) problems.Add($"broker user '{duplicate.Key}' is given twice");
        if (!File.Exists(ServerScript))
            problems.Add($"{ServerScript} not found: install Debian's rabbitmq-server (scripts/setup.sh) or use --broker with a running broker");
        return problems;
    }
}

/// <summary>An exchange declared at boot: type is fanout, direct or topic; not durable (the data folder is scratch).</summary>
public sealed record BrokerExchange(string Name, string Type = "topic");
