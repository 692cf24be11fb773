namespace Canopy.Assignment.Static;

/// <summary>
/// A plan held as one target per weapon copy, with the copies on each target in a linked list and each target's log
/// survival S_j and surviving value E_j = V_j exp(S_j) kept current, so that moving or swapping weapons is priced in
/// O(1) without exp. Moves look only at the <see cref="LethalNeighbourhood"/>, so their work does not grow with the
/// number of weapons; every loop asks the deadline.
/// </summary>
internal sealed class LocalSearchState
{
    private const double Improvement = 1e-12;
    private const int ChecksEvery = 64;

    /// <summary>Largest cost matrix (rows x slots) an assignment repair builds: 64 MB, and a few ms per Hungarian row.</summary>
    private const long MaxAssignmentCells = 1 << 23;
    private readonly WtaProblem _problem;
    private readonly LethalNeighbourhood _hood;
    private readonly double[] _survival; // 1 - p_ij = exp(q_ij), weapon-major, shared by the states of one search
    private readonly int[] _type;        // weapon type of each copy
    private readonly int[] _firstCopy;   // copies of type i are _firstCopy[i] .. _firstCopy[i + 1] - 1
    private readonly int[] _target;      // target of each copy, -1 when unassigned
    private readonly int[] _next;        // next copy on the same target, -1 at the end
    private readonly int[] _prev;        // previous copy on the same target, -1 at the head
    private readonly int[] _head;        // first copy on each target, -1 when none
    private readonly double[] _log;      // S_j
    private readonly double[] _value;    // E_j
    private readonly Queue<int> _dirty = new();
    private readonly bool[] _isDirty;
    private readonly List<int> _changed = [];
    private readonly bool[] _isChanged;
    private readonly int[] _typeSeen;    // stamps: copies of one type on one target are interchangeable
    private readonly int[] _targetSeen;
    private int _stamp;
    private int _work;

    /// <summary>An empty plan; states that <paramref name="share"/> one search reuse its survival table.</summary>
    public LocalSearchState(WtaProblem problem, LethalNeighbourhood hood, LocalSearchState? share = null)
    {
        _problem = problem;
        _hood = hood;
        int m = problem.WeaponTypes, n = problem.Targets;
        if (share is not null) _survival = share._survival;
        else
        {
            _survival = new double[m * n];
            for (var i = 0; i < m; i++)
            {
                var q = problem.LogSurvivalRow(i);
                for (var j = 0; j < n; j++) _survival[i * n + j] = Math.Exp(q[j]);
            }
        }
        _type = new int[problem.TotalWeapons];
        _firstCopy = new int[m + 1];
        for (int i = 0, u = 0; i < m; i++)
        {
            _firstCopy[i] = u;
            for (var c = 0; c < problem.Counts[i]; c++) _type[u++] = i;
        }
        _firstCopy[m] = _type.Length;
        _target = new int[_type.Length];
        _next = new int[_type.Length];
        _prev = new int[_type.Length];
        Array.Fill(_target, -1);
        _head = new int[n];
        Array.Fill(_head, -1);
        _log = new double[n];
        _value = new double[n];
        _isDirty = new bool[n];
        _isChanged = new bool[n];
        _typeSeen = new int[m];
        _targetSeen = new int[n];
        for (var j = 0; j < n; j++) Refresh(j);
    }

    public int Copies => _type.Length;

    public int TargetOf(int copy) => _target[copy];

    public int TypeOf(int copy) => _type[copy];

    /// <summary>The first copy on target j, -1 when none; <see cref="NextOnTarget"/> walks the rest.</summary>
    public int FirstOn(int j) => _head[j];

