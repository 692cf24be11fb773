using Canopy.Core.Geometry;
using Canopy.Tracking;

namespace Canopy.Federation.Fusion;

/// <summary>
/// Track-to-track fusion by covariance intersection. At each call every nation's local tracks are predicted to the
/// fusion time with the constant-velocity model and its white-acceleration process noise (time alignment); the first
/// nation's tracks (the node's own, else the lowest code) seed the system tracks; each further nation, in code order, is
/// associated with them by <see cref="GnnTrackToTrackAssociator"/> (persisting last scan's (nation, track id) pairs),
/// and each associated pair fused by <see cref="CovarianceIntersection"/>; an unassociated track starts a system track
/// of its own. The picture is rebuilt from the latest local tracks at every call (no fused estimate is fed back), so
/// nothing is counted twice across scans either. System track ids persist while a contributing local track does.
/// </summary>
public sealed class CovarianceIntersectionTrackFuser : ITrackFuser
{
    private readonly TrackFusionOptions _options;
    private readonly GnnTrackToTrackAssociator _associator;
    private Dictionary<TrackKey, int> _previous = [];
    private int _nextId = 1;

    public CovarianceIntersectionTrackFuser(TrackFusionOptions? options = null)
    {
        _options = options ?? new TrackFusionOptions();
        if (_options.Validate() is { Count: > 0 } broken)
            throw new ArgumentException($"track fusion options: {string.Join("; ", broken)}", nameof(options));
        _associator = new GnnTrackToTrackAssociator(_options);
    }

    public IReadOnlyList<SystemTrack> Fuse(double time, IReadOnlyList<SourceTrack> tracks)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        var byNation = tracks
            .Where(t => time - t.Time <= _options.MaxAge)
            .GroupBy(t => t.Nation, StringComparer.Ordinal)
            .OrderBy(g => g.Key == _options.OwnNation ? 0 : 1).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.DistinctBy(t => t.TrackId).OrderBy(t => t.TrackId).ToList())
            .ToList();
        var system = new List<TrackEstimate>();
        var contributors = new List<List<TrackKey>>();
        var systemOfPrevious = new Dictionary<int, int>();
        foreach (var nation in byNation)
        {
            var incoming = nation.Select(t => Aligned(t, time)).ToList();
            var preferred = nation.Select(t => _previous.TryGetValue(t.Key, out var id) && systemOfPrevious.TryGetValue(id, out var s) ? s : -1).ToList();
            var match = system.Count == 0 ? Enumerable.Repeat(-1, incoming.Count).ToArray() : _associator.Associate(system, incoming, preferred);
            for (var j = 0; j < incoming.Count; j++)
            {
                var s = match[j];
                if (s >= 0 && CovarianceIntersection.Fuse(system[s].X, system[s].P, incoming[j].X, incoming[j].P, _options.Criterion) is { } fused)
                {
                    fused.State.CopyTo(system[s].X, 0);
                    fused.Covariance.CopyTo(system[s].P, 0);
                    contributors[s].Add(nation[j].Key);
                }
                else
                {
                    s = system.Count;
                    system.Add(incoming[j]);
                    contributors.Add([nation[j].Key]);
                }
                if (_previous.TryGetValue(nation[j].Key, out var previousId)) systemOfPrevious.TryAdd(previousId, s);
            }
        }
        return Publish(time, system, contributors);
    }

    /// <summary>The local track predicted to the fusion time.</summary>
    private TrackEstimate Aligned(in SourceTrack t, double time)
    {
        var e = TrackEstimate.Of(t);
        var q = e.Speed > _options.FastSpeed ? _options.FastProcessNoiseDensity : _options.ProcessNoiseDensity;
        SymmetricMatrix6.PredictConstantVelocity(e.X, e.P, time - t.Time, q);
        return e;
    }

    /// <summary>Gives each system track the id its contributors had (the lowest free one), else a new one; remembers the pairs.</summary>
    private List<SystemTrack> Publish(double time, List<TrackEstimate> system, List<List<TrackKey>> contributors)
    {
        var taken = new HashSet<int>();
        var ids = new int[system.Count];
        for (var s = 0; s < system.Count; s++)
        {
            var candidates = contributors[s].Select(k => _previous.TryGetValue(k, out var id) ? id : 0).Where(id => id > 0).Order();
            ids[s] = candidates.FirstOrDefault(id => !taken.Contains(id));
            if (ids[s] == 0) ids[s] = _nextId++;
            taken.Add(ids[s]);
        }
        var next = new Dictionary<TrackKey, int>();
        var result = new List<SystemTrack>(system.Count);
        for (var s = 0; s < system.Count; s++)
        {
            foreach (var k in contributors[s]) next[k] = ids[s];
            var x = system[s].X;
            var keys = contributors[s].Order().ToList();
            result.Add(new SystemTrack(ids[s], time, new Vec3(x[0], x[1], x[2]), new Vec3(x[3], x[4], x[5]), StateCovariance.From(system[s].P), keys));
        }
        _previous = next;
        result.Sort((a, b) => a.Id.CompareTo(b.Id));
        return result;
    }
}
