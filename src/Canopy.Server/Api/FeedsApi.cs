using System.Collections.Concurrent;
using Canopy.Core.Feeds;

namespace Canopy.Server.Api;

/// <summary>One live input's counters as the console shows them (GET /api/feeds).</summary>
/// <param name="Applied">Messages that changed something (a fire unit moved); null where it does not apply.</param>
/// <param name="KernelDrops">Datagrams the kernel dropped for the feed's socket, where readable.</param>
public sealed record FeedStatus(string Name, long Received, long Malformed, long RejectedBySource, long RejectedByTime, long Implausible,
    long Restarts, string? LastFault, long? KernelDrops, long? Applied);

/// <summary>
/// The server's live inputs (CoT in), registered by name with their <see cref="FeedCounters"/>: what GET /api/feeds lists. Read
/// only: nothing here changes a feed. Thread-safe.
/// </summary>
public sealed class LiveFeeds
{
    private readonly ConcurrentDictionary<string, (FeedCounters Counters, Func<long?> KernelDrops, Func<long>? Applied)> _feeds = new(StringComparer.Ordinal);

    /// <param name="kernelDrops">Reads the kernel's drops for the feed's socket (null when not readable).</param>
    /// <param name="applied">Reads how many messages changed something, if that applies.</param>
    public void Add(string name, FeedCounters counters, Func<long?> kernelDrops, Func<long>? applied = null)
    {
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentNullException.ThrowIfNull(kernelDrops);
        _feeds[name] = (counters, kernelDrops, applied);
    }

    public IReadOnlyList<FeedStatus> Status() =>
    [
        .. _feeds.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => new FeedStatus(f.Key, f.Value.Counters.Received, f.Value.Counters.Malformed,
            f.Value.Counters.RejectedBySource, f.Value.Counters.RejectedByTime, f.Value.Counters.Implausible, f.Value.Counters.Restarts,
            f.Value.Counters.LastFault, f.Value.KernelDrops(), f.Value.Applied?.Invoke())),
    ];

    /// <summary>Maps GET /feeds on the API group: every registered feed's counters.</summary>
    public static void Map(IEndpointRouteBuilder api) => api.MapGet("/feeds", (LiveFeeds feeds) => feeds.Status());
}
