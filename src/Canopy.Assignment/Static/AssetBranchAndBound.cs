namespace Canopy.Assignment.Static;

/// <summary>
/// The search of <see cref="BranchAndBoundAssetSolver"/>: depth d assigns copy d; per depth it keeps E (see the
/// solver), the children's bounds in best-first order and the threat chosen, all allocated once. A node's bound is the
/// smaller of sum_k B_k (B_k = W_k prod_j (1 - lethality_j e^E_j), every copy left at every threat) and the Lagrangian
/// bound lambda . r + sum_k min(B_k, Phi_k), where Phi_k bounds asset k's priced subproblem given the copies decided
/// (value minus the prices of the copies still to come): a completion that puts z_k more copies on asset k keeps at
/// most Phi_k + lambda . z_k there, and sum_k z_k &lt;= r. At the root Phi_k = phi_k; a child that puts a copy of type i
/// on asset k keeps the other assets' Phi (fewer copies left can only lower them) and gives asset k the smaller of
/// Phi_k + lambda_i and its subproblem solved again from the child (at most <see cref="ResolveNodes"/> nodes).
/// </summary>
internal sealed class AssetBranchAndBound
{
    private const double Tolerance = 1e-12;
    private readonly AssetWtaProblem _problem;
    private readonly int[] _type;       // weapon type of the copy assigned at each depth
    private readonly int[] _target;     // threat chosen at each depth
    private readonly double[][] _e;     // E at each depth
    private readonly double[] _factor;  // 1 - lethality_j e^(E_j - q_ij) of the node being expanded
    private readonly double[] _asset;   // each asset's bound when the copy goes elsewhere
    private readonly double[][] _keys;  // minus the children's bounds, sorted
    private readonly int[][] _threats;  // the children's threats, in the same order
    private readonly double[] _open;    // bound of the child being explored at each depth
    private readonly double _rootBound;
    private readonly double[] _lambda;   // price of each weapon type
    private readonly double[] _priceLeft; // lambda . r at each depth
    private readonly double[][] _phi;    // Phi_k at each depth
    private readonly double[][] _childPhi; // Phi_k of the child that puts the copy of depth d on threat j, by threat
    private readonly double[] _fixedLog; // ln S_j of the copies decided on the current path
    private readonly PricedAssetSubproblem _sub;
    private Func<bool> _stop = () => false;
    private double _bestValue;

    /// <summary>A search from the incumbent <paramref name="start"/>, with prices and subproblem bounds from <see cref="AssetLagrangianPrices"/>.</summary>
    public AssetBranchAndBound(AssetWtaProblem problem, WtaPlan start, double startValue, double[] lambda, double[] phi)
    {
        _problem = problem;
        _type = CopyTypes(problem);
        _lambda = lambda;
        _priceLeft = new double[_type.Length + 1];
        for (var d = _type.Length - 1; d >= 0; d--) _priceLeft[d] = _priceLeft[d + 1] + lambda[_type[d]];
        int copies = _type.Length, n = problem.Threats;
        _target = new int[copies];
        _e = new double[copies + 1][];
        _keys = new double[copies][];
        _threats = new int[copies][];
        _phi = new double[copies + 1][];
        _childPhi = new double[copies][];
        for (var d = 0; d <= copies; d++)
        {
            _e[d] = new double[n];
            _phi[d] = new double[problem.Assets];
        }
        for (var d = 0; d < copies; d++)
        {
            _keys[d] = new double[n];
            _threats[d] = new int[n];
            _childPhi[d] = new double[n];
        }
        phi.CopyTo(_phi[0], 0);
        _fixedLog = new double[n];
        _sub = new PricedAssetSubproblem(problem, _type);
        foreach (var i in _type)
            for (var j = 0; j < n; j++) _e[0][j] += problem.LogSurvival(i, j);
        _factor = new double[n];
        _asset = new double[problem.Assets];
        _open = new double[copies];
        Best = start.Clone();
        _bestValue = startValue;
        _rootBound = Math.Min(Bound(_e[0]), _priceLeft[0] + phi.Sum());
    }

    /// <summary>The weapon type of each copy in search order: every copy of a type together, the types by falling best kill probability.</summary>
    public static int[] CopyTypes(AssetWtaProblem problem) =>
        Enumerable.Range(0, problem.WeaponTypes)
            .OrderByDescending(i => Enumerable.Range(0, problem.Threats).Max(j => problem.Kill(i, j))).ThenBy(i => i)
            .SelectMany(i => Enumerable.Repeat(i, problem.Counts[i])).ToArray();

    /// <summary>Most nodes of one priced subproblem solved again at a child.</summary>
    public long ResolveNodes { get; init; } = 100_000;

    /// <summary>The best plan found so far.</summary>
    public WtaPlan Best { get; }

