namespace Canopy.Assignment.Static;

/// <summary>
/// One asset's Lagrangian subproblem: phi_k(lambda) = max over y of W_k prod_(j aimed at k) (1 - lethality_j S_j(y))
/// - sum_ij lambda_i y_ij, with y_ij copies of type i at threat j of asset k and sum_j y_ij &lt;= mu_i. Depth first
/// over the copies (each to one of the asset's threats or unused; copies of one type in non-decreasing order, unused
/// last), best bound first, pruned by the value with every undecided copy of a paying type (see Bound) at every
/// threat minus the prices paid so far; copies of types that do not pay only go unused. Exact when it ends within its
/// node limit; otherwise it returns the largest bound still open, which is still an upper bound on phi_k.
/// </summary>
internal sealed class PricedAssetSubproblem
{
    private readonly AssetWtaProblem _problem;
    private readonly int[] _type;      // weapon type of the copy decided at each depth
    private readonly int[] _choice;    // position chosen at each depth: a threat of the asset, or _width for unused
    private readonly int[] _path;      // copies of each type used along the current path
    private readonly int[] _blockEnd;  // first depth after the copies of the type decided at each depth
    private readonly double[][] _s;    // ln S of the asset's threats under the copies decided, per depth
    private readonly double[][] _keys; // minus the children's bounds, sorted
    private readonly int[][] _positions;
    private readonly double[] _open;    // bound of the child being explored at each depth
    private readonly double[] _log;    // scratch: ln S with the paying undecided copies
    private readonly double[] _factor; // scratch: 1 - lethality_j S_j with them
    private readonly bool[] _paying;   // scratch: the types whose copies may pay their price
    private readonly int[] _threats;   // the asset's threats, the first _width of them
    private int _width;
    private int _from;                 // depth of the first undecided copy
    private double[] _lambda = [];
    private double _worth;             // W_k
    private double _best;
    private long _nodes;
    private Func<bool>? _stop;
    private long _limit;

    public PricedAssetSubproblem(AssetWtaProblem problem, int[] copyTypes)
    {
        _problem = problem;
        _type = copyTypes;
        var width = Enumerable.Range(0, problem.Assets).Max(k => problem.ThreatsOn(k).Length) + 1;
        _choice = new int[copyTypes.Length];
        _path = new int[problem.WeaponTypes];
        _blockEnd = new int[copyTypes.Length];
        for (var d = copyTypes.Length - 1; d >= 0; d--)
            _blockEnd[d] = d + 1 < copyTypes.Length && copyTypes[d + 1] == copyTypes[d] ? _blockEnd[d + 1] : d + 1;
        _s = new double[copyTypes.Length + 1][];
        _keys = new double[copyTypes.Length][];
        _positions = new int[copyTypes.Length][];
        for (var d = 0; d <= copyTypes.Length; d++) _s[d] = new double[width];
        for (var d = 0; d < copyTypes.Length; d++)
        {
            _keys[d] = new double[width];
            _positions[d] = new int[width];
        }
        _open = new double[copyTypes.Length];
        _log = new double[width];
        _factor = new double[width];
        _paying = new bool[problem.WeaponTypes];
        _threats = new int[width];
        Used = new int[problem.WeaponTypes];
    }

    /// <summary>Copies of each type in the best allocation found by the last <see cref="Maximise"/>.</summary>
    public int[] Used { get; }

    /// <summary>
    /// An upper bound on phi_k(lambda) when the copies before depth <paramref name="from"/> are decided (ln S_j of those
    /// on asset k's threats in <paramref name="fixedLog"/>, indexed by threat; the prices already paid left out) and the
    /// rest may go to asset k; exact when at most <paramref name="nodeLimit"/> nodes suffice and <paramref name="stop"/>
    /// (asked every 1024 nodes) does not end it first: a search cut short either way still returns an upper bound.
    /// </summary>
    public double Maximise(int k, double[] lambda, long nodeLimit, int from, ReadOnlySpan<double> fixedLog, Func<bool>? stop = null)
    {
        _stop = stop;
        var threats = _problem.ThreatsOn(k);
        threats.CopyTo(_threats);
        _width = threats.Length;
        _from = from;
        _lambda = lambda;
        _limit = nodeLimit;
        _nodes = 0;
        Array.Clear(Used);
        Array.Clear(_path);
        _worth = _problem.AssetValues[k];
        _best = _worth;
        for (var c = 0; c < _width; c++)
        {
            _s[from][c] = fixedLog[_threats[c]];
            _best *= 1 - _problem.Lethality(_threats[c]) * Math.Exp(fixedLog[_threats[c]]);
        }
        var stopped = Visit(from, 0);
        var upper = _best;
        for (var d = from; d < stopped; d++) upper = Math.Max(upper, _open[d]);
        return stopped == from ? Math.Max(upper, Bound(from)) : upper;
    }

