namespace Canopy.Assignment.Static;

/// <summary>
/// Minimum-cost assignment of every row to a distinct column (rows &lt;= columns) by shortest augmenting paths
/// with potentials (the Hungarian method), O(rows^2 columns), asking the deadline before each row. Buffers are
/// reused between calls.
/// </summary>
internal sealed class HungarianAssignment
{
    private double[] _u = [], _v = [], _minv = [];
    private int[] _p = [], _wayIndex = [];
    private bool[] _used = [];

    /// <summary>
    /// Writes the column of each row into <paramref name="columnOfRow"/> (<paramref name="cost"/> is row-major); false,
    /// and nothing written, when <paramref name="deadline"/> ends first.
    /// </summary>
    public bool Solve(ReadOnlySpan<double> cost, int rows, int columns, Span<int> columnOfRow, SolverDeadline? deadline = null)
    {
        if (rows > columns) throw new ArgumentException("more rows than columns");
        Ensure(rows, columns);
        _u.AsSpan(0, rows + 1).Clear();
        _v.AsSpan(0, columns + 1).Clear();
        _p.AsSpan(0, columns + 1).Clear();
        for (var i = 1; i <= rows; i++)
        {
            if (deadline is { Expired: true }) return false;
            _p[0] = i;
            var j0 = 0;
            _minv.AsSpan(0, columns + 1).Fill(double.PositiveInfinity);
            _used.AsSpan(0, columns + 1).Clear();
            do
            {
                _used[j0] = true;
                int i0 = _p[j0], j1 = 0;
                var delta = double.PositiveInfinity;
                var row = cost.Slice((i0 - 1) * columns, columns);
                for (var j = 1; j <= columns; j++)
                {
                    if (_used[j]) continue;
                    var cur = row[j - 1] - _u[i0] - _v[j];
                    if (cur < _minv[j])
                    {
                        _minv[j] = cur;
                        _wayIndex[j] = j0;
                    }
                    if (_minv[j] < delta)
                    {
                        delta = _minv[j];
                        j1 = j;
                    }
                }
                for (var j = 0; j <= columns; j++)
                {
                    if (_used[j])
                    {
                        _u[_p[j]] += delta;
                        _v[j] -= delta;
                    }
                    else _minv[j] -= delta;
                }
                j0 = j1;
            }
            while (_p[j0] != 0);
            do
            {
                var j1 = _wayIndex[j0];
                _p[j0] = _p[j1];
                j0 = j1;
            }
            while (j0 != 0);
        }
        for (var j = 1; j <= columns; j++)
            if (_p[j] != 0) columnOfRow[_p[j] - 1] = j - 1;
        return true;
    }

    private void Ensure(int rows, int columns)
    {
        if (_u.Length < rows + 1) _u = new double[rows + 1];
        if (_v.Length >= columns + 1) return;
        _v = new double[columns + 1];
        _minv = new double[columns + 1];
        _p = new int[columns + 1];
        _wayIndex = new int[columns + 1];
        _used = new bool[columns + 1];
    }
}
