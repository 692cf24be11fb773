using Canopy.Core.Optimization;

namespace Canopy.Federation.Fusion;

/// <summary>
/// Associates one nation's tracks (the incoming side) with the system tracks built so far: the squared Mahalanobis
/// distance of the state difference over the sum of the two covariances, gated; a pair associated at the previous
/// scan that still passes the gate is kept first (association persists by (nation, track id)); the rest by global
/// nearest neighbour, an optimal 2-D assignment (<see cref="LinearAssignment"/>: as many gated pairs as possible, then
/// the least total distance) solved separately in each cluster of tracks linked by gated pairs. Candidates are found
/// through a horizontal grid of <see cref="TrackFusionOptions.SearchRadius"/> cells. Deterministic: the same inputs
/// give the same pairs. One instance per thread.
/// </summary>
internal sealed class GnnTrackToTrackAssociator(TrackFusionOptions options)
{
    private readonly LinearAssignment _solver = new();
    private readonly Dictionary<(long, long), List<int>> _grid = [];

    /// <summary>
    /// For each incoming track, the index of its system track, or -1 when it starts a new one.
    /// </summary>
    /// <param name="preferred">For each incoming track, the system track it was associated with at the previous scan, or -1.</param>
    public int[] Associate(IReadOnlyList<TrackEstimate> system, IReadOnlyList<TrackEstimate> incoming, IReadOnlyList<int> preferred)
    {
        var result = new int[incoming.Count];
        Array.Fill(result, -1);
        var systemTaken = new bool[system.Count];
        // 1. Persistence: last scan's pairs that still gate.
        for (var j = 0; j < incoming.Count; j++)
        {
            var s = preferred[j];
            if (s < 0 || s >= system.Count || systemTaken[s]) continue;
            if (Distance(system[s], incoming[j]) <= options.Gate)
            {
                result[j] = s;
                systemTaken[s] = true;
            }
        }
        // 2. Gated candidate pairs among the rest.
        BuildGrid(system, systemTaken);
        var edges = new List<(int System, int Incoming, double D2)>();
        var cell = options.SearchRadius;
        for (var j = 0; j < incoming.Count; j++)
        {
            if (result[j] >= 0) continue;
            var b = incoming[j];
            var (cx, cy) = ((long)Math.Floor(b.X[0] / cell), (long)Math.Floor(b.X[1] / cell));
            for (var dx = -1L; dx <= 1; dx++)
            {
                for (var dy = -1L; dy <= 1; dy++)
                {
                    if (!_grid.TryGetValue((cx + dx, cy + dy), out var list)) continue;
                    foreach (var s in list)
                    {
                        var a = system[s];
                        var h2 = (a.X[0] - b.X[0]) * (a.X[0] - b.X[0]) + (a.X[1] - b.X[1]) * (a.X[1] - b.X[1]);
                        if (h2 > cell * cell) continue;
                        var d2 = Distance(a, b);
                        if (d2 <= options.Gate) edges.Add((s, j, d2));
                    }
                }
            }
        }
        Solve(edges, system.Count, incoming.Count, result);
        return result;
    }

    /// <summary>d² = (x_a − x_b)ᵀ (P_a + P_b)⁻¹ (x_a − x_b); +∞ when the sum is not positive definite.</summary>
    public static double Distance(TrackEstimate a, TrackEstimate b)
    {
        Span<double> s = stackalloc double[SymmetricMatrix6.Size];
        Span<double> inverse = stackalloc double[SymmetricMatrix6.Size];
        Span<double> d = stackalloc double[6];
        for (var k = 0; k < SymmetricMatrix6.Size; k++) s[k] = a.P[k] + b.P[k];
        for (var k = 0; k < 6; k++) d[k] = a.X[k] - b.X[k];
        return double.IsNaN(SymmetricMatrix6.Invert(s, inverse)) ? double.PositiveInfinity : SymmetricMatrix6.QuadraticForm(inverse, d);
    }

    private void BuildGrid(IReadOnlyList<TrackEstimate> system, bool[] taken)
    {
        foreach (var list in _grid.Values) list.Clear();
        var cell = options.SearchRadius;
        for (var s = 0; s < system.Count; s++)
        {
            if (taken[s]) continue;
            var key = ((long)Math.Floor(system[s].X[0] / cell), (long)Math.Floor(system[s].X[1] / cell));
            if (!_grid.TryGetValue(key, out var list)) _grid[key] = list = [];
            list.Add(s);
        }
    }

    /// <summary>Splits the gated pairs into connected clusters and solves each by optimal assignment.</summary>
    private void Solve(List<(int System, int Incoming, double D2)> edges, int systemCount, int incomingCount, int[] result)
    {
        if (edges.Count == 0) return;
        // Union-find over system tracks (0..S-1) and incoming tracks (S..S+I-1).
        var parent = new int[systemCount + incomingCount];
        for (var k = 0; k < parent.Length; k++) parent[k] = k;
        foreach (var (s, j, _) in edges) Union(parent, s, systemCount + j);
        var clusters = new SortedDictionary<int, List<(int System, int Incoming, double D2)>>();
        foreach (var e in edges)
        {
            var root = Find(parent, e.System);
            if (!clusters.TryGetValue(root, out var list)) clusters[root] = list = [];
            list.Add(e);
        }
        foreach (var cluster in clusters.Values)
        {
            var rows = cluster.Select(e => e.Incoming).Distinct().Order().ToArray();
            var columns = cluster.Select(e => e.System).Distinct().Order().ToArray();
            var rowIndex = rows.Select((r, i) => (r, i)).ToDictionary(p => p.r, p => p.i);
            var columnIndex = columns.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
            var costs = new double[rows.Length * columns.Length];
            Array.Fill(costs, double.PositiveInfinity);
            foreach (var (s, j, d2) in cluster) costs[rowIndex[j] * columns.Length + columnIndex[s]] = d2;
            var assignment = new int[rows.Length];
            _solver.Solve(costs, rows.Length, columns.Length, assignment);
            for (var r = 0; r < rows.Length; r++)
            {
                var c = assignment[r];
                if (c >= 0 && double.IsFinite(costs[r * columns.Length + c])) result[rows[r]] = columns[c];
            }
        }
    }

    private static int Find(int[] parent, int k)
    {
        while (parent[k] != k) k = parent[k] = parent[parent[k]];
        return k;
    }

    private static void Union(int[] parent, int a, int b)
    {
        var (ra, rb) = (Find(parent, a), Find(parent, b));
        if (ra != rb) parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
    }
}
