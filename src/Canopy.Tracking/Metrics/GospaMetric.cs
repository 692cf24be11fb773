using Canopy.Core.Geometry;
using Canopy.Core.Optimization;

namespace Canopy.Tracking.Metrics;

/// <summary>
/// The generalised optimal sub-pattern assignment metric with alpha = 2 (Rahmathullah, García-Fernández and Svensson,
/// "Generalized optimal sub-pattern assignment metric", FUSION 2017) between a set of true positions and a set of
/// estimated positions: d = (sum over assigned pairs of d^p + c^p / 2 (missed + false))^(1/p), where a pair closer
/// than the cut-off c counts as localised and every other object as missed (truth) or false (estimate).
/// Reusable: one instance per thread.
/// </summary>
public sealed class GospaMetric
{
    private readonly LinearAssignment _solver = new();
    private double[] _costs = [];
    private int[] _assignment = [];

    /// <param name="cutoff">c, metres: the largest error counted as localisation; a missed or false object costs c^p / 2.</param>
    /// <param name="order">p, at least 1: the larger, the more large errors weigh.</param>
    public GospaMetric(double cutoff, double order)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cutoff);
        ArgumentOutOfRangeException.ThrowIfLessThan(order, 1);
        Cutoff = cutoff;
        Order = order;
    }

    public double Cutoff { get; }
    public double Order { get; }

    public GospaResult Compute(ReadOnlySpan<Vec3> truths, ReadOnlySpan<Vec3> estimates)
    {
        var n = truths.Length;
        var m = estimates.Length;
        if (_costs.Length < n * m) _costs = new double[Math.Max(n * m, _costs.Length * 2)];
        if (_assignment.Length < n) _assignment = new int[Math.Max(n, _assignment.Length * 2)];
        var cutoffCost = Math.Pow(Cutoff, Order);
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < m; j++)
                _costs[i * m + j] = Math.Min(Math.Pow(Vec3.Distance(truths[i], estimates[j]), Order), cutoffCost);
        }
        _solver.Solve(_costs.AsSpan(0, n * m), n, m, _assignment);

        var localisation = 0.0;
        var localised = 0;
        for (var i = 0; i < n; i++)
        {
            var j = _assignment[i];
            if (j < 0) continue;
            var cost = _costs[i * m + j];
            if (cost >= cutoffCost) continue;
            localisation += cost;
            localised++;
        }
        var half = cutoffCost / 2;
        var missed = (n - localised) * half;
        var falses = (m - localised) * half;
        return new GospaResult(Math.Pow(localisation + missed + falses, 1 / Order), localisation, missed, falses, n - localised, m - localised);
    }
}

/// <summary>
/// One GOSPA value and its split. The three parts are in metres to the power p (before the 1/p root), so they add up:
/// Distance^p = Localisation + Missed + False.
/// </summary>
/// <param name="Distance">The GOSPA distance, metres.</param>
/// <param name="Localisation">Sum of d^p over the localised pairs.</param>
/// <param name="Missed">c^p / 2 for every truth without an estimate within c.</param>
/// <param name="False">c^p / 2 for every estimate without a truth within c.</param>
public readonly record struct GospaResult(double Distance, double Localisation, double Missed, double False, int MissedCount, int FalseCount);
