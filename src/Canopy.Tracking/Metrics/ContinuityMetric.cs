namespace Canopy.Tracking.Metrics;

/// <summary>
/// Track continuity inside sensor coverage, accumulated scan by scan: of the time truths spend inside coverage, the
/// fraction during which some track is within the association distance; a break is a covered truth that was held by a
/// track in its last covered scan and is held by none now. A truth's time before its first track inside coverage
/// (the confirmation delay) is reported apart, and the continuity is given both with and without it.
/// </summary>
public sealed class ContinuityMetric
{
    private readonly RadarCoverage _coverage;
    private readonly Dictionary<int, TruthRecord> _truths = [];
    private double _coveredTime, _heldTime, _acquisitionTime;
    private int _breaks;

    /// <param name="associationDistance">Metres: a truth with a track this near is held.</param>
    /// <param name="coverage">Where the truths can be seen.</param>
    public ContinuityMetric(double associationDistance, RadarCoverage coverage)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(associationDistance);
        ArgumentNullException.ThrowIfNull(coverage);
        AssociationDistance = associationDistance;
        _coverage = coverage;
    }

    public double AssociationDistance { get; }

    /// <summary>Adds one scan: the truths and tracks at one time; <paramref name="duration"/> (s) is the time the scan stands for.</summary>
    public void Add(ReadOnlySpan<TargetState> truths, ReadOnlySpan<TargetState> tracks, double duration)
    {
        var limit = AssociationDistance * AssociationDistance;
        foreach (var truth in truths)
        {
            if (!_coverage.Covers(truth.Position)) continue;
            if (!_truths.TryGetValue(truth.Id, out var record)) _truths[truth.Id] = record = new TruthRecord();
            var held = false;
            foreach (var track in tracks)
            {
                if ((track.Position - truth.Position).LengthSquared > limit) continue;
                held = true;
                break;
            }
            if (!held && record.Acquired && record.Held) _breaks++;
            record.Held = held;
            record.Acquired |= held;
            if (!record.Acquired) _acquisitionTime += duration;
            _coveredTime += duration;
            if (held) _heldTime += duration;
        }
    }

    /// <summary>The measures over every scan added so far.</summary>
    public ContinuityResult Result() => new(
        Ratio(_heldTime, _coveredTime), Ratio(_heldTime, _coveredTime - _acquisitionTime), _breaks, _coveredTime, _acquisitionTime,
        _truths.Values.Count(r => r.Acquired), _truths.Count);

    private static double Ratio(double numerator, double denominator) => denominator > 0 ? numerator / denominator : 1;

    private sealed class TruthRecord
    {
        public bool Acquired { get; set; }
        public bool Held { get; set; }
    }
}

/// <summary>Track continuity inside coverage; see <see cref="ContinuityMetric"/>.</summary>
/// <param name="Continuity">Fraction of the covered truth time held by a track, 0 to 1 (best 1).</param>
/// <param name="ContinuityAfterAcquisition">The same once each truth has first been held: confirmation delay left out.</param>
/// <param name="Breaks">Times a held truth lost its track while still covered.</param>
/// <param name="CoveredTime">Truth time inside coverage, s (summed over truths).</param>
/// <param name="AcquisitionTime">Covered truth time before each truth's first track, s (summed over truths).</param>
/// <param name="AcquiredTruths">Truths ever held by a track inside coverage.</param>
/// <param name="CoveredTruths">Truths ever inside coverage.</param>
public readonly record struct ContinuityResult(
    double Continuity, double ContinuityAfterAcquisition, int Breaks, double CoveredTime, double AcquisitionTime, int AcquiredTruths, int CoveredTruths);
