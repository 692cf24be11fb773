namespace Canopy.Tracking.Metrics;

/// <summary>
/// Single Integrated Air Picture attribute measures (Votruba et al., "Single Integrated Air Picture (SIAP) metrics
/// implementation", 2001), with the definitions of Stone Soup's SIAPMetrics, accumulated scan by scan.
/// At each scan every track is associated with the nearest truth within the association distance (several tracks may
/// share one truth). With J truths, JT truths with a track, N tracks and NA associated tracks, summed over the scans:
/// completeness JT / J, ambiguity NA / JT, spuriousness (N - NA) / N, positional and velocity accuracy the mean error
/// of the associated tracks; over each truth's life, track-number changes are the distinct tracks that held it less
/// one, their rate is per second tracked, and the longest track segment is the longest time one track held a truth
/// without a gap, summed over truths, over the summed truth lifetimes.
/// </summary>
public sealed class SiapMetric
{
    private readonly Dictionary<int, TruthRecord> _truths = [];
    private readonly List<int> _nearestTruth = [];
    private long _truthCount, _trackedTruthCount, _trackCount, _associatedCount;
    private double _positionError, _velocityError;

    /// <param name="associationDistance">Metres: a track farther than this from every truth is spurious.</param>
    public SiapMetric(double associationDistance)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(associationDistance);
        AssociationDistance = associationDistance;
    }

    public double AssociationDistance { get; }

    /// <summary>Adds one scan: the truths and tracks at one time; <paramref name="duration"/> (s) is the time the scan stands for.</summary>
    public void Add(ReadOnlySpan<TargetState> truths, ReadOnlySpan<TargetState> tracks, double duration)
    {
        _truthCount += truths.Length;
        _trackCount += tracks.Length;
        _nearestTruth.Clear();
        foreach (var track in tracks)
        {
            var nearest = -1;
            var best = AssociationDistance;
            for (var i = 0; i < truths.Length; i++)
            {
                var d = (truths[i].Position - track.Position).Length;
                if (d <= best)
                {
                    best = d;
                    nearest = i;
                }
            }
            _nearestTruth.Add(nearest);
            if (nearest < 0) continue;
            _associatedCount++;
            _positionError += best;
            _velocityError += (truths[nearest].Velocity - track.Velocity).Length;
        }

        for (var i = 0; i < truths.Length; i++)
        {
            if (!_truths.TryGetValue(truths[i].Id, out var record)) _truths[truths[i].Id] = record = new TruthRecord();
            record.Lifetime += duration;
            var held = false;
            for (var k = 0; k < tracks.Length; k++)
            {
                if (_nearestTruth[k] != i) continue;
                held = true;
                record.Hold(tracks[k].Id, duration);
            }
            record.EndScan();
            if (!held) continue;
            _trackedTruthCount++;
            record.TrackedTime += duration;
        }
    }

    /// <summary>The measures over every scan added so far.</summary>
    public SiapResult Result()
    {
        var changes = 0;
        double tracked = 0, longest = 0, lifetime = 0;
        foreach (var record in _truths.Values)
        {
            changes += Math.Max(0, record.Tracks.Count - 1);
            tracked += record.TrackedTime;
            longest += record.Longest;
            lifetime += record.Lifetime;
        }
        return new SiapResult(
            Completeness: Ratio(_trackedTruthCount, _truthCount, 0),
            Ambiguity: Ratio(_associatedCount, _trackedTruthCount, 1),
            Spuriousness: Ratio(_trackCount - _associatedCount, _trackCount, 0),
            PositionalAccuracy: Ratio(_positionError, _associatedCount, 0),
            VelocityAccuracy: Ratio(_velocityError, _associatedCount, 0),
            TrackNumberChanges: changes,
            TrackNumberChangeRate: Ratio(changes, tracked, 0),
            LongestTrackSegment: Ratio(longest, lifetime, 0));
    }

    private static double Ratio(double numerator, double denominator, double ifNone) =>
        denominator > 0 ? numerator / denominator : ifNone;

    /// <summary>What the measures need to remember of one truth across scans.</summary>
    private sealed class TruthRecord
    {
        private Dictionary<int, double> _runs = [];
        private Dictionary<int, double> _next = [];

        public HashSet<int> Tracks { get; } = [];
        public double Lifetime { get; set; }
        public double TrackedTime { get; set; }
        public double Longest { get; private set; }

        /// <summary>Track <paramref name="trackId"/> holds this truth in the current scan, continuing its run if it held it in the last one.</summary>
        public void Hold(int trackId, double duration)
        {
            Tracks.Add(trackId);
            var run = _runs.GetValueOrDefault(trackId) + duration;
            _next[trackId] = run;
            Longest = Math.Max(Longest, run);
        }

        public void EndScan()
        {
            (_runs, _next) = (_next, _runs);
            _next.Clear();
        }
    }
}

/// <summary>The SIAP measures over a sequence of scans; see <see cref="SiapMetric"/>.</summary>
/// <param name="Completeness">Fraction of truth-scans with at least one track, 0 to 1 (best 1).</param>
/// <param name="Ambiguity">Associated tracks per tracked truth (best 1).</param>
/// <param name="Spuriousness">Fraction of tracks far from every truth, 0 to 1 (best 0).</param>
/// <param name="PositionalAccuracy">Mean position error of associated tracks, metres.</param>
/// <param name="VelocityAccuracy">Mean velocity error of associated tracks, m/s.</param>
/// <param name="TrackNumberChanges">Sum over truths of the distinct tracks that held it, less one.</param>
/// <param name="TrackNumberChangeRate">Track-number changes per second of truth held by a track.</param>
/// <param name="LongestTrackSegment">Sum over truths of the longest unbroken time one track held it, over the summed lifetimes, 0 to 1.</param>
public readonly record struct SiapResult(
    double Completeness, double Ambiguity, double Spuriousness, double PositionalAccuracy, double VelocityAccuracy,
    int TrackNumberChanges, double TrackNumberChangeRate, double LongestTrackSegment);
