namespace Canopy.Assignment.Static;

/// <summary>
/// An asset-based plan held as one threat per weapon copy, with each threat's log survival and survival S_j and each
/// asset's expected surviving value kept current. A move changes at most two threats and so at most two assets;
/// it is priced exactly by recomputing those assets' products over their threats. The greedy and the descent ask the
/// deadline between moves (and every few thousand swaps tried) and stop there, the plan staying valid.
/// </summary>
internal sealed class AssetSearchState
{
    private const double Improvement = 1e-12;
    private readonly AssetWtaProblem _problem;
    private readonly int[] _type;        // weapon type of each copy
    private readonly int[] _target;      // threat of each copy, -1 when unassigned
    private readonly double[] _log;      // ln S_j
    private readonly double[] _survival; // S_j
    private readonly double[] _asset;    // expected surviving value of each asset
    private readonly int[] _typeSeen;    // stamps: copies of one type are priced once per greedy step
    private int _stamp;

    public AssetSearchState(AssetWtaProblem problem)
    {
        _problem = problem;
        _type = new int[problem.TotalWeapons];
        for (int i = 0, u = 0; i < problem.WeaponTypes; i++)
            for (var c = 0; c < problem.Counts[i]; c++) _type[u++] = i;
        _target = new int[_type.Length];
        Array.Fill(_target, -1);
        _log = new double[problem.Threats];
        _survival = new double[problem.Threats];
        Array.Fill(_survival, 1.0);
        _asset = new double[problem.Assets];
        for (var k = 0; k < problem.Assets; k++) _asset[k] = problem.AssetValue(k, _survival);
        _typeSeen = new int[problem.WeaponTypes];
    }

    public int Copies => _type.Length;

    public int Threats => _problem.Threats;

    /// <summary>The asset threat j aims at.</summary>
    public int AssetOf(int j) => _problem.AimedAt(j);

    public int TargetOf(int copy) => _target[copy];

    /// <summary>The expected surviving asset value of the current plan.</summary>
    public double Value
    {
        get
        {
            double total = 0;
            foreach (var v in _asset) total += v;
            return total;
        }
    }

    public WtaPlan ToPlan()
    {
        var plan = new WtaPlan(_problem.WeaponTypes, _problem.Threats);
        for (var u = 0; u < _type.Length; u++)
            if (_target[u] >= 0) plan[_type[u], _target[u]]++;
        return plan;
    }

    public void CopyFrom(AssetSearchState other)
    {
        other._target.CopyTo(_target, 0);
        other._log.CopyTo(_log, 0);
        other._survival.CopyTo(_survival, 0);
        other._asset.CopyTo(_asset, 0);
    }

    /// <summary>Moves <paramref name="copy"/> to threat <paramref name="to"/> (-1 unassigns it).</summary>
    public void Move(int copy, int to)
    {
        var from = _target[copy];
        if (from == to) return;
        var a = _type[copy];
        _target[copy] = to;
        if (from >= 0) SetLog(from, _log[from] - _problem.LogSurvival(a, from));
        if (to >= 0) SetLog(to, _log[to] + _problem.LogSurvival(a, to));
    }

    /// <summary>Change of the surviving value if <paramref name="copy"/> moved to <paramref name="to"/> (-1: unassigned).</summary>
    public double ChangeIfMoved(int copy, int to)
    {
        var from = _target[copy];
        if (from == to) return 0;
        var a = _type[copy];
        var sFrom = from >= 0 ? Math.Exp(_log[from] - _problem.LogSurvival(a, from)) : 0;
        var sTo = to >= 0 ? Math.Exp(_log[to] + _problem.LogSurvival(a, to)) : 0;
        return Change(from, sFrom, to, sTo);
    }

    /// <summary>Change of the surviving value if copies <paramref name="u"/> and <paramref name="v"/> exchanged threats.</summary>
    public double ChangeIfSwapped(int u, int v)
    {
        int j = _target[u], k = _target[v], a = _type[u], b = _type[v];
        var sJ = Math.Exp(_log[j] - _problem.LogSurvival(a, j) + _problem.LogSurvival(b, j));
        var sK = Math.Exp(_log[k] - _problem.LogSurvival(b, k) + _problem.LogSurvival(a, k));
        return Change(j, sJ, k, sK);
    }

