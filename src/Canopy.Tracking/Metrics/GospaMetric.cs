using Canopy.Core.Geometry;
using Canopy.Core.Optimization;

namespace Canopy.Tracking.Metrics;

/// <summary>
/// The generalised optimal sub-pattern assignment metric with alpha = 2 (Rahmathullah, García-Fernández and Svensson,
/// "Generalized optimal sub-pattern assignment metric", FUSION 2017) between a set of true positions and a set of
/// estimated positions: d = (sum over assigned pairs of d^p + c^p / 2 (missed + false))^(1/p), where a pair closer
/// than the cut-off c counts as localised and every other object as missed (truth) or false (estimate).
/// Objects farther than c from everything on the other side cost c^p / 2 whatever the assignment, so the optimal
/// assignment is solved separately in each cluster of objects linked by distances under c: fast on large, spread-out sets.
/// Reusable: one instance per thread.
/// </summary>
public sealed class GospaMetric
{
    private readonly LinearAssignment _solver = new();
    private double[] _costs = [];
    private int[] _assignment = [];
    private int[] _parent = [];
    private long[] _keys = [];

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
        Cluster(truths, estimates);
        var cutoffCost = Math.Pow(Cutoff, Order);
        var localisation = 0.0;
        var localised = 0;
        for (var start = 0; start < n + m;)
        {
            var end = start + 1;
            while (end < n + m && ClusterOf(end, n + m) == ClusterOf(start, n + m)) end++;
            // Within a cluster the truths (index < n) come first.
            var rows = 0;
            while (start + rows < end && Member(start + rows, n + m) < n) rows++;
            var columns = end - start - rows;
            if (rows > 0 && columns > 0)
            {
                EnsureCapacity(rows * columns, rows);
                for (var i = 0; i < rows; i++)
                {
                    var truth = truths[Member(start + i, n + m)];
                    for (var j = 0; j < columns; j++)
                        _costs[i * columns + j] = Math.Min(Power(Vec3.Distance(truth, estimates[Member(start + rows + j, n + m) - n])), cutoffCost);
                }
                _solver.Solve(_costs.AsSpan(0, rows * columns), rows, columns, _assignment);
                for (var i = 0; i < rows; i++)
                {
                    var j = _assignment[i];
                    if (j < 0 || _costs[i * columns + j] >= cutoffCost) continue;
                    localisation += _costs[i * columns + j];
                    localised++;
                }
            }
            start = end;
        }
        var half = cutoffCost / 2;
        var missed = (n - localised) * half;
        var falses = (m - localised) * half;
        return new GospaResult(Math.Pow(localisation + missed + falses, 1 / Order), localisation, missed, falses, n - localised, m - localised);
    }

    private long ClusterOf(int position, int total) => _keys[position] / total;

    private int Member(int position, int total) => (int)(_keys[position] % total);

    private double Power(double d) => Order == 2 ? d * d : Math.Pow(d, Order);

    /// <summary>
    /// Union-find over truths (0..n-1) and estimates (n..n+m-1) linked when closer than c; leaves in
    /// <see cref="_keys"/> root * total + object, sorted: the objects grouped by cluster, truths first.
    /// </summary>
    private void Cluster(ReadOnlySpan<Vec3> truths, ReadOnlySpan<Vec3> estimates)
    {
        var n = truths.Length;
        var total = n + estimates.Length;
        if (_parent.Length < total)
        {
            var size = Math.Max(total, _parent.Length * 2);
            _parent = new int[size];
            _keys = new long[size];
        }
        for (var k = 0; k < total; k++) _parent[k] = k;
        var c2 = Cutoff * Cutoff;
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < estimates.Length; j++)
            {
                if ((truths[i] - estimates[j]).LengthSquared < c2) Union(i, n + j);
            }
        }
        for (var k = 0; k < total; k++) _keys[k] = (long)Find(k) * total + k;
        Array.Sort(_keys, 0, total);
    }

    private int Find(int k)
    {
        while (_parent[k] != k) k = _parent[k] = _parent[_parent[k]];
        return k;
    }

    private void Union(int a, int b)
    {
        var ra = Find(a);
        var rb = Find(b);
        if (ra != rb) _parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
    }

    private void EnsureCapacity(int costs, int rows)
    {
        if (_costs.Length < costs) _costs = new double[Math.Max(costs, _costs.Length * 2)];
        if (_assignment.Length < rows) _assignment = new int[Math.Max(rows, _assignment.Length * 2)];
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
