using Canopy.Core.Optimization;

namespace Canopy.Tracking.Association;

/// <summary>
/// Associates the tracks and plots of one gate cluster: writes each edge's association probability (1 or 0 for a
/// hard decision). A track's probability of no association is one less the sum over its edges.
/// </summary>
public interface IAssociator
{
    /// <param name="edges">All gate edges of the scan.</param>
    /// <param name="cluster">Indices into <paramref name="edges"/> of one cluster's edges.</param>
    /// <param name="weights">One probability per entry of <paramref name="cluster"/>.</param>
    void Associate(ReadOnlySpan<GateEdge> edges, ReadOnlySpan<int> cluster, Span<double> weights);
}

/// <summary>
/// Global nearest neighbour: the pairing of least total squared Mahalanobis distance, each track leaving its plot
/// unpaired at the cost of the gate, solved exactly by 2-D assignment (Jonker-Volgenant) per cluster.
/// </summary>
public sealed class GnnWith2DAssignment(double gate) : IAssociator
{
    private readonly LinearAssignment _solver = new();
    private readonly ClusterIndex _index = new();
    private double[] _costs = new double[64];
    private int[] _columnForRow = new int[16];

    public void Associate(ReadOnlySpan<GateEdge> edges, ReadOnlySpan<int> cluster, Span<double> weights)
    {
        if (cluster.Length == 1)
        {
            weights[0] = 1;
            return;
        }
        _index.Build(edges, cluster);
        int rows = _index.Tracks, plots = _index.Plots, columns = plots + rows;
        if (_costs.Length < rows * columns) _costs = new double[Math.Max(rows * columns, _costs.Length * 2)];
        if (_columnForRow.Length < rows) _columnForRow = new int[Math.Max(rows, _columnForRow.Length * 2)];
        var costs = _costs.AsSpan(0, rows * columns);
        costs.Fill(double.PositiveInfinity);
        for (var r = 0; r < rows; r++) costs[r * columns + plots + r] = gate;
        foreach (var e in cluster)
            costs[_index.RowOf(edges[e].Track) * columns + _index.ColumnOf(edges[e].Plot)] = edges[e].Distance2;
        _solver.Solve(costs, rows, columns, _columnForRow);
        for (var i = 0; i < cluster.Length; i++)
        {
            var e = edges[cluster[i]];
            weights[i] = _columnForRow[_index.RowOf(e.Track)] == _index.ColumnOf(e.Plot) ? 1 : 0;
        }
        _index.Clear(edges, cluster);
    }
}