    /// <summary>Searches until done or <paramref name="stop"/> returns true (asked before each subproblem); returns the proven upper bound.</summary>
    public double Run(Func<bool> stop)
    {
        _stop = stop;
        var depth = Visit(0);
        if (depth < 0) return _bestValue;
        var upper = depth == 0 ? Math.Max(_bestValue, _rootBound) : _bestValue;
        for (var d = 0; d <= depth && d < _open.Length; d++) upper = Math.Max(upper, _open[d]);
        return upper;
    }

    /// <summary>Explores the node at depth d; returns -1 when done, else the depth at which the search stopped.</summary>
    private int Visit(int d)
    {
        var e = _e[d];
        if (d == _type.Length)
        {
            var value = Bound(e);
            if (value > _bestValue) Record(value);
            return -1;
        }
        var count = Expand(d);
        if (count < 0) return d;
        var keys = _keys[d];
        var threats = _threats[d];
        for (var c = 0; c < count; c++)
        {
            var bound = -keys[c];
            if (bound <= Threshold) break;
            var j = threats[c];
            _open[d] = bound;
            _target[d] = j;
            var child = _e[d + 1];
            for (var t = 0; t < child.Length; t++) child[t] = e[t] - _problem.LogSurvival(_type[d], t);
            child[j] = e[j];
            _phi[d].CopyTo(_phi[d + 1], 0);
            _phi[d + 1][_problem.AimedAt(j)] = _childPhi[d][j];
            var log = _fixedLog[j];
            _fixedLog[j] = log + _problem.LogSurvival(_type[d], j);
            var stopped = Visit(d + 1);
            _fixedLog[j] = log;
            if (stopped >= 0) return stopped;
        }
        _open[d] = double.NegativeInfinity;
        return -1;
    }

    /// <summary>Bounds of the children of depth d that beat the incumbent, best first in _keys[d] / _threats[d]; returns how many, -1 when stopped.</summary>
    private int Expand(int d)
    {
        var e = _e[d];
        var i = _type[d];
        for (var j = 0; j < e.Length; j++) _factor[j] = 1 - _problem.Lethality(j) * Math.Exp(e[j] - _problem.LogSurvival(i, j));
        var phi = _phi[d];
        double total = 0, lagrangian = _priceLeft[d + 1];
        for (var k = 0; k < _asset.Length; k++)
        {
            var value = _problem.AssetValues[k];
            foreach (var j in _problem.ThreatsOn(k)) value *= _factor[j];
            _asset[k] = value;
            total += value;
            lagrangian += Math.Min(value, phi[k]);
        }
        var first = d > 0 && _type[d - 1] == i ? _target[d - 1] : 0;
        var keys = _keys[d];
        var threats = _threats[d];
        var count = 0;
        var threshold = Threshold;
        for (var j = first; j < e.Length; j++)
        {
            var k = _problem.AimedAt(j);
            var value = _problem.AssetValues[k];
            foreach (var t in _problem.ThreatsOn(k)) value *= t == j ? 1 - _problem.Lethality(j) * Math.Exp(e[j]) : _factor[t];
            var simple = total - _asset[k] + value;
            var others = lagrangian - Math.Min(_asset[k], phi[k]);
            var childPhi = phi[k] + _lambda[i];
            if (Math.Min(simple, others + Math.Min(value, childPhi)) <= threshold) continue;
            if (_stop()) return -1;
            var log = _fixedLog[j];
            _fixedLog[j] = log + _problem.LogSurvival(i, j);
            childPhi = Math.Min(childPhi, _sub.Maximise(k, _lambda, ResolveNodes, d + 1, _fixedLog, _stop));
            _fixedLog[j] = log;
            _childPhi[d][j] = childPhi;
            var bound = Math.Min(simple, others + Math.Min(value, childPhi));
            if (bound <= threshold) continue;
            keys[count] = -bound;
            threats[count++] = j;
        }
        keys.AsSpan(0, count).Sort(threats.AsSpan(0, count));
        return count;
    }

    private double Threshold => _bestValue + Tolerance * Math.Abs(_bestValue);

    /// <summary>sum_k W_k prod_j (1 - lethality_j e^E_j).</summary>
    private double Bound(double[] e)
    {
        var total = 0.0;
        for (var k = 0; k < _problem.Assets; k++)
        {
            var value = _problem.AssetValues[k];
            foreach (var j in _problem.ThreatsOn(k)) value *= 1 - _problem.Lethality(j) * Math.Exp(e[j]);
            total += value;
        }
        return total;
    }

    private void Record(double value)
    {
        _bestValue = value;
        for (var i = 0; i < Best.WeaponTypes; i++)
            for (var j = 0; j < Best.Targets; j++) Best[i, j] = 0;
        for (var d = 0; d < _type.Length; d++) Best[_type[d], _target[d]]++;
    }
}
