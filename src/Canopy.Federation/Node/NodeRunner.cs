using System.Diagnostics;
using Canopy.Federation.Messages;
using Canopy.Federation.Transport;

namespace Canopy.Federation.Node;

/// <summary>What a node shows of itself (console status endpoint, `canopy node` output).</summary>
public sealed record NodeStatus(
    string Nation, NodeMode Mode, bool LinkUp, long Connections, string? LinkError, long Tick, double Time, int PictureTracks,
    IReadOnlyList<string> SilentPartners, int Proposed, int Deconflicted, int Shots, long Published, long PublishFailures,
    IReadOnlyDictionary<string, long> Received, long MessagesIn, double LatencyMedianMs, double LatencyP95Ms, bool Finished);

/// <summary>
/// Runs a <see cref="NationNode"/> over a <see cref="FederationLink"/>: steps on the world's ticks, waits for each partner's
/// message of the phase (up to <see cref="NodeOptions.PartnerWait"/>, then goes on alone and counts the partner silent),
/// answers snapshot requests, asks for snapshots after each (re)connection, and keeps defending with its own picture
/// and units while partners are silent or the link is down.
/// </summary>
public sealed class NodeRunner(NationNode node, FederationLink link, NodeOptions options)
{
    private readonly Dictionary<long, Dictionary<string, LocalTrackBatch>> _tracks = [];
    private readonly Dictionary<long, Dictionary<string, EngagementClaimBatch>> _proposals = [];
    private readonly List<EngagementClaimBatch> _fired = [];
    private readonly Queue<WorldTick> _ticks = new();
    private readonly HashSet<string> _silent = new(StringComparer.Ordinal);
    private readonly HashSet<string> _snapshotsAwaited = new(StringComparer.Ordinal);
    private readonly List<double> _latencies = [];
    private readonly Dictionary<long, long> _tickSent = [];
    private readonly Lock _gate = new();
    private volatile bool _resync;
    private long _messagesIn;
    private long _snapshots;
    private long _tickSeen = -1;
    private bool _finished;

    private readonly NodeOptions _validated = options.Validate() is { Count: > 0 } problems
        ? throw new ArgumentException(string.Join("; ", problems), nameof(options)) : options;

    public NationNode Node => node;

    /// <summary>Partners' snapshots taken after (re)connections.</summary>
    public long SnapshotsReceived => Interlocked.Read(ref _snapshots);

    /// <summary>Plot-to-fused-picture latency samples: wall ms from a partner's track batch being sent to its fusion here.</summary>
    public IReadOnlyList<double> Latencies
    {
        get
        {
            lock (_gate) return [.. _latencies];
        }
    }

    public NodeStatus Status()
    {
        var mode = !link.Connected ? NodeMode.Isolated : _resync ? NodeMode.Resynchronising
            : _silent.Count > 0 && _silent.Count == node.Nations.Count - 1 ? NodeMode.Isolated : NodeMode.Federated;
        double median = 0, p95 = 0;
        lock (_gate)
        {
            if (_latencies.Count > 0)
            {
                var sorted = _latencies.Order().ToList();
                median = sorted[sorted.Count / 2];
                p95 = sorted[Math.Min(sorted.Count - 1, (int)(sorted.Count * 0.95))];
            }
        }
        return new NodeStatus(node.Nation, mode, link.Connected, link.Connections, link.LastError, node.LastTick, node.Time, node.Picture.Count,
            [.. _silent.Order(StringComparer.Ordinal)], node.Proposed, node.Deconflicted, node.Shots, link.Published, link.PublishFailures,
            link.Counters.Snapshot(), Interlocked.Read(ref _messagesIn), median, p95, _finished);
    }

