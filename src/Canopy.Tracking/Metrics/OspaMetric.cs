using Canopy.Core.Geometry;
using Canopy.Core.Optimization;

namespace Canopy.Tracking.Metrics;

/// <summary>
/// The optimal sub-pattern assignment metric (Schuhmacher, Vo and Vo, "A consistent metric for performance evaluation
/// of multi-object filters", IEEE TSP 2008): with m &lt;= n objects in the smaller and larger set,
/// d = ((min over assignments of the sum of min(d, c)^p + c^p (n - m)) / n)^(1/p); 0 for two empty sets.
/// Reusable: one instance per thread.
/// </summary>
public sealed class OspaMetric
{
    private readonly LinearAssignment _solver = new();
    private double[] _costs = [];
    private int[] _assignment = [];

    /// <param name="cutoff">c, metres: the most a single object can cost; a cardinality error costs c.</param>
    /// <param name="order">p, at least 1.</param>
    public OspaMetric(double cutoff, double order)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cutoff);
        ArgumentOutOfRangeException.ThrowIfLessThan(order, 1);
        Cutoff = cutoff;
        Order = order;
    }

    public double Cutoff { get; }
    public double Order { get; }

    /// <summary>
    /// OSPA from the GOSPA result of the same two sets with the same c and p: both minimise the same sum (an
    /// object far from all others costs a constant), so OSPA = ((L + c^p (max(n, m) - localised)) / max(n, m))^(1/p).
    /// </summary>
    public static double FromGospa(GospaResult gospa, int truths, int estimates, double cutoff, double order)
    {
        var larger = Math.Max(truths, estimates);
        if (larger == 0) return 0;
        var localised = truths - gospa.MissedCount;
        return Math.Pow((gospa.Localisation + Math.Pow(cutoff, order) * (larger - localised)) / larger, 1 / order);
    }

    /// <summary>The OSPA distance (metres) between the two sets.</summary>
    public double Compute(ReadOnlySpan<Vec3> truths, ReadOnlySpan<Vec3> estimates)
    {
        var rows = truths.Length;
        var columns = estimates.Length;
        var larger = Math.Max(rows, columns);
        if (larger == 0) return 0;
        if (_costs.Length < rows * columns) _costs = new double[Math.Max(rows * columns, _costs.Length * 2)];
        if (_assignment.Length < rows) _assignment = new int[Math.Max(rows, _assignment.Length * 2)];
        var cutoffCost = Math.Pow(Cutoff, Order);
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
                _costs[i * columns + j] = Math.Min(Math.Pow(Vec3.Distance(truths[i], estimates[j]), Order), cutoffCost);
        }
        var assigned = _solver.Solve(_costs.AsSpan(0, rows * columns), rows, columns, _assignment);
        var cardinalityError = larger - Math.Min(rows, columns);
        return Math.Pow((assigned + cutoffCost * cardinalityError) / larger, 1 / Order);
    }
}
