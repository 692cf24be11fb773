namespace Canopy.Core.Optimization;

/// <summary>
/// Rectangular minimum-cost linear assignment by the shortest augmenting path method of Jonker and Volgenant, as
/// formulated by Crouse (2016, "On implementing 2D rectangular assignment algorithms", IEEE TAES 52(4)).
/// Costs are a row-major rows x columns matrix; <see cref="double.PositiveInfinity"/> forbids a pair.
/// Every row of the smaller side is assigned, so the solution uses as many allowed pairs as possible and, among
/// those, has the least total cost; rows left over or only assignable through a forbidden pair get column -1.
/// The instance keeps its work arrays between calls (they only grow): one instance per thread, no allocation per call
/// in the steady state.
/// </summary>
public sealed class LinearAssignment
{
    // Forbidden pairs cost (1, 0) and allowed pairs (0, c): costs compare lexicographically, which is exact where a
    // large finite "big M" would lose precision, and always leaves a complete bipartite graph to augment in.
    private LexCost[] _u = [];
    private LexCost[] _v = [];
    private LexCost[] _shortest = [];
    private int[] _path = [];
    private int[] _columnOfRow = [];
    private int[] _rowOfColumn = [];
    private int[] _remaining = [];
    private bool[] _scannedRow = [];
    private bool[] _scannedColumn = [];

    /// <summary>
    /// Solves the assignment problem for <paramref name="costs"/> (row-major, <paramref name="rows"/> x
    /// <paramref name="columns"/>), writes each row's column or -1 into <paramref name="columnForRow"/> and returns the
    /// total cost of the assigned pairs.
    /// </summary>
    /// <exception cref="ArgumentException">Sizes disagree, or a cost is NaN or negative infinity.</exception>
    public double Solve(ReadOnlySpan<double> costs, int rows, int columns, Span<int> columnForRow)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        if (costs.Length != rows * columns)
            throw new ArgumentException($"expected {rows} x {columns} = {rows * columns} costs, got {costs.Length}", nameof(costs));
        if (columnForRow.Length < rows)
            throw new ArgumentException($"room for {rows} rows needed, got {columnForRow.Length}", nameof(columnForRow));
        for (var k = 0; k < costs.Length; k++)
        {
            if (double.IsNaN(costs[k]) || double.IsNegativeInfinity(costs[k]))
                throw new ArgumentException($"cost at row {k / columns}, column {k % columns} is {costs[k]}", nameof(costs));
        }

        columnForRow[..rows].Fill(-1);
        if (rows == 0 || columns == 0) return 0;

        // The algorithm needs no more rows than columns; a tall matrix is solved as its transpose, read in place.
        var transposed = rows > columns;
        var n = transposed ? columns : rows;
        var m = transposed ? rows : columns;
        var rowStride = transposed ? 1 : columns;
        var columnStride = transposed ? columns : 1;
        EnsureCapacity(n, m);

        var u = _u.AsSpan(0, n);
        var v = _v.AsSpan(0, m);
        var columnOfRow = _columnOfRow.AsSpan(0, n);
        var rowOfColumn = _rowOfColumn.AsSpan(0, m);
        u.Clear();
        v.Clear();
        columnOfRow.Fill(-1);
        rowOfColumn.Fill(-1);

        for (var row = 0; row < n; row++)
        {
            var (sink, minimum) = AugmentingPath(costs, row, n, m, rowStride, columnStride);
            u[row] += minimum;
            for (var i = 0; i < n; i++)
            {
                if (_scannedRow[i] && i != row) u[i] += minimum - _shortest[columnOfRow[i]];
            }
            for (var j = 0; j < m; j++)
            {
                if (_scannedColumn[j]) v[j] -= minimum - _shortest[j];
            }
            for (var j = sink; ;)
            {
                var i = _path[j];
                rowOfColumn[j] = i;
                (columnOfRow[i], j) = (j, columnOfRow[i]);
                if (i == row) break;
            }
        }

        var total = 0.0;
        for (var i = 0; i < n; i++)
        {
            var j = columnOfRow[i];
            var cost = costs[i * rowStride + j * columnStride];
            if (double.IsPositiveInfinity(cost)) continue;
            total += cost;
            if (transposed) columnForRow[j] = i;
            else columnForRow[i] = j;
        }
        return total;
    }

    /// <summary>
    /// Dijkstra on reduced costs from the free row <paramref name="start"/> to the nearest free column; fills the
    /// predecessor, shortest-distance and scanned arrays and returns the sink column and its distance.
    /// </summary>
    private (int Sink, LexCost Minimum) AugmentingPath(ReadOnlySpan<double> costs, int start, int n, int m, int rowStride, int columnStride)
    {
        var remainingCount = m;
        // Reversed order, as in Crouse's reference code: among equal distances the lowest free column wins.
        for (var k = 0; k < m; k++) _remaining[k] = m - k - 1;
        Array.Clear(_scannedRow, 0, n);
        Array.Clear(_scannedColumn, 0, m);
        Array.Fill(_shortest, LexCost.Infinity, 0, m);

        var minimum = default(LexCost);
        var sink = -1;
        var i = start;
        while (sink == -1)
        {
            var index = -1;
            var lowest = LexCost.Infinity;
            _scannedRow[i] = true;
            var ui = _u[i];
            var rowBase = i * rowStride;
            for (var k = 0; k < remainingCount; k++)
            {
                var j = _remaining[k];
                var c = costs[rowBase + j * columnStride];
                var edge = double.IsPositiveInfinity(c) ? LexCost.Forbidden : new LexCost(0, c);
                var reduced = minimum + edge - ui - _v[j];
                if (reduced < _shortest[j])
                {
                    _path[j] = i;
                    _shortest[j] = reduced;
                }
                if (_shortest[j] < lowest || (_shortest[j] == lowest && _rowOfColumn[j] == -1))
                {
                    lowest = _shortest[j];
                    index = k;
                }
            }

            minimum = lowest;
            var column = _remaining[index];
            if (_rowOfColumn[column] == -1) sink = column;
            else i = _rowOfColumn[column];
            _scannedColumn[column] = true;
            _remaining[index] = _remaining[--remainingCount];
        }
        return (sink, minimum);
    }

    private void EnsureCapacity(int n, int m)
    {
        if (_u.Length < n)
        {
            var size = Math.Max(n, _u.Length * 2);
            _u = new LexCost[size];
            _columnOfRow = new int[size];
            _scannedRow = new bool[size];
        }
        if (_v.Length < m)
        {
            var size = Math.Max(m, _v.Length * 2);
            _v = new LexCost[size];
            _shortest = new LexCost[size];
            _path = new int[size];
            _rowOfColumn = new int[size];
            _remaining = new int[size];
            _scannedColumn = new bool[size];
        }
    }

    /// <summary>A cost ordered first by the number of forbidden pairs it counts, then by its value.</summary>
    private readonly record struct LexCost(double Count, double Value)
    {
        public static readonly LexCost Forbidden = new(1, 0);
        public static readonly LexCost Infinity = new(double.PositiveInfinity, double.PositiveInfinity);

        public static LexCost operator +(LexCost a, LexCost b) => new(a.Count + b.Count, a.Value + b.Value);
        public static LexCost operator -(LexCost a, LexCost b) => new(a.Count - b.Count, a.Value - b.Value);
        public static bool operator <(LexCost a, LexCost b) => a.Count < b.Count || (a.Count == b.Count && a.Value < b.Value);
        public static bool operator >(LexCost a, LexCost b) => b < a;
    }
}