    /// <summary>Explores the node at depth d that has paid <paramref name="cost"/>; returns -1 when done, else the depth where it stopped.</summary>
    private int Visit(int d, double cost)
    {
        if (d == _type.Length)
        {
            var value = Bound(d) - cost;
            if (value > _best)
            {
                _best = value;
                _path.CopyTo(Used, 0);
            }
            return -1;
        }
        // A node costs O(types x threats) here: 200,000 of them took 12 s with a 1.5 s limit (10^4 weapons, 40 assets).
        if (++_nodes > _limit || ((_nodes & 1023) == 0 && _stop is not null && _stop())) return d;
        var i = _type[d];
        var t = _width;
        var keys = _keys[d];
        var positions = _positions[d];
        var count = 0;
        Bound(d);
        var pays = _paying[i];
        for (var p = pays ? (d > _from && _type[d - 1] == i ? _choice[d - 1] : 0) : t; p <= t; p++)
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

    /// <summary>Writes ln S of the child that puts copy d at position p into depth d + 1; returns its bound before prices.</summary>
    private double Child(int d, int p)
    {
        _s[d].AsSpan(0, _width).CopyTo(_s[d + 1]);
        if (p < _width) _s[d + 1][p] += _problem.LogSurvival(_type[d], _threats[p]);
        return Bound(d + 1);
    }

    /// <summary>
    /// W_k prod (1 - lethality_j S_j) with every copy from depth d on of a paying type at every threat; leaves in
    /// _paying which types pay. A copy of type i at threat j adds W_k lethality_j p_ij S_j prod_(j' != j) f_j' to the
    /// value, S_j (without it) at most that of the decided copies, f_j' = 1 - lethality_j' S_j' at most its value with
    /// every copy of the types not yet ruled out. Types whose copies add at most their price nowhere are ruled out
    /// (dropping their copies from a completion never lowers value minus price), which lowers the f, until none more is.
    /// </summary>
    private double Bound(int d)
    {
        var s = _s[d];
        var t = _width;
        for (var u = d; u < _type.Length; u = _blockEnd[u]) _paying[_type[u]] = true;
        while (true)
        {
            s.AsSpan(0, t).CopyTo(_log);
            for (var u = d; u < _type.Length; u = _blockEnd[u])
                if (_paying[_type[u]])
                    for (var c = 0; c < t; c++) _log[c] += (_blockEnd[u] - u) * _problem.LogSurvival(_type[u], _threats[c]);
            var value = _worth;
            for (var c = 0; c < t; c++)
            {
                _factor[c] = 1 - _problem.Lethality(_threats[c]) * Math.Exp(_log[c]);
                value *= _factor[c];
            }
            var changed = false;
            for (var u = d; u < _type.Length; u = _blockEnd[u])
                if (_paying[_type[u]] && !Pays(_type[u], s))
                {
                    _paying[_type[u]] = false;
                    changed = true;
                }
            if (!changed) return value;
        }
    }

    /// <summary>Whether a copy of type i could add more than its price anywhere on the asset (see <see cref="Bound"/>).</summary>
    private bool Pays(int i, double[] s)
    {
        for (var c = 0; c < _width; c++)
        {
            var gain = _worth * _problem.Lethality(_threats[c]) * _problem.Kill(i, _threats[c]) * Math.Exp(s[c]);
            for (var o = 0; o < _width; o++)
                if (o != c) gain *= _factor[o];
            if (_lambda[i] < gain) return true;
        }
        return false;
    }
}
