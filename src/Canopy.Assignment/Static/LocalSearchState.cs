namespace Canopy.Assignment.Static;

/// <summary>
/// A plan held as one target per weapon copy, with each target's log survival S_j and surviving value
/// E_j = V_j exp(S_j) kept current, so that moving or swapping weapons is priced in O(1) without exp.
/// </summary>
internal sealed class LocalSearchState
{
    private const double Improvement = 1e-12;
    private readonly WtaProblem _problem;
    private readonly double[] _survival; // 1 - p_ij = exp(q_ij), weapon-major
    private readonly int[] _type;        // weapon type of each copy
    private readonly int[] _target;      // target of each copy, -1 when unassigned
    private readonly double[] _log;      // S_j
    private readonly double[] _value;    // E_j

    public LocalSearchState(WtaProblem problem)
    {
        _problem = problem;
        int m = problem.WeaponTypes, n = problem.Targets;
        _survival = new double[m * n];
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++) _survival[i * n + j] = Math.Exp(problem.LogSurvival(i, j));
        _type = new int[problem.TotalWeapons];
        for (int i = 0, u = 0; i < m; i++)
            for (var c = 0; c < problem.Counts[i]; c++) _type[u++] = i;
        _target = new int[_type.Length];
        _log = new double[n];
        _value = new double[n];
    }

    public int Copies => _type.Length;

    public int TargetOf(int copy) => _target[copy];

    public double SurvivingValue(int j) => _value[j];

    public double Objective
    {
        get
        {
            double total = 0;
            foreach (var v in _value) total += v;
            return total;
        }
    }

    public void Load(WtaPlan plan)
    {
        var n = _problem.Targets;
        Array.Fill(_target, -1);
        Array.Clear(_log);
        var u = 0;
        for (var i = 0; i < _problem.WeaponTypes; i++)
        {
            var end = u + _problem.Counts[i];
            for (var j = 0; j < n; j++)
                for (var c = 0; c < plan[i, j]; c++)
                {
                    _target[u++] = j;
                    _log[j] += _problem.LogSurvival(i, j);
                }
            u = end;
        }
        for (var j = 0; j < n; j++) Refresh(j);
    }

    public WtaPlan ToPlan()
    {
        var plan = new WtaPlan(_problem.WeaponTypes, _problem.Targets);
        for (var u = 0; u < _type.Length; u++)
            if (_target[u] >= 0) plan[_type[u], _target[u]]++;
        return plan;
    }

    public void CopyFrom(LocalSearchState other)
    {
        other._target.CopyTo(_target, 0);
        other._log.CopyTo(_log, 0);
        other._value.CopyTo(_value, 0);
    }

    public void Unassign(int copy)
    {
        var j = _target[copy];
        if (j < 0) return;
        _log[j] -= _problem.LogSurvival(_type[copy], j);
        _target[copy] = -1;
        Refresh(j);
    }

    public void Assign(int copy, int j)
    {
        Unassign(copy);
        _log[j] += _problem.LogSurvival(_type[copy], j);
        _target[copy] = j;
        Refresh(j);
    }

    /// <summary>Greedily assigns every unassigned copy, best marginal return first (plain scan, for small repairs).</summary>
    public void Repair(List<int> free)
    {
        var n = _problem.Targets;
        while (free.Count > 0)
        {
            int bestCopy = -1, bestTarget = -1;
            double bestGain = 0;
            for (var f = 0; f < free.Count; f++)
            {
                var row = _survival.AsSpan(_type[free[f]] * n, n);
                for (var j = 0; j < n; j++)
                {
                    var gain = _value[j] * (1 - row[j]);
                    if (gain > bestGain)
                    {
                        bestGain = gain;
                        bestCopy = f;
                        bestTarget = j;
                    }
                }
            }
            if (bestCopy < 0) return;
            Assign(free[bestCopy], bestTarget);
            free[bestCopy] = free[^1];
            free.RemoveAt(free.Count - 1);
        }
    }

    /// <summary>
    /// Reassigns the unassigned copies in <paramref name="free"/> by a minimum-cost assignment to target slots:
    /// slot k of target j costs -E_j p_ij rho_j^k, the marginal return of a k-th extra shot at an average survival rho_j.
    /// </summary>
    public void RepairByAssignment(List<int> free, int slots, HungarianAssignment hungarian, ref double[] cost, ref int[] columnOf)
    {
        var n = _problem.Targets;
        var rows = free.Count;
        var columns = n * slots;
        if (rows == 0) return;
        if (cost.Length < rows * columns) cost = new double[rows * columns];
        if (columnOf.Length < rows) columnOf = new int[rows];
        for (var j = 0; j < n; j++)
        {
            double rho = 0;
            foreach (var u in free) rho += _survival[_type[u] * n + j];
            rho /= rows;
            for (var r = 0; r < rows; r++)
            {
                var survival = _survival[_type[free[r]] * n + j];
                var gain = _value[j] * (1 - survival);
                for (var k = 0; k < slots; k++, gain *= rho) cost[r * columns + j * slots + k] = -gain;
            }
        }
        hungarian.Solve(cost.AsSpan(0, rows * columns), rows, columns, columnOf);
        for (var r = 0; r < rows; r++) Assign(free[r], columnOf[r] / slots);
        free.Clear();
    }

    /// <summary>Moves and swaps weapon copies while any move lowers the objective; returns whether anything changed.</summary>
    public bool Descend(CancellationToken cancellationToken)
    {
        var changed = false;
        bool improved;
        do
        {
            improved = RelocatePass() | SwapPass();
            changed |= improved;
        }
        while (improved && !cancellationToken.IsCancellationRequested);
        return changed;
    }

    private bool RelocatePass()
    {
        var n = _problem.Targets;
        var improved = false;
        for (var u = 0; u < _type.Length; u++)
        {
            var from = _target[u];
            var row = _survival.AsSpan(_type[u] * n, n);
            var loss = from < 0 ? 0 : _value[from] * (1 / row[from] - 1);
            int best = -1;
            var bestGain = loss + Improvement * (1 + loss);
            for (var j = 0; j < n; j++)
            {
                if (j == from) continue;
                var gain = _value[j] * (1 - row[j]);
                if (gain > bestGain)
                {
                    bestGain = gain;
                    best = j;
                }
            }
            if (best < 0) continue;
            Assign(u, best);
            improved = true;
        }
        return improved;
    }

    private bool SwapPass()
    {
        var n = _problem.Targets;
        var improved = false;
        for (var u = 0; u < _type.Length; u++)
        {
            var a = _type[u];
            for (var v = u + 1; v < _type.Length; v++)
            {
                var b = _type[v];
                int j = _target[u], k = _target[v];
                if (a == b || j == k || j < 0 || k < 0) continue;
                var before = _value[j] + _value[k];
                var after = _value[j] * _survival[b * n + j] / _survival[a * n + j] + _value[k] * _survival[a * n + k] / _survival[b * n + k];
                if (after < before - Improvement * (1 + before))
                {
                    Assign(u, k);
                    Assign(v, j);
                    improved = true;
                }
            }
        }
        return improved;
    }

    private void Refresh(int j) => _value[j] = _problem.SurvivingValue(j, _log[j]);
}
