using System.Diagnostics;
using System.Globalization;
using System.Text;
using Canopy.Messaging;
using RabbitMQ.Client;

namespace Canopy.Messaging.Tests;

/// <summary>One private broker for the class (boot takes seconds to a minute on a loaded machine), stopped at the end.</summary>
public sealed class BrokerFixture : IAsyncLifetime
{
    public static readonly BrokerUser Alpha = Nation("AA", "alpha-password-1");
    public static readonly BrokerUser Bravo = Nation("BB", "bravo-password-2");

    // configure and write its own queues, write its own exchange, read every nation's exchange and its own queues
    private static BrokerUser Nation(string code, string password) => new("nation-" + code, password, $"^canopy\\.to\\.{code}\\..*$",
        $"^(canopy\\.from\\.{code}|canopy\\.to\\.{code}\\..*)$", $"^(canopy\\.from\\..*|canopy\\.to\\.{code}\\..*)$");

    public PrivateBroker Broker { get; private set; } = null!;
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "canopy-broker-test-" + Guid.NewGuid().ToString("N")[..8]);

    public async Task InitializeAsync() => Broker = await PrivateBroker.StartAsync(Folder, new BrokerOptions(
        Users: [Alpha, Bravo], Exchanges: [new BrokerExchange("canopy.from.AA"), new BrokerExchange("canopy.from.BB")]));

    public async Task DisposeAsync()
    {
        await Broker.DisposeAsync();
        Directory.Delete(Folder, recursive: true);
    }
}

public sealed class PrivateBrokerTests(BrokerFixture fixture) : IClassFixture<BrokerFixture>
{
    private PrivateBroker Broker => fixture.Broker;

    [Fact]
    public void Every_port_of_the_broker_listens_on_loopback_only()
    {
        var ss = Process.Start(new ProcessStartInfo("ss", "-ltnH") { RedirectStandardOutput = true, UseShellExecute = false })!;
        var lines = ss.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        ss.WaitForExit();
        foreach (var port in new[] { Broker.Port, Broker.DistributionPort, Broker.EpmdPort })
        {
            var local = lines.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3])
                .Where(a => a.EndsWith(":" + port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(local); // the port is listening ...
            Assert.All(local, a => Assert.True(a.StartsWith("127.0.0.1:", StringComparison.Ordinal) || a.StartsWith("[::1]:", StringComparison.Ordinal),
                $"port {port} listens on {a}")); // ... on loopback only, never 0.0.0.0 or [::]
        }
        Assert.NotNull(Broker.BeamProcessId);
    }

    [Fact]
    public async Task A_user_publishes_to_its_own_exchange_and_a_partner_receives_it()
    {
        await using var bravo = await Connect(BrokerFixture.Bravo);
        await using var bravoChannel = await bravo.CreateChannelAsync();
        var queue = (await bravoChannel.QueueDeclareAsync("canopy.to.BB.test", durable: false, exclusive: true, autoDelete: true)).QueueName;
        await bravoChannel.QueueBindAsync(queue, "canopy.from.AA", "#");

        await using var alpha = await Connect(BrokerFixture.Alpha);
        await using var channel = await alpha.CreateChannelAsync(new CreateChannelOptions(true, true));
        await channel.BasicPublishAsync("canopy.from.AA", "tracks", true, new BasicProperties { UserId = BrokerFixture.Alpha.Name },
            Encoding.UTF8.GetBytes("hello"));

        BasicGetResult? got = null;
        for (var i = 0; i < 100 && got is null; i++)
        {
            got = await bravoChannel.BasicGetAsync(queue, autoAck: true);
            if (got is null) await Task.Delay(50);
        }
        Assert.NotNull(got);
        Assert.Equal("hello", Encoding.UTF8.GetString(got.Body.Span));
        Assert.Equal(BrokerFixture.Alpha.Name, got.BasicProperties.UserId);
    }

    [Fact]
    public async Task A_user_cannot_publish_to_another_nations_exchange()
    {
        await using var alpha = await Connect(BrokerFixture.Alpha);
        var channel = await alpha.CreateChannelAsync(new CreateChannelOptions(true, true));
        await Assert.ThrowsAnyAsync<Exception>(async () =>
            await channel.BasicPublishAsync("canopy.from.BB", "tracks", true, new BasicProperties(), Encoding.UTF8.GetBytes("forged")));
        Assert.Equal(403, await CloseCode(channel)); // ACCESS_REFUSED
    }

    [Fact]
    public async Task A_user_cannot_claim_another_users_identity()
    {
        await using var alpha = await Connect(BrokerFixture.Alpha);
        var channel = await alpha.CreateChannelAsync(new CreateChannelOptions(true, true));
        await Assert.ThrowsAnyAsync<Exception>(async () =>
            await channel.BasicPublishAsync("canopy.from.AA", "tracks", true, new BasicProperties { UserId = BrokerFixture.Bravo.Name },
                Encoding.UTF8.GetBytes("as bravo")));
        Assert.Equal(406, await CloseCode(channel)); // PRECONDITION_FAILED: user_id property is not the connection's user
    }

    [Fact]
    public async Task A_wrong_password_is_refused()
    {
        var factory = new ConnectionFactory { Uri = Broker.UriFor(BrokerFixture.Alpha with { Password = "not-the-password" }) };
        await Assert.ThrowsAnyAsync<Exception>(async () => await factory.CreateConnectionAsync());
    }

    private Task<IConnection> Connect(BrokerUser user) => new ConnectionFactory { Uri = Broker.UriFor(user) }.CreateConnectionAsync();

    private static async Task<int> CloseCode(IChannel channel)
    {
        for (var i = 0; i < 100 && channel.CloseReason is null; i++) await Task.Delay(50);
        return channel.CloseReason?.ReplyCode ?? 0;
    }
}
