using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Canopy.Interop.Cot;

/// <summary>
/// Listens for CoT over TCP on a local endpoint: up to <see cref="CotInOptions.MaxClients"/> clients at once (TAK servers,
/// tablets), each read on its own, so one slow or idle client never holds up another; a client silent for
/// <see cref="CotInOptions.IdleTimeout"/> is closed. XML events or TAK stream frames, each yielded as a <see cref="CotInbound"/>
/// with the client's address; bad bytes become error items with their stream offset, messages over
/// <see cref="CotInOptions.MaxMessageBytes"/> are dropped (<see cref="CotStreamSplitter"/>), and the listener keeps reading.
/// </summary>
public sealed class TcpCotListener : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CotInOptions _options;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<CotInbound> _items = Channel.CreateBounded<CotInbound>(new BoundedChannelOptions(4096) { SingleReader = true });
    private readonly Task _accepting;
    private int _clients;
    private long _refused, _idleClosed;

    /// <param name="options">Client, size and idle limits; default <see cref="CotInOptions.Default"/>.</param>
    public TcpCotListener(IPEndPoint local, CotInOptions? options = null)
    {
        _options = options ?? CotInOptions.Default;
        _listener = new TcpListener(local);
        _listener.Start();
        _accepting = Task.Run(AcceptAsync);
    }

    public IPEndPoint LocalEndPoint => (IPEndPoint)_listener.LocalEndpoint;

    /// <summary>Clients connected now.</summary>
    public int Clients => Volatile.Read(ref _clients);

    /// <summary>Clients closed as they connected because <see cref="CotInOptions.MaxClients"/> were already served.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Clients closed for sending nothing for <see cref="CotInOptions.IdleTimeout"/>.</summary>
    public long IdleClosed => Interlocked.Read(ref _idleClosed);

    public async IAsyncEnumerable<CotInbound> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            bool more;
            try
            {
                more = await _items.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
            if (!more) yield break;
            while (_items.Reader.TryRead(out var item)) yield return item;
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException or InvalidOperationException)
            {
                if (_stop.IsCancellationRequested) break;
                continue; // a connection reset before it was accepted: take the next
            }
            if (Interlocked.Increment(ref _clients) > _options.MaxClients)
            {
                Interlocked.Decrement(ref _clients);
                Interlocked.Increment(ref _refused);
                client.Dispose();
                continue;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
        _items.Writer.TryComplete();
    }

    private async Task ServeAsync(TcpClient client)
    {
        var from = (client.Client.RemoteEndPoint as IPEndPoint)?.Address;
        var buffer = new byte[8192];
        var items = new List<CotInbound>();
        var splitter = new CotStreamSplitter(_options.MaxMessageBytes);
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        try
        {
            using (client)
            {
                var stream = client.GetStream();
                while (true)
                {
                    idle.CancelAfter(TimeSpan.FromSeconds(_options.IdleTimeout.Seconds));
                    var n = await stream.ReadAsync(buffer, idle.Token).ConfigureAwait(false);
                    if (n == 0) break;
                    items.Clear();
                    splitter.Append(buffer.AsSpan(0, n), items);
                    foreach (var item in items) await _items.Writer.WriteAsync(item.From(from), _stop.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (!_stop.IsCancellationRequested)
        {
            Interlocked.Increment(ref _idleClosed);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException or ChannelClosedException)
        {
            // the client went away or the listener is stopping
        }
        finally
        {
            Interlocked.Decrement(ref _clients);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _accepting.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // the accept loop ends with the listener; nothing to report at disposal
        }
        _items.Writer.TryComplete();
        _stop.Dispose();
    }
}