    /// <summary>Runs until the world's final tick or cancellation.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        link.ConnectedAsync += OnConnectedAsync;
        link.Start();
        var reader = link.Received;
        while (!cancellationToken.IsCancellationRequested && !_finished)
        {
            // 1. a world tick in hand: track, share, then wait for the partners' tracks, propose, wait for their claims, engage
            if (_ticks.Count > 0)
            {
                await StepAsync(_ticks.Dequeue(), cancellationToken).ConfigureAwait(false);
                continue;
            }
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(TimeSpan.FromSeconds(1));
            try
            {
                if (await reader.WaitToReadAsync(wait.Token).ConfigureAwait(false))
                    while (reader.TryRead(out var m)) await HandleAsync(m).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                await link.PublishAsync(new Heartbeat(node.Nation, node.LastTick, node.Time, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), Status().Mode)).ConfigureAwait(false);
            }
        }
    }

    private async Task OnConnectedAsync()
    {
        _resync = true;
        lock (_snapshotsAwaited)
        {
            _snapshotsAwaited.Clear();
            foreach (var n in node.Nations.Where(n => n != node.Nation)) _snapshotsAwaited.Add(n);
        }
        await link.PublishAsync(new SnapshotRequest(node.Nation, node.LastTick, node.Time)).ConfigureAwait(false);
        await link.PublishAsync(new Heartbeat(node.Nation, node.LastTick, node.Time, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), NodeMode.Resynchronising)).ConfigureAwait(false);
        _ = Task.Delay(options.SnapshotWait).ContinueWith(_ => _resync = false, TaskScheduler.Default);
    }

    private async Task StepAsync(WorldTick tick, CancellationToken ct)
    {
        if (tick.Final)
        {
            _finished = true;
            return;
        }
        var tracks = node.TrackPlots(tick);
        await link.PublishAsync(tracks).ConfigureAwait(false);
        var partnerTracks = await AwaitPartnersAsync(_tracks, tick.Tick, ct).ConfigureAwait(false);
        foreach (var b in partnerTracks.Values) Sample(b);
        var proposals = node.Propose(tick.Tick, tick.Time, partnerTracks);
        await link.PublishAsync(proposals).ConfigureAwait(false);
        var partnerClaims = await AwaitPartnersAsync(_proposals, tick.Tick, ct).ConfigureAwait(false);
        var (fired, shots) = node.Engage(tick.Tick, tick.Time, partnerClaims);
        List<EngagementClaimBatch> pending;
        lock (_gate)
        {
            pending = _fired.Where(f => f.Tick <= tick.Tick).ToList();
            _fired.RemoveAll(f => f.Tick <= tick.Tick);
        }
        foreach (var f in pending) node.ApplyFired(f);
        await link.PublishAsync(fired).ConfigureAwait(false);
        await link.PublishAsync(new TickDone(node.Nation, tick.Tick, tick.Time, [.. shots.Select(node.ToRecord)])).ConfigureAwait(false);
        await link.PublishAsync(node.Units(tick.Tick, tick.Time)).ConfigureAwait(false);
        await link.PublishAsync(new Heartbeat(node.Nation, tick.Tick, tick.Time, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), Status().Mode)).ConfigureAwait(false);
        _tracks.Remove(tick.Tick);
        _proposals.Remove(tick.Tick);
        foreach (var old in _tracks.Keys.Where(k => k < tick.Tick).ToList()) _tracks.Remove(old);
        foreach (var old in _proposals.Keys.Where(k => k < tick.Tick).ToList()) _proposals.Remove(old);
    }

    /// <summary>Latency from the world's sending of the tick's plots to the fusion here of a partner's tracks of that tick
    /// (wall clocks of the world and this node: one machine, or NTP-synchronised).</summary>
    private void Sample(LocalTrackBatch batch)
    {
        lock (_gate)
        {
            if (_tickSent.TryGetValue(batch.Tick, out var sent) && _latencies.Count < 1_000_000)
                _latencies.Add(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - sent);
            _tickSent.Remove(batch.Tick - 100);
        }
    }

    /// <summary>Reads messages until every partner not counted silent has sent its batch of <paramref name="tick"/> to
    /// <paramref name="store"/>, or the wait runs out (those still missing are counted silent).</summary>
    private async Task<IReadOnlyDictionary<string, T>> AwaitPartnersAsync<T>(Dictionary<long, Dictionary<string, T>> store, long tick, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(options.PartnerWait.TotalSeconds * Stopwatch.Frequency);
        var reader = link.Received;
        while (true)
        {
            var have = store.TryGetValue(tick, out var d) ? d : [];
            var missing = node.Nations.Where(n => n != node.Nation && !have.ContainsKey(n) && !_silent.Contains(n)).ToList();
            if (missing.Count == 0) return have;
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
            if (left <= TimeSpan.Zero || !link.Connected && left < options.PartnerWait - TimeSpan.FromSeconds(1))
            {
                foreach (var n in missing) _silent.Add(n);
                return have;
            }
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
            wait.CancelAfter(left);
            try
            {
                if (await reader.WaitToReadAsync(wait.Token).ConfigureAwait(false))
                    while (reader.TryRead(out var m)) await HandleAsync(m).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // the wait ran out: the loop counts the missing partners silent
            }
        }
    }

    private async Task HandleAsync(Trust.VerifiedMessage m)
    {
        Interlocked.Increment(ref _messagesIn);
        if (m.Nation != node.Nation && m.Nation != MessageCodec.WorldNation) _silent.Remove(m.Nation);
        switch (m.Payload)
        {
            case WorldTick t when t.ToNation == node.Nation:
                if (t.Tick <= _tickSeen) break;
                _tickSeen = t.Tick;
                lock (_gate) _tickSent[t.Tick] = m.SentUnixMs;
                _ticks.Enqueue(t);
                break;
            case LocalTrackBatch b when b.Nation != node.Nation && b.Tick > node.LastTick:
                Store(_tracks, b.Tick, b.Nation, b);
                break;
            case EngagementClaimBatch c when c.Nation != node.Nation && c.Phase == ClaimPhase.Proposed && c.Tick > node.LastTick:
                Store(_proposals, c.Tick, c.Nation, c);
                break;
            case EngagementClaimBatch c when c.Nation != node.Nation && c.Phase == ClaimPhase.Fired:
                if (c.Tick <= node.LastTick) node.ApplyFired(c);
                else lock (_gate) _fired.Add(c);
                break;
            case SnapshotRequest r when r.Nation != node.Nation:
                await link.PublishAsync(node.Snapshot(node.LastTick)).ConfigureAwait(false);
                break;
            case StateSnapshot s when s.Nation != node.Nation && _resync:
                node.Restore(s);
                Interlocked.Increment(ref _snapshots);
                lock (_snapshotsAwaited)
                {
                    _snapshotsAwaited.Remove(s.Nation);
                    if (_snapshotsAwaited.Count == 0) _resync = false;
                }
                break;
        }
    }

    private static void Store<T>(Dictionary<long, Dictionary<string, T>> store, long tick, string nation, T item)
    {
        if (!store.TryGetValue(tick, out var d)) store[tick] = d = new Dictionary<string, T>(StringComparer.Ordinal);
        d[nation] = item;
    }
}
