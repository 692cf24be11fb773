using System.Threading.Channels;
using Canopy.Federation.Messages;
using Canopy.Federation.Trust;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Canopy.Federation.Transport;

/// <summary>Where a party (a nation's node or the world) connects, what it reads, and how it reconnects.</summary>
/// <param name="Party">Nation code, or <see cref="MessageCodec.WorldNation"/> for the world.</param>
/// <param name="Sources">Exchanges to bind the party's queue to, with their binding key ("#" for all).</param>
/// <param name="MinBackoff">First wait before reconnecting; doubles to <paramref name="MaxBackoff"/>.</param>
public sealed record LinkOptions(
    Uri Broker, string Party, IReadOnlyList<(string Exchange, string Key)> Sources, TimeSpan MinBackoff, TimeSpan MaxBackoff)
{
    public static LinkOptions For(Uri broker, string party, IReadOnlyList<(string Exchange, string Key)> sources) =>
        new(broker, party, sources, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
}

/// <summary>
/// One party's connection to the federation broker: an exclusive queue bound to its sources, every delivery passed through
/// the fault injector (tests) and the verifier, verified messages out on <see cref="Received"/> in order. Publishes signed
/// envelopes with the broker user's user-id. Reconnects with exponential backoff while running; <see cref="Connected"/>
/// and <see cref="Connections"/> tell the link's state.
/// </summary>
public sealed class FederationLink : IAsyncDisposable
{
    private readonly LinkOptions _options;
    private readonly EnvelopeSigner _signer;
    private readonly EnvelopeVerifier _verifier;
    private readonly LinkFaultInjector? _faults;
    private readonly Channel<VerifiedMessage> _received = Channel.CreateUnbounded<VerifiedMessage>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<(byte[] Body, string Exchange)> _inbox = Channel.CreateUnbounded<(byte[], string)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim _publish = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _user;
    private IConnection? _connection;
    private IChannel? _channel;
    private Task? _loop;
    private Task? _pump;
    private long _published, _publishFailures, _connections;

    public FederationLink(LinkOptions options, EnvelopeSigner signer, EnvelopeVerifier verifier, LinkFaultInjector? faults = null)
    {
        _options = options;
        _signer = signer;
        _verifier = verifier;
        _faults = faults;
        _user = Uri.UnescapeDataString(options.Broker.UserInfo.Split(':')[0]);
    }

    public ChannelReader<VerifiedMessage> Received => _received.Reader;
    public TrustCounters Counters => _verifier.Counters;
    public LinkFaultInjector? Faults => _faults;
    public bool Connected => _channel is { IsOpen: true };

    /// <summary>Successful connections so far (more than one: it reconnected).</summary>
    public long Connections => Interlocked.Read(ref _connections);

    public long Published => Interlocked.Read(ref _published);
    public long PublishFailures => Interlocked.Read(ref _publishFailures);
    public string? LastError { get; private set; }

    /// <summary>Raised (on the link's thread) after each successful (re)connection, e.g. to ask partners for snapshots.</summary>
    public event Func<Task>? ConnectedAsync;

    public void Start()
    {
        _loop ??= Task.Run(() => RunAsync(_stop.Token));
        _pump ??= Task.Run(() => PumpAsync(_stop.Token));
    }

    /// <summary>Waits until connected (or the timeout: false).</summary>
    public async Task<bool> WaitConnectedAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var until = DateTime.UtcNow + timeout;
        while (!Connected && DateTime.UtcNow < until) await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        return Connected;
    }

    /// <summary>Signs and publishes <paramref name="payload"/>; false when the link is down (the message is lost, counted).</summary>
    public Task<bool> PublishAsync(object payload) =>
        PublishRawAsync(FederationTopology.NationExchange(_signer.Nation), FederationTopology.RoutingKey(MessageCodec.TypeOf(payload)),
            _signer.Seal(payload).ToBytes());

    /// <summary>Signs and publishes to <paramref name="exchange"/> (the world's per-nation exchanges).</summary>
    public Task<bool> PublishToAsync(string exchange, object payload) =>
        PublishRawAsync(exchange, FederationTopology.RoutingKey(MessageCodec.TypeOf(payload)), _signer.Seal(payload).ToBytes());

    /// <summary>Publishes bytes as they are (tests: forged, replayed or garbage messages).</summary>
    public async Task<bool> PublishRawAsync(string exchange, string routingKey, byte[] body)
    {
        var channel = _channel;
        if (channel is not { IsOpen: true })
        {
            Interlocked.Increment(ref _publishFailures);
            return false;
        }
        await _publish.WaitAsync().ConfigureAwait(false);
        try
        {
            await channel.BasicPublishAsync(exchange, routingKey, false, new BasicProperties { UserId = _user }, body).ConfigureAwait(false);
            Interlocked.Increment(ref _published);
            return true;
        }
        catch (Exception e) when (e is AlreadyClosedException or OperationInterruptedException or ObjectDisposedException or IOException)
        {
            Interlocked.Increment(ref _publishFailures);
            LastError = e.Message;
            return false;
        }
        finally
        {
            _publish.Release();
        }
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var backoff = _options.MinBackoff;
        var factory = new ConnectionFactory
        {
            Uri = _options.Broker,
            AutomaticRecoveryEnabled = false, // the loop below reconnects, and the node resynchronises after each connection
            RequestedHeartbeat = TimeSpan.FromSeconds(5),
            RequestedConnectionTimeout = TimeSpan.FromSeconds(5),
            ClientProvidedName = $"canopy-{_options.Party}",
        };
        while (!ct.IsCancellationRequested)
        {
            var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            try
            {
                _connection = await factory.CreateConnectionAsync(ct).ConfigureAwait(false);
                _connection.ConnectionShutdownAsync += (_, _) =>
                {
                    closed.TrySetResult();
                    return Task.CompletedTask;
                };
                var channel = await _connection.CreateChannelAsync(cancellationToken: ct).ConfigureAwait(false);
                channel.ChannelShutdownAsync += (_, _) =>
                {
                    closed.TrySetResult();
                    return Task.CompletedTask;
                };
                var queue = FederationTopology.QueuePrefix(_options.Party) + Guid.NewGuid().ToString("N")[..12];
                await channel.QueueDeclareAsync(queue, durable: false, exclusive: true, autoDelete: true, cancellationToken: ct).ConfigureAwait(false);
                foreach (var (exchange, key) in _options.Sources)
                    await channel.QueueBindAsync(queue, exchange, key, cancellationToken: ct).ConfigureAwait(false);
                var consumer = new AsyncEventingBasicConsumer(channel);
                consumer.ReceivedAsync += (_, ea) =>
                {
                    _inbox.Writer.TryWrite((ea.Body.ToArray(), ea.Exchange));
                    return Task.CompletedTask;
                };
                await channel.BasicConsumeAsync(queue, autoAck: true, consumer, ct).ConfigureAwait(false);
                _channel = channel;
                Interlocked.Increment(ref _connections);
                backoff = _options.MinBackoff;
                LastError = null;
                if (ConnectedAsync is { } handler) await handler().ConfigureAwait(false);
                await closed.Task.WaitAsync(ct).ConfigureAwait(false);
                LastError = _connection.CloseReason?.ReplyText ?? "connection closed";
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is BrokerUnreachableException or OperationInterruptedException or AlreadyClosedException
                or IOException or System.Net.Sockets.SocketException or TimeoutException or ConnectFailureException)
            {
                LastError = e.Message;
            }
            _channel = null;
            await CloseQuietlyAsync().ConfigureAwait(false);
            try
            {
                await Task.Delay(backoff, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
        }
    }

    /// <summary>Faults (in order, each copy after its delay), then the verifier; verified messages go out in arrival order.</summary>
    private async Task PumpAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var (body, exchange) in _inbox.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                var deliveredFor = FederationTopology.PublisherOf(exchange);
                if (_faults is null)
                {
                    Deliver(body, deliveredFor);
                    continue;
                }
                foreach (var (copy, delay) in _faults.Apply(body))
                {
                    if (delay > TimeSpan.Zero) await Task.Delay(delay, ct).ConfigureAwait(false);
                    Deliver(copy, deliveredFor);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    private void Deliver(byte[] body, string? deliveredFor)
    {
        if (_verifier.Verify(body, deliveredFor) is { } message) _received.Writer.TryWrite(message);
    }

    private async Task CloseQuietlyAsync()
    {
        var connection = _connection;
        _connection = null;
        if (connection is null) return;
        try
        {
            await connection.CloseAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AlreadyClosedException or OperationInterruptedException or IOException or ObjectDisposedException)
        {
            // already gone
        }
        connection.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await CloseQuietlyAsync().ConfigureAwait(false);
        foreach (var task in new[] { _loop, _pump })
        {
            if (task is null) continue;
            try
            {
                await task.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // stopped
            }
        }
        _received.Writer.TryComplete();
        _stop.Dispose();
        _publish.Dispose();
    }
}