    /// <summary>Maximum marginal return: assigns the free copies one at a time where each adds the most surviving value.</summary>
    public void AddGreedily(List<int> free, SolverDeadline deadline) => AddGreedily(free, -1, deadline);

    /// <summary>
    /// As <see cref="AddGreedily(List{int}, SolverDeadline)"/>, but only at threats aimed at <paramref name="asset"/>
    /// (every threat when -1); copies that add nothing there stay free.
    /// </summary>
    public void AddGreedily(List<int> free, int asset, SolverDeadline deadline)
    {
        var n = _problem.Threats;
        var threats = asset >= 0 ? _problem.ThreatsOn(asset) : default;
        var count = asset >= 0 ? threats.Length : n;
        while (free.Count > 0 && !deadline.Expired)
        {
            int bestCopy = -1, bestThreat = -1;
            var bestGain = 0.0;
            var stamp = ++_stamp;
            for (var f = 0; f < free.Count; f++)
            {
                // Copies of one type are interchangeable: price each type once.
                if (_typeSeen[_type[free[f]]] == stamp) continue;
                _typeSeen[_type[free[f]]] = stamp;
                for (var t = 0; t < count; t++)
                {
                    var j = asset >= 0 ? threats[t] : t;
                    var gain = ChangeIfMoved(free[f], j);
                    if (gain > bestGain)
                    {
                        bestGain = gain;
                        bestCopy = f;
                        bestThreat = j;
                    }
                }
            }
            if (bestCopy < 0) return;
            Move(free[bestCopy], bestThreat);
            free[bestCopy] = free[^1];
            free.RemoveAt(free.Count - 1);
        }
    }

    /// <summary>Best single move or swap for each copy in turn, while any raises the surviving value; returns whether anything moved.</summary>
    public bool Descend(SolverDeadline deadline)
    {
        var moved = false;
        for (var improved = true; improved && !deadline.Expired;)
        {
            improved = false;
            for (var u = 0; u < _type.Length; u++)
            {
                if (deadline.Expired) return moved;
                var threshold = Improvement * (1 + Value);
                int bestThreat = -2, bestPartner = -1;
                var bestChange = threshold;
                for (var j = -1; j < _problem.Threats; j++)
                {
                    var change = ChangeIfMoved(u, j);
                    if (change > bestChange)
                    {
                        bestChange = change;
                        bestThreat = j;
                    }
                }
                if (_target[u] >= 0)
                    for (var v = 0; v < _type.Length; v++)
                    {
                        if ((v & 4095) == 4095 && deadline.Expired) return moved;
                        if (_target[v] < 0 || _target[v] == _target[u] || _type[v] == _type[u]) continue;
                        var change = ChangeIfSwapped(u, v);
                        if (change > bestChange)
                        {
                            bestChange = change;
                            bestPartner = v;
                        }
                    }
                if (bestPartner >= 0)
                {
                    var j = _target[u];
                    Move(u, _target[bestPartner]);
                    Move(bestPartner, j);
                }
                else if (bestThreat >= -1) Move(u, bestThreat);
                else continue;
                improved = moved = true;
            }
        }
        return moved;
    }

    /// <summary>Change of the surviving value when threat j1's survival becomes s1 and j2's becomes s2 (-1: no threat).</summary>
    private double Change(int j1, double s1, int j2, double s2)
    {
        var k1 = j1 >= 0 ? _problem.AimedAt(j1) : -1;
        var k2 = j2 >= 0 ? _problem.AimedAt(j2) : -1;
        var change = 0.0;
        if (k1 >= 0) change += AssetWith(k1, j1, s1, j2, s2) - _asset[k1];
        if (k2 >= 0 && k2 != k1) change += AssetWith(k2, j1, s1, j2, s2) - _asset[k2];
        return change;
    }

    /// <summary>Asset k's expected surviving value with threats j1 and j2 at survivals s1 and s2.</summary>
    private double AssetWith(int k, int j1, double s1, int j2, double s2)
    {
        var value = _problem.AssetValues[k];
        foreach (var j in _problem.ThreatsOn(k))
            value *= 1 - _problem.Lethality(j) * (j == j1 ? s1 : j == j2 ? s2 : _survival[j]);
        return value;
    }

    private void SetLog(int j, double log)
    {
        _log[j] = log;
        _survival[j] = Math.Exp(log);
        var k = _problem.AimedAt(j);
        _asset[k] = _problem.AssetValue(k, _survival);
    }
}
