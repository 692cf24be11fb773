namespace Canopy.Tracking.Association;

/// <summary>A track-plot pair inside the gate: squared Mahalanobis distance and log-determinant of its innovation covariance.</summary>
public readonly record struct GateEdge(int Track, int Plot, double Distance2, double LogDetS);

/// <summary>
/// Splits the gate graph (tracks and plots as nodes, gate edges between them) into connected components by union-find:
/// each cluster can be associated on its own. Edges are grouped by cluster, in input order within each.
/// Buffers are kept between builds.
/// </summary>
public sealed class GateClusters
{
    private int[] _parent = new int[64];
    private int[] _clusterOfRoot = new int[64];
    private int[] _start = new int[64];
    private int[] _edgeOrder = new int[64];
    private int[] _fill = new int[64];
    private int _count;

    /// <summary>Number of clusters found by the last <see cref="Build"/>.</summary>
    public int Count => _count;

    /// <summary>Finds the clusters of <paramref name="tracks"/> tracks and <paramref name="plots"/> plots joined by <paramref name="edges"/>.</summary>
    public void Build(int tracks, int plots, ReadOnlySpan<GateEdge> edges)
    {
        var nodes = tracks + plots;
        Grow(ref _parent, nodes);
        Grow(ref _clusterOfRoot, nodes);
        Grow(ref _edgeOrder, edges.Length);
        for (var i = 0; i < nodes; i++) _parent[i] = i;
        foreach (var e in edges) Union(e.Track, tracks + e.Plot);
        Array.Fill(_clusterOfRoot, -1, 0, nodes);
        _count = 0;
        foreach (var e in edges)
        {
            var root = Find(e.Track);
            if (_clusterOfRoot[root] < 0) _clusterOfRoot[root] = _count++;
        }
        Grow(ref _start, _count + 1);
        Array.Clear(_start, 0, _count + 1);
        foreach (var e in edges) _start[_clusterOfRoot[Find(e.Track)] + 1]++;
        for (var c = 0; c < _count; c++) _start[c + 1] += _start[c];
        Grow(ref _fill, _count);
        var fill = _fill.AsSpan(0, _count);
        fill.Clear();
        for (var i = 0; i < edges.Length; i++)
        {
            var c = _clusterOfRoot[Find(edges[i].Track)];
            _edgeOrder[_start[c] + fill[c]++] = i;
        }
    }

    /// <summary>Indices (into the edges given to <see cref="Build"/>) of the edges of cluster <paramref name="cluster"/>.</summary>
    public ReadOnlySpan<int> Edges(int cluster) => _edgeOrder.AsSpan(_start[cluster], _start[cluster + 1] - _start[cluster]);

    private int Find(int i)
    {
        while (_parent[i] != i)
        {
            _parent[i] = _parent[_parent[i]];
            i = _parent[i];
        }
        return i;
    }

    private void Union(int a, int b)
    {
        a = Find(a);
        b = Find(b);
        if (a != b) _parent[Math.Max(a, b)] = Math.Min(a, b);
    }

    private static void Grow(ref int[] array, int size)
    {
        if (array.Length < size) array = new int[Math.Max(size, array.Length * 2)];
    }
}
