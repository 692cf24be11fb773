namespace Canopy.Assignment.Static;

/// <summary>
/// One asset's Lagrangian subproblem: phi_k(lambda) = max over y of W_k prod_(j aimed at k) (1 - lethality_j S_j(y))
/// - sum_ij lambda_i y_ij, with y_ij copies of type i at threat j of asset k and sum_j y_ij &lt;= mu_i. Depth first
/// over the copies (each to one of the asset's threats or unused; copies of one type in non-decreasing order, unused
/// last), best bound first, pruned by the value with every copy still undecided at every threat minus the prices paid
/// so far (prices are >= 0). Exact when it ends within its node limit; otherwise it returns the largest bound still
/// open, which is still an upper bound on phi_k.
/// </summary>
internal sealed class PricedAssetSubproblem
{
    private readonly AssetWtaProblem _problem;
    private readonly int[] _type;      // weapon type of the copy decided at each depth
    private readonly int[] _choice;    // position chosen at each depth: a threat of the asset, or Length for unused
    private readonly int[] _path;      // copies of each type used along the current path
    private readonly double[][] _e;    // ln S of the asset's threats with every undecided copy on each, per depth
    private readonly double[][] _keys; // minus the children's bounds, sorted
    private readonly int[][] _positions;
    private readonly double[] _open;
    private int[] _threats = [];
    private double[] _lambda = [];
    private double _worth; // W_k
    private double _best;
    private long _nodes;
    private long _limit;

    public PricedAssetSubproblem(AssetWtaProblem problem, int[] copyTypes)
    {
        _problem = problem;
        _type = copyTypes;
        var width = Enumerable.Range(0, problem.Assets).Max(k => problem.ThreatsOn(k).Length) + 1;
        _choice = new int[copyTypes.Length];
        _path = new int[problem.WeaponTypes];
        _e = new double[copyTypes.Length + 1][];
        _keys = new double[copyTypes.Length][];
        _positions = new int[copyTypes.Length][];
        for (var d = 0; d <= copyTypes.Length; d++) _e[d] = new double[width];
        for (var d = 0; d < copyTypes.Length; d++)
        {
            _keys[d] = new double[width];
            _positions[d] = new int[width];
        }
        _open = new double[copyTypes.Length];
        Used = new int[problem.WeaponTypes];
    }

    /// <summary>Copies of each type in the best allocation found by the last <see cref="Maximise"/>.</summary>
    public int[] Used { get; }

    /// <summary>An upper bound on phi_k(lambda), exact when at most <paramref name="nodeLimit"/> nodes suffice.</summary>
    public double Maximise(int k, double[] lambda, long nodeLimit)
    {
        _threats = _problem.ThreatsOn(k).ToArray();
        _lambda = lambda;
        _limit = nodeLimit;
        _nodes = 0;
        Array.Clear(Used);
        Array.Clear(_path);
        for (var p = 0; p < _threats.Length; p++)
        {
            _e[0][p] = 0;
            foreach (var i in _type) _e[0][p] += _problem.LogSurvival(i, _threats[p]);
        }
        _worth = _problem.AssetValues[k];
        _best = _worth;
        foreach (var j in _threats) _best *= 1 - _problem.Lethality(j);
        var stopped = Visit(0, 0);
        var upper = _best;
        for (var d = 0; d < stopped; d++) upper = Math.Max(upper, _open[d]);
        return stopped == 0 ? Math.Max(upper, Value(_e[0])) : upper;
    }

    /// <summary>Explores the node at depth d that has paid <paramref name="cost"/>; returns -1 when done, else the depth where it stopped.</summary>
    private int Visit(int d, double cost)
    {
        if (d == _type.Length)
        {
            var value = Value(_e[d]) - cost;
            if (value > _best)
            {
                _best = value;
                _path.CopyTo(Used, 0);
            }
            return -1;
        }
        if (++_nodes > _limit) return d;
        var i = _type[d];
        var t = _threats.Length;
        var keys = _keys[d];
        var positions = _positions[d];
        var count = 0;
        for (var p = d > 0 && _type[d - 1] == i ? _choice[d - 1] : 0; p <= t; p++)
        {
            var bound = Child(d, p) - (p < t ? cost + _lambda[i] : cost);
            if (bound <= _best) continue;
            keys[count] = -bound;
            positions[count++] = p;
        }
        keys.AsSpan(0, count).Sort(positions.AsSpan(0, count));
        for (var c = 0; c < count; c++)
        {
            if (-keys[c] <= _best) break;
            _open[d] = -keys[c];
            var p = positions[c];
            _choice[d] = p;
            Child(d, p);
            if (p < t) _path[i]++;
            var stopped = Visit(d + 1, p < t ? cost + _lambda[i] : cost);
            if (p < t) _path[i]--;
            if (stopped >= 0) return stopped;
        }
        return -1;
    }

    /// <summary>Writes E of the child that puts copy d at position p into depth d + 1; returns its asset value.</summary>
    private double Child(int d, int p)
    {
        var e = _e[d];
        var next = _e[d + 1];
        for (var c = 0; c < _threats.Length; c++) next[c] = c == p ? e[c] : e[c] - _problem.LogSurvival(_type[d], _threats[c]);
        return Value(next);
    }

    /// <summary>W_k prod (1 - lethality_j e^E_j) over the asset's threats.</summary>
    private double Value(double[] e)
    {
        var value = _worth;
        for (var c = 0; c < _threats.Length; c++) value *= 1 - _problem.Lethality(_threats[c]) * Math.Exp(e[c]);
        return value;
    }
}
