using System.Net;
using Canopy.Core.Defence;
using Canopy.Core.Feeds;

namespace Canopy.Interop.Cot;

/// <summary>
/// CoT in for running pipelines: listens on a local UDP or TCP endpoint in the background (XML or TAK protobuf) and offers every
/// friendly position to each <see cref="EffectorPositionBoard"/> attached (one per run: <see cref="NewBoard"/>), which the
/// pipelines read at each step. Everything is counted (<see cref="Counters"/>): bad messages, reports refused by a board (source,
/// time, plausibility), reports naming no mobile unit (<see cref="Ignored"/>). The receive loop never dies: if it fails it is
/// restarted on the same socket, and the restart counted and its fault kept.
/// </summary>
public sealed class CotPositionFeed : IAsyncDisposable
{
    private readonly UdpCotListener? _udp;
    private readonly TcpCotListener? _tcp;
    private readonly CotInOptions _options;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private readonly List<WeakReference<EffectorPositionBoard>> _boards = [];
    private readonly Task _loop;
    private long _applied, _ignored;

    /// <param name="board">The board of the first run (see <see cref="Board"/>); more are attached with <see cref="NewBoard"/>.</param>
    /// <param name="options">Checks and TCP limits; default <see cref="CotInOptions.Default"/>.</param>
    public CotPositionFeed(CotTransport transport, IPEndPoint local, EffectorPositionBoard board, CotInOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(local);
        Board = board ?? throw new ArgumentNullException(nameof(board));
        _options = options ?? CotInOptions.Default;
        _time = time ?? TimeProvider.System;
        _boards.Add(new WeakReference<EffectorPositionBoard>(board));
        if (transport == CotTransport.Udp) _udp = new UdpCotListener(local);
        else _tcp = new TcpCotListener(local, _options);
        LocalEndPoint = _udp?.LocalEndPoint ?? _tcp!.LocalEndPoint;
        _loop = Task.Run(() => SuperviseAsync(_stop.Token));
    }

    /// <summary>The board given at construction (the one run of `listen`, the first run of `serve`).</summary>
    public EffectorPositionBoard Board { get; }

    /// <summary>The bound endpoint (its port is the system's choice when 0 was asked).</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Received, malformed, refused by source, by time, implausible; restarts of the receive loop.</summary>
    public FeedCounters Counters { get; } = new();

    public long Received => Counters.Received;

    /// <summary>Messages that moved an effector (on any board).</summary>
    public long Applied => Interlocked.Read(ref _applied);

    /// <summary>Friendly reports naming no mobile unit's cot-uid (other units on the network, or a fixed unit named by a spoofer).</summary>
    public long Ignored => Interlocked.Read(ref _ignored);

    /// <summary>Malformed messages, skipped.</summary>
    public long Bad => Counters.Malformed;

    /// <summary>Datagrams the kernel dropped (UDP, where readable); null otherwise.</summary>
    public long? KernelDrops => _udp?.KernelDrops;

    /// <summary>The latest fault, for display.</summary>
    public CotError? LastError { get; private set; }

    /// <summary>A board of its own for a new run of <paramref name="effectors"/>, fed by this listener from now on.</summary>
    public EffectorPositionBoard NewBoard(IEnumerable<EffectorSpec> effectors)
    {
        var board = new EffectorPositionBoard(effectors, _options, _time);
        lock (_lock)
        {
            _boards.RemoveAll(w => !w.TryGetTarget(out _));
            _boards.Add(new WeakReference<EffectorPositionBoard>(board));
        }
        return board;
    }

    /// <summary>Offers one received message to every board; what the decode and receive paths of the sockets run.</summary>
    public void Handle(CotInbound item)
    {
        ArgumentNullException.ThrowIfNull(item);
        Counters.CountReceived();
        if (item.Error is { } error)
        {
            LastError = error;
            Counters.CountMalformed();
            return;
        }
        if (item.Update is not { } update) return;
        var verdict = PositionVerdict.NotMobile;
        foreach (var board in Boards())
        {
            var v = board.Apply(update, out _);
            if (v == PositionVerdict.Moved || verdict == PositionVerdict.NotMobile) verdict = v;
        }
        switch (verdict)
        {
            case PositionVerdict.Moved: Interlocked.Increment(ref _applied); break;
            case PositionVerdict.NotMobile: Interlocked.Increment(ref _ignored); break;
            case PositionVerdict.RejectedBySource: Counters.CountRejectedBySource(); break;
            case PositionVerdict.RejectedByTime: Counters.CountRejectedByTime(); break;
            case PositionVerdict.Implausible: Counters.CountImplausible(); break;
        }
    }

    private List<EffectorPositionBoard> Boards()
    {
        var boards = new List<EffectorPositionBoard>();
        lock (_lock)
            foreach (var w in _boards)
                if (w.TryGetTarget(out var b)) boards.Add(b);
        return boards;
    }

    private async Task SuperviseAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await foreach (var item in (_udp is not null ? _udp.ReadAllAsync(stop) : _tcp!.ReadAllAsync(stop)).ConfigureAwait(false))
                    Handle(item);
                return;
            }
            catch (Exception e) when (!stop.IsCancellationRequested)
            {
                Counters.CountRestart($"{e.GetType().Name}: {e.Message}");
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100), _time, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            catch (Exception e) when (e is ObjectDisposedException or System.Net.Sockets.SocketException or OperationCanceledException)
            {
                return; // the socket closed under a pending receive: the feed is stopping anyway
            }
        }
    }

    public override string ToString() =>
        $"CoT in on {LocalEndPoint}: {Received} messages, {Applied} moved a fire unit, {Bad} malformed, {Ignored} naming no mobile unit, " +
        $"{Counters.RejectedBySource} rejected by source, {Counters.RejectedByTime} by time, {Counters.Implausible} implausible" +
        (Counters.Restarts > 0 ? $", {Counters.Restarts} restarts (last: {Counters.LastFault})" : "") +
        (KernelDrops is { } drops ? $", {drops} dropped by the kernel" : "");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _udp?.Dispose();
        _tcp?.Dispose();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