    /// <summary>The copy after <paramref name="copy"/> on its target, -1 at the end.</summary>
    public int NextOnTarget(int copy) => _next[copy];

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
        for (var u = 0; u < _type.Length; u++) Unassign(u);
        for (var i = 0; i < _problem.WeaponTypes; i++)
        {
            var u = _firstCopy[i];
            for (var j = 0; j < _problem.Targets; j++)
                for (var c = 0; c < plan[i, j]; c++) Assign(u++, j);
        }
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
        other._next.CopyTo(_next, 0);
        other._prev.CopyTo(_prev, 0);
        other._head.CopyTo(_head, 0);
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
        if (_prev[copy] >= 0) _next[_prev[copy]] = _next[copy];
        else _head[j] = _next[copy];
        if (_next[copy] >= 0) _prev[_next[copy]] = _prev[copy];
        Refresh(j);
    }

    public void Assign(int copy, int j)
    {
        Unassign(copy);
        _log[j] += _problem.LogSurvival(_type[copy], j);
        _target[copy] = j;
        _prev[copy] = -1;
        _next[copy] = _head[j];
        if (_head[j] >= 0) _prev[_head[j]] = copy;
        _head[j] = copy;
        MarkDirty(j);
        Refresh(j);
    }

    /// <summary>Greedily assigns the unassigned copies, best marginal return first (plain scan, for small repairs); stops at the deadline.</summary>
    public void Repair(List<int> free, SolverDeadline deadline)
    {
        var n = _problem.Targets;
        while (free.Count > 0 && !deadline.Expired)
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
    /// slot k of target j costs -E_j p_ij rho_j^k, the marginal return of a k-th extra shot after the best freed
    /// weapon's survival rho_j. False, and nothing assigned, when the cost matrix would exceed
    /// <see cref="MaxAssignmentCells"/> or the deadline ends the assignment first.
    /// </summary>
    public bool RepairByAssignment(List<int> free, int slots, HungarianAssignment hungarian, RepairBuffers buffers, SolverDeadline deadline)
    {
        var n = _problem.Targets;
        var rows = free.Count;
        if (rows == 0) return true;
        // Candidate targets: those with the largest surviving values (which include the ones just freed).
        var candidates = Math.Min(n, Math.Max(3 * rows, 16));
        slots = Math.Min(slots, rows);
        if ((long)rows * candidates * slots > MaxAssignmentCells) return false;
        var order = buffers.Order(n);
        var keys = buffers.Keys(n);
        for (var j = 0; j < n; j++)
        {
            order[j] = j;
            keys[j] = -_value[j];
        }
        if (candidates < n) Array.Sort(keys, order, 0, n);
        var columns = candidates * slots;
        var cost = buffers.Cost((long)rows * columns);
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
                for (var k = 0; k < slots; k++, gain *= rho) cost[(long)r * columns + c * slots + k] = -gain;
            }
        }
        if (!hungarian.Solve(cost.AsSpan(0, rows * columns), rows, columns, columnOf, deadline)) return false;
        for (var r = 0; r < rows; r++) Assign(free[r], order[columnOf[r] / slots]);
        free.Clear();
        return true;
    }

    /// <summary>
    /// Moves one copy to another target, or swaps two copies between targets, while any such move lowers the
    /// objective or until the deadline. Only targets whose surviving value changed since they were last checked are
    /// examined (a move out of, into or across an unchanged pair of targets cannot have become improving); returns
    /// whether anything moved.
    /// </summary>
    public bool Descend(SolverDeadline deadline)
    {
        for (var j = 0; j < _problem.Targets; j++) MarkDirty(j);
        return DescendDirty(deadline);
    }

    /// <summary>As <see cref="Descend"/>, examining only the targets changed since the last descent.</summary>
    public bool DescendDirty(SolverDeadline deadline)
    {
        var moved = false;
        while (_dirty.Count > 0)
        {
            if (Expired(deadline)) break;
            var j = _dirty.Dequeue();
            _isDirty[j] = false;
            if (MoveFrom(j, deadline) || MoveInto(j, deadline)) moved = true;
        }
        return moved;
    }

    /// <summary>Tries to move or swap one copy of each type on target j out; true after the first move (j is then dirty again).</summary>
    private bool MoveFrom(int j, SolverDeadline deadline)
    {
        var stamp = ++_stamp;
        for (var u = _head[j]; u >= 0; u = _next[u])
        {
            if (_typeSeen[_type[u]] == stamp) continue;
            _typeSeen[_type[u]] = stamp;
            if (Expired(deadline)) return false;
            if (TryRelocate(u) || TrySwap(u)) return true;
        }
        return false;
    }

    /// <summary>Tries to move into target j one copy of each type near it, from each target that type is on.</summary>
    private bool MoveInto(int j, SolverDeadline deadline)
    {
        var moved = false;
        foreach (var a in _hood.TypesNear(j))
        {
            var stamp = ++_stamp;
            for (var u = _firstCopy[a]; u < _firstCopy[a + 1]; u++)
            {
                var from = _target[u];
                if (from < 0 || from == j || _targetSeen[from] == stamp) continue;
                _targetSeen[from] = stamp;
                if (Expired(deadline)) return moved;
                if (TryRelocateInto(u, j)) moved = true;
            }
        }
        return moved;
    }

    /// <summary>Counts one unit of work and asks the deadline every <see cref="ChecksEvery"/> units.</summary>
    private bool Expired(SolverDeadline deadline) => ++_work % ChecksEvery == 0 && deadline.Expired;

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
        foreach (var j in _hood.Near(_type[u]))
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

    /// <summary>The best exchange of copy u (type a, on j) with a copy of another type on one of a's near targets.</summary>
    private bool TrySwap(int u)
    {
        var n = _problem.Targets;
        var a = _type[u];
        var j = _target[u];
        int bestV = -1;
        var bestDelta = 0.0;
        foreach (var k in _hood.Near(a))
        {
            if (k == j) continue;
            for (var v = _head[k]; v >= 0; v = _next[v])
            {
                var b = _type[v];
                if (a == b) continue;
                var before = _value[j] + _value[k];
                var after = _value[j] * _survival[b * n + j] / _survival[a * n + j] + _value[k] * _survival[a * n + k] / _survival[b * n + k];
                var delta = after - before;
                if (delta < bestDelta - Improvement * (1 + before))
                {
                    bestDelta = delta;
                    bestV = v;
                }
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

    public double[] Cost(long n) => _cost.Length >= n ? _cost : _cost = new double[n];

    public int[] ColumnOf(int n) => _columnOf.Length >= n ? _columnOf : _columnOf = new int[n];
}
