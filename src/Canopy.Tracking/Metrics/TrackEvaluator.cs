using System.Runtime.InteropServices;
using Canopy.Core.Geometry;

namespace Canopy.Tracking.Metrics;

/// <summary>
/// Scores a tracker's output against the truth over time: GOSPA, OSPA and SIAP at every time of the truth.
/// At a truth time t the tracks are those of the last track report at or before t (within a microsecond), moved on
/// at their velocity to t, unless that report is older than <see cref="TrackEvaluationOptions.MaxTrackAge"/>, when
/// there are none: a tracker that reports at its own times is judged on what it last said.
/// </summary>
public static class TrackEvaluator
{
    private const double SameTime = 1e-6;

    public static TrackEvaluationResult Evaluate(IReadOnlyList<TimedState> truth, IReadOnlyList<TimedState> tracks, TrackEvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(tracks);
        ArgumentNullException.ThrowIfNull(options);
        var truthScans = Scans(truth);
        var trackScans = Scans(tracks);
        var gospa = new GospaMetric(options.Cutoff, options.Order);
        var siap = new SiapMetric(options.AssociationDistance);
        var continuity = options.Coverage is { } coverage ? new ContinuityMetric(options.AssociationDistance, coverage) : null;
        var gated = options.Coverage is { } covered ? new ContinuityMetric(options.AssociationDistance, covered, options.PlotGate) : null;
        var truthPositions = new List<Vec3>();
        var estimates = new List<TargetState>();
        var estimatePositions = new List<Vec3>();
        var sum = default(GospaResult);
        double ospaSum = 0;
        var next = 0;
        for (var k = 0; k < truthScans.Count; k++)
        {
            var (t, truths) = truthScans[k];
            while (next < trackScans.Count && trackScans[next].Time <= t + SameTime) next++;
            estimates.Clear();
            if (next > 0 && t - trackScans[next - 1].Time <= options.MaxTrackAge)
            {
                var (reported, states) = trackScans[next - 1];
                foreach (var s in states) estimates.Add(s with { Position = s.Position + s.Velocity * (t - reported) });
            }
            truthPositions.Clear();
            foreach (var s in truths) truthPositions.Add(s.Position);
            estimatePositions.Clear();
            foreach (var s in estimates) estimatePositions.Add(s.Position);

            var g = gospa.Compute(CollectionsMarshal.AsSpan(truthPositions), CollectionsMarshal.AsSpan(estimatePositions));
            sum = new GospaResult(sum.Distance + g.Distance, sum.Localisation + g.Localisation, sum.Missed + g.Missed,
                sum.False + g.False, sum.MissedCount + g.MissedCount, sum.FalseCount + g.FalseCount);
            ospaSum += OspaMetric.FromGospa(g, truthPositions.Count, estimatePositions.Count, options.Cutoff, options.Order);
            siap.Add(truths, CollectionsMarshal.AsSpan(estimates), Duration(truthScans, k));
            continuity?.Add(truths, CollectionsMarshal.AsSpan(estimates), Duration(truthScans, k));
            gated?.Add(truths, CollectionsMarshal.AsSpan(estimates), Duration(truthScans, k));
        }

        var n = Math.Max(1, truthScans.Count);
        return new TrackEvaluationResult(truthScans.Count, sum.Distance / n, sum.Localisation / n, sum.Missed / n,
            sum.False / n, (double)sum.MissedCount / n, (double)sum.FalseCount / n, ospaSum / n, siap.Result(), continuity?.Result(), gated?.Result());
    }

    /// <summary>The time a scan stands for: up to the next scan, or for the last one as long as the one before.</summary>
    private static double Duration(List<(double Time, TargetState[] States)> scans, int k) =>
        k + 1 < scans.Count ? scans[k + 1].Time - scans[k].Time
        : k > 0 ? scans[k].Time - scans[k - 1].Time
        : 0;

    /// <summary>Groups rows into scans of equal time (within a microsecond), in time order.</summary>
    private static List<(double Time, TargetState[] States)> Scans(IReadOnlyList<TimedState> rows)
    {
        var sorted = rows.OrderBy(r => r.Time).ToList();
        var scans = new List<(double, TargetState[])>();
        for (var start = 0; start < sorted.Count;)
        {
            var end = start + 1;
            while (end < sorted.Count && sorted[end].Time - sorted[start].Time <= SameTime) end++;
            scans.Add((sorted[start].Time, sorted.GetRange(start, end - start).Select(r => r.State).ToArray()));
            start = end;
        }
        return scans;
    }
}

/// <summary>How <see cref="TrackEvaluator"/> scores.</summary>
public sealed record TrackEvaluationOptions
{
    /// <summary>GOSPA and OSPA cut-off c, metres.</summary>
    public double Cutoff { get; init; } = 500;

    /// <summary>GOSPA and OSPA order p.</summary>
    public double Order { get; init; } = 2;

    /// <summary>SIAP: a track farther than this (m) from every truth is spurious.</summary>
    public double AssociationDistance { get; init; } = 500;

    /// <summary>A track report older than this (s) at a truth time no longer counts.</summary>
    public double MaxTrackAge { get; init; } = 5;

    /// <summary>The sensors' coverage: when given, track continuity inside it is measured too.</summary>
    public RadarCoverage? Coverage { get; init; }

    /// <summary>
    /// Chi-square gate of the plot-gated continuity (<see cref="ContinuityMetric.PlotGate"/>): 11.345, 3 degrees of
    /// freedom at 99 %: a track as close as 99 % of single plots of the best covering radar holds the truth.
    /// </summary>
    public double PlotGate { get; init; } = 11.345;
}

/// <summary>The scores of one tracker's output; GOSPA figures are means over the truth times.</summary>
/// <param name="MeanLocalisation">Mean GOSPA localisation part, m^p (before the 1/p root).</param>
/// <param name="MeanMissed">Mean GOSPA missed part, m^p.</param>
/// <param name="MeanFalse">Mean GOSPA false part, m^p.</param>
/// <param name="Continuity">Track continuity inside coverage, when <see cref="TrackEvaluationOptions.Coverage"/> was given.</param>
/// <param name="PlotGatedContinuity">The same, a truth held also by a track within the plot gate (<see cref="TrackEvaluationOptions.PlotGate"/>).</param>
public sealed record TrackEvaluationResult(
    int Scans, double MeanGospa, double MeanLocalisation, double MeanMissed, double MeanFalse,
    double MeanMissedTargets, double MeanFalseTracks, double MeanOspa, SiapResult Siap, ContinuityResult? Continuity = null,
    ContinuityResult? PlotGatedContinuity = null);
