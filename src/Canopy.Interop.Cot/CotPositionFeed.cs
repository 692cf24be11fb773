using System.Net;

namespace Canopy.Interop.Cot;

/// <summary>
/// CoT in for a running pipeline: listens on a local UDP or TCP endpoint in the background (XML or TAK protobuf) and moves
/// the fire units of an <see cref="EffectorPositionBoard"/>, which the pipeline reads at each step. Bad messages are counted
/// and skipped; events that move no effector are counted as ignored.
/// </summary>
public sealed class CotPositionFeed : IAsyncDisposable
{
    private readonly UdpCotListener? _udp;
    private readonly TcpCotListener? _tcp;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _received, _applied, _bad;

    public CotPositionFeed(CotTransport transport, IPEndPoint local, EffectorPositionBoard board)
    {
        ArgumentNullException.ThrowIfNull(local);
        Board = board ?? throw new ArgumentNullException(nameof(board));
        if (transport == CotTransport.Udp) _udp = new UdpCotListener(local);
        else _tcp = new TcpCotListener(local);
        LocalEndPoint = _udp?.LocalEndPoint ?? _tcp!.LocalEndPoint;
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    public EffectorPositionBoard Board { get; }

    /// <summary>The bound endpoint (its port is the system's choice when 0 was asked).</summary>
    public IPEndPoint LocalEndPoint { get; }

    public long Received => Interlocked.Read(ref _received);

    /// <summary>Messages that moved an effector.</summary>
    public long Applied => Interlocked.Read(ref _applied);

    /// <summary>Malformed messages, skipped.</summary>
    public long Bad => Interlocked.Read(ref _bad);

    /// <summary>The latest fault, for display.</summary>
    public CotError? LastError { get; private set; }

    private async Task RunAsync(CancellationToken stop)
    {
        await foreach (var item in (_udp is not null ? _udp.ReadAllAsync(stop) : _tcp!.ReadAllAsync(stop)).ConfigureAwait(false))
        {
            Interlocked.Increment(ref _received);
            if (item.Error is { } error)
            {
                LastError = error;
                Interlocked.Increment(ref _bad);
            }
            else if (item.Update is { } update && Board.Apply(update) is not null) Interlocked.Increment(ref _applied);
        }
    }

    public override string ToString() => $"CoT in on {LocalEndPoint}: {Received} messages, {Applied} moved a fire unit, {Bad} malformed";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _udp?.Dispose();
        _tcp?.Dispose();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (Exception e) when (e is ObjectDisposedException or System.Net.Sockets.SocketException)
        {
            // the socket closed under a pending receive: the feed is stopping anyway
        }
        _stop.Dispose();
    }
}
