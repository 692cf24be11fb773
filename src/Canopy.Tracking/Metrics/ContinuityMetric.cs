namespace Canopy.Tracking.Metrics;

/// <summary>
/// Track continuity inside sensor coverage, accumulated scan by scan: of the time truths spend inside coverage, the
/// fraction during which some track is within the association distance; a break is a covered truth that was held by a
/// track in its last covered scan and is held by none now. A truth's time before its first track inside coverage
/// (the confirmation delay) is reported apart, and the continuity is given both with and without it.
/// With a <see cref="PlotGate"/>, a track also holds a truth when its error is within that chi-square gate of the
/// covariance of one plot of the truth by the best covering radar (<see cref="RadarCoverage.TryPlotCovariance"/>):
/// as close as the sensors can tell, which a fixed distance is not at long range (0.2° is 700 m across at 200 km).
/// </summary>
public sealed class ContinuityMetric
{
    private readonly RadarCoverage _coverage;
    private readonly Dictionary<int, TruthRecord> _truths = [];
    private double _coveredTime, _heldTime, _acquisitionTime;
    private int _breaks;

    /// <param name="associationDistance">Metres: a truth with a track this near is held.</param>
    /// <param name="coverage">Where the truths can be seen.</param>
    /// <param name="plotGate">When positive, a truth is also held by a track whose error e has eᵀR⁻¹e within it, R the covariance of one plot.</param>
    public ContinuityMetric(double associationDistance, RadarCoverage coverage, double plotGate = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(associationDistance);
        ArgumentNullException.ThrowIfNull(coverage);
        ArgumentOutOfRangeException.ThrowIfNegative(plotGate);
        AssociationDistance = associationDistance;
        PlotGate = plotGate;
        _coverage = coverage;
    }

    public double AssociationDistance { get; }

    /// <summary>Chi-square gate (3 degrees of freedom) on a track's error against one plot's covariance; 0: distance only.</summary>
    public double PlotGate { get; }

    /// <summary>Adds one scan: the truths and tracks at one time; <paramref name="duration"/> (s) is the time the scan stands for.</summary>
    public void Add(ReadOnlySpan<TargetState> truths, ReadOnlySpan<TargetState> tracks, double duration)
    {
        var limit = AssociationDistance * AssociationDistance;
        Span<double> r = stackalloc double[9];
        Span<double> rInv = stackalloc double[9];
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
            if (!held && PlotGate > 0 && _coverage.TryPlotCovariance(truth.Position, r) && !double.IsNaN(Filtering.Matrix6.InvertSmall(r, 3, rInv)))
            {
                foreach (var track in tracks)
                {
                    var e = track.Position - truth.Position;
                    var d2 = e.X * (rInv[0] * e.X + rInv[1] * e.Y + rInv[2] * e.Z)
                        + e.Y * (rInv[3] * e.X + rInv[4] * e.Y + rInv[5] * e.Z)
                        + e.Z * (rInv[6] * e.X + rInv[7] * e.Y + rInv[8] * e.Z);
                    if (d2 > PlotGate) continue;
                    held = true;
                    break;
                }
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
