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
    private readonly Queue<int> _dirty = new();
    private readonly bool[] _isDirty;
    private readonly List<int> _changed = [];
    private readonly bool[] _isChanged;

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
        Array.Fill(_target, -1);
        _log = new double[n];
        _value = new double[n];
        _isDirty = new bool[n];
        _isChanged = new bool[n];
        for (var j = 0; j < n; j++) Refresh(j);
    }

    public int Copies => _type.Length;

    public int TargetOf(int copy) => _target[copy];

    public int TypeOf(int copy) => _type[copy];

    /// <summary>1 - p_ij for copy's weapon type i against target j.</summary>
    public double Survival(int copy, int j) => _survival[_type[copy] * _problem.Targets + j];

    public double SurvivingValue(int j) => _value[j];

    public int SurvivingValueCount => _value.Length;

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
        while (_dirty.TryDequeue(out var j)) _isDirty[j] = false;
        ClearChanged();
    }

    /// <summary>The targets whose weapons changed since the last <see cref="ClearChanged"/> (or copy), in order of change.</summary>
    public IReadOnlyList<int> Changed => _changed;

    public void ClearChanged()
    {
        foreach (var j in _changed) _isChanged[j] = false;
        _changed.Clear();
    }

    public void Unassign(int copy)
    {
        var j = _target[copy];
        if (j < 0) return;
        MarkDirty(j);
        _log[j] -= _problem.LogSurvival(_type[copy], j);
        _target[copy] = -1;
        Refresh(j);
    }

    public void Assign(int copy, int j)
    {
        Unassign(copy);
        _log[j] += _problem.LogSurvival(_type[copy], j);
        _target[copy] = j;
        MarkDirty(j);
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
    /// slot k of target j costs -E_j p_ij rho_j^k, the marginal return of a k-th extra shot after the best freed weapon's survival rho_j.
    /// </summary>
    public void RepairByAssignment(List<int> free, int slots, HungarianAssignment hungarian, RepairBuffers buffers)
    {
        var n = _problem.Targets;
        var rows = free.Count;
        if (rows == 0) return;
        // Candidate targets: those with the largest surviving values (which include the ones just freed).
        var candidates = Math.Min(n, Math.Max(3 * rows, 16));
        var order = buffers.Order(n);
        var keys = buffers.Keys(n);
        for (var j = 0; j < n; j++)
        {
            order[j] = j;
            keys[j] = -_value[j];
        }
        if (candidates < n) Array.Sort(keys, order, 0, n);
        var columns = candidates * slots;
        var cost = buffers.Cost(rows * columns);
        var columnOf = buffers.ColumnOf(rows);
        for (var c = 0; c < candidates; c++)
        {
            var j = order[c];
            var rho = 1.0;
            foreach (var u in free) rho = Math.Min(rho, _survival[_type[u] * n + j]);
            for (var r = 0; r < rows; r++)
            {
                var survival = _survival[_type[free[r]] * n + j];
                var gain = _value[j] * (1 - survival);
                for (var k = 0; k < slots; k++, gain *= rho) cost[r * columns + c * slots + k] = -gain;
            }
        }
        hungarian.Solve(cost.AsSpan(0, rows * columns), rows, columns, columnOf);
        for (var r = 0; r < rows; r++) Assign(free[r], order[columnOf[r] / slots]);
        free.Clear();
    }

    /// <summary>
    /// Moves one copy to another target, or swaps two copies between targets, while any such move lowers the
    /// objective. Only targets whose surviving value changed since they were last checked are examined (a move
    /// out of, into or across an unchanged pair of targets cannot have become improving); returns whether anything moved.
    /// </summary>
    public bool Descend(CancellationToken cancellationToken)
    {
        for (var j = 0; j < _problem.Targets; j++) MarkDirty(j);
        return DescendDirty(cancellationToken);
    }

    /// <summary>As <see cref="Descend"/>, examining only the targets changed since the last descent.</summary>
    public bool DescendDirty(CancellationToken cancellationToken)
    {
        var moved = false;
        var checks = 0;
        while (_dirty.Count > 0)
        {
            if ((++checks & 255) == 0 && cancellationToken.IsCancellationRequested) break;
            var j = _dirty.Dequeue();
            _isDirty[j] = false;
            for (var u = 0; u < _type.Length; u++)
            {
                if (_target[u] == j)
                {
                    if (TryRelocate(u) || TrySwap(u)) moved = true;
                }
                else if (_target[u] >= 0 && TryRelocateInto(u, j)) moved = true;
            }
        }
        return moved;
    }

    private void MarkDirty(int j)
    {
        if (!_isChanged[j])
        {
            _isChanged[j] = true;
            _changed.Add(j);
        }
        if (_isDirty[j]) return;
        _isDirty[j] = true;
        _dirty.Enqueue(j);
    }

    private bool TryRelocateInto(int u, int j)
    {
        var n = _problem.Targets;
        var from = _target[u];
        var row = _survival.AsSpan(_type[u] * n, n);
        var loss = _value[from] * (1 / row[from] - 1);
        var gain = _value[j] * (1 - row[j]);
        if (gain <= loss + Improvement * (1 + loss)) return false;
        Assign(u, j);
        return true;
    }

    private bool TryRelocate(int u)
    {
        var n = _problem.Targets;
        var from = _target[u];
        var row = _survival.AsSpan(_type[u] * n, n);
        var loss = _value[from] * (1 / row[from] - 1);
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
        if (best < 0) return false;
        Assign(u, best);
        return true;
    }

    private bool TrySwap(int u)
    {
        var n = _problem.Targets;
        var a = _type[u];
        var j = _target[u];
        int bestV = -1;
        var bestDelta = 0.0;
        for (var v = 0; v < _type.Length; v++)
        {
            var b = _type[v];
            var k = _target[v];
            if (a == b || j == k || k < 0) continue;
            var before = _value[j] + _value[k];
            var after = _value[j] * _survival[b * n + j] / _survival[a * n + j] + _value[k] * _survival[a * n + k] / _survival[b * n + k];
            var delta = after - before;
            if (delta < bestDelta - Improvement * (1 + before))
            {
                bestDelta = delta;
                bestV = v;
            }
        }
        if (bestV < 0) return false;
        var target = _target[bestV];
        Assign(u, target);
        Assign(bestV, j);
        return true;
    }

    private void Refresh(int j) => _value[j] = _problem.SurvivingValue(j, _log[j]);
}

/// <summary>Scratch arrays for <see cref="LocalSearchState.RepairByAssignment"/>, grown on demand and reused.</summary>
internal sealed class RepairBuffers
{
    private int[] _order = [], _columnOf = [];
    private double[] _keys = [], _cost = [];

    public int[] Order(int n) => _order.Length >= n ? _order : _order = new int[n];

    public double[] Keys(int n) => _keys.Length >= n ? _keys : _keys = new double[n];

    public double[] Cost(int n) => _cost.Length >= n ? _cost : _cost = new double[n];

    public int[] ColumnOf(int n) => _columnOf.Length >= n ? _columnOf : _columnOf = new int[n];
}