/// <summary>
/// Joint probabilistic data association (Fortmann, Bar-Shalom and Scheffe, 1983) with Poisson clutter: every joint
/// event (each track takes at most one of its gated plots, each plot at most one track) is enumerated exactly and
/// weighted by Π PD·N(ν; 0, S)/λ over the detected tracks and Π (1 − PD) over the others. A cluster whose
/// events would exceed a bound is associated by global nearest neighbour instead.
/// </summary>
public sealed class JointProbabilisticAssociator(double detectionProbability, double clutterDensity, int maxHypotheses, double gate)
    : IAssociator
{
    private static readonly double LogTwoPiCubed = 3 * Math.Log(2 * Math.PI);

    private readonly GnnWith2DAssignment _fallback = new(gate);
    private readonly ClusterIndex _index = new();
    private double[] _ratio = new double[16];
    private int[] _rowStart = new int[16];
    private int[] _rowEdges = new int[16];
    private bool[] _plotUsed = new bool[16];

    public void Associate(ReadOnlySpan<GateEdge> edges, ReadOnlySpan<int> cluster, Span<double> weights)
    {
        _index.Build(edges, cluster);
        var rows = _index.Tracks;
        var hypotheses = 1L;
        Grow(ref _rowStart, rows + 1);
        Array.Clear(_rowStart, 0, rows + 1);
        foreach (var e in cluster) _rowStart[_index.RowOf(edges[e].Track) + 1]++;
        for (var r = 0; r < rows && hypotheses <= maxHypotheses; r++) hypotheses *= 1 + _rowStart[r + 1];
        if (hypotheses > maxHypotheses)
        {
            _index.Clear(edges, cluster);
            _fallback.Associate(edges, cluster, weights);
            return;
        }
        for (var r = 0; r < rows; r++) _rowStart[r + 1] += _rowStart[r];
        Grow(ref _rowEdges, cluster.Length);
        Grow(ref _ratio, cluster.Length);
        Grow(ref _plotUsed, _index.Plots);
        Span<int> fill = stackalloc int[rows];
        var missFactor = Math.Max(1e-9, 1 - detectionProbability);
        for (var i = 0; i < cluster.Length; i++)
        {
            var e = edges[cluster[i]];
            var r = _index.RowOf(e.Track);
            _rowEdges[_rowStart[r] + fill[r]++] = i;
            var logN = -0.5 * (e.Distance2 + e.LogDetS + LogTwoPiCubed);
            _ratio[i] = detectionProbability * Math.Exp(logN) / (clutterDensity * missFactor);
        }
        weights[..cluster.Length].Clear();
        Array.Clear(_plotUsed, 0, _index.Plots);
        var total = Enumerate(edges, cluster, weights, 0, rows, 1.0);
        if (total > 0)
            for (var i = 0; i < cluster.Length; i++) weights[i] /= total;
        _index.Clear(edges, cluster);
    }

    /// <summary>Sums the weights of all joint events over rows from <paramref name="row"/> on, adding each event's weight to its edges.</summary>
    private double Enumerate(ReadOnlySpan<GateEdge> edges, ReadOnlySpan<int> cluster, Span<double> weights, int row, int rows, double product)
    {
        if (row == rows) return product;
        // The track undetected, then each of its free gated plots; the recursion below adds to weights of the path.
        var total = Enumerate(edges, cluster, weights, row + 1, rows, product);
        for (var k = _rowStart[row]; k < _rowStart[row + 1]; k++)
        {
            var i = _rowEdges[k];
            var column = _index.ColumnOf(edges[cluster[i]].Plot);
            if (_plotUsed[column]) continue;
            _plotUsed[column] = true;
            var sub = Enumerate(edges, cluster, weights, row + 1, rows, product * _ratio[i]);
            _plotUsed[column] = false;
            weights[i] += sub;
            total += sub;
        }
        return total;
    }

    private static void Grow<T>(ref T[] array, int size)
    {
        if (array.Length < size) array = new T[Math.Max(size, array.Length * 2)];
    }
}

/// <summary>Numbers a cluster's tracks (rows) and plots (columns) in order of first appearance; maps reset after use.</summary>
internal sealed class ClusterIndex
{
    private int[] _row = [];
    private int[] _column = [];

    public int Tracks { get; private set; }
    public int Plots { get; private set; }

    public int RowOf(int track) => _row[track];
    public int ColumnOf(int plot) => _column[plot];

    public void Build(ReadOnlySpan<GateEdge> edges, ReadOnlySpan<int> cluster)
    {
        Tracks = Plots = 0;
        foreach (var i in cluster)
        {
            var e = edges[i];
            Ensure(ref _row, e.Track);
            Ensure(ref _column, e.Plot);
            if (_row[e.Track] < 0) _row[e.Track] = Tracks++;
            if (_column[e.Plot] < 0) _column[e.Plot] = Plots++;
        }
    }

    public void Clear(ReadOnlySpan<GateEdge> edges, ReadOnlySpan<int> cluster)
    {
        foreach (var i in cluster)
        {
            _row[edges[i].Track] = -1;
            _column[edges[i].Plot] = -1;
        }
    }

    private static void Ensure(ref int[] map, int index)
    {
        if (index < map.Length) return;
        var old = map.Length;
        Array.Resize(ref map, Math.Max(index + 1, old * 2));
        Array.Fill(map, -1, old, map.Length - old);
    }
}
