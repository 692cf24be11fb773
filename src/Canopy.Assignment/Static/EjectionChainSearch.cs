namespace Canopy.Assignment.Static;

/// <summary>
/// Ejection chains, the very-large-scale neighbourhood of Ahuja, Kumar, Jha and Orlin (Operations Research 55(6),
/// 2007): copy u1 leaves target j1 and enters j2, ejecting u2, which enters j3, ejecting u3, ... and the last copy
/// either closes the cycle at j1 (a cyclic exchange) or enters a further target without ejecting anyone (a path
/// exchange). Every target is touched at most once, so each step's change of objective is exact and O(1). The chain
/// grows depth first, keeping only steps whose running change is negative (the gain criterion of Lin and Kernighan),
/// with a few branches near the root (8, 5, 3, 2) and one deeper, up to 8 steps; a copy of type a only enters its
/// nearest targets (the highest p_aj), so one step costs O(near x copies per target) instead of O(copies).
/// </summary>
internal sealed class EjectionChainSearch
{
    private const double Improvement = 1e-12;
    private static readonly int[] Breadth = [8, 5, 3, 2, 1, 1, 1, 1];

    private readonly WtaProblem _problem;
    private readonly int[][] _near;
    private readonly int[] _first;   // copies on target j are _onTarget[_first[j] .. _first[j + 1]]
    private readonly int[] _onTarget;
    private readonly int[] _fill;    // next free place per target while indexing
    private readonly bool[] _inChain;
    private readonly int[] _chain = new int[Breadth.Length + 1];      // the moving copies u1..uk
    private readonly int[] _entered = new int[Breadth.Length + 1];    // the target each copy enters
    private readonly int[][] _candidateCopy;
    private readonly int[][] _candidateTarget;
    private readonly double[][] _candidateChange;
    private int _closeTarget;
    private double _rootLoss;
    private int _rootTarget;
    private double _threshold;

    /// <summary>Prepares the search; each weapon type enters only its <paramref name="near"/> most lethal targets.</summary>
    public EjectionChainSearch(WtaProblem problem, int near = 24)
    {
        _problem = problem;
        int m = problem.WeaponTypes, n = problem.Targets;
        var k = Math.Min(near, n);
        _near = new int[m][];
        var order = new int[n];
        var keys = new double[n];
        for (var i = 0; i < m; i++)
        {
            for (var j = 0; j < n; j++)
            {
                order[j] = j;
                keys[j] = problem.LogSurvival(i, j);
            }
            Array.Sort(keys, order);
            _near[i] = order[..k];
        }
        _first = new int[n + 1];
        _onTarget = new int[problem.TotalWeapons];
        _fill = new int[n];
        _inChain = new bool[n];
        _candidateCopy = new int[Breadth.Length][];
        _candidateTarget = new int[Breadth.Length][];
        _candidateChange = new double[Breadth.Length][];
        for (var l = 0; l < Breadth.Length; l++)
        {
            _candidateCopy[l] = new int[Breadth[l]];
            _candidateTarget[l] = new int[Breadth[l]];
            _candidateChange[l] = new double[Breadth[l]];
        }
    }

    /// <summary>The targets a copy of weapon type <paramref name="type"/> may enter: its most lethal ones.</summary>
    public int[] Near(int type) => _near[type];

    /// <summary>Applies improving chains (each followed by a move/swap descent) until none is found from any copy.</summary>
    public bool Improve(LocalSearchState state, CancellationToken cancellationToken)
    {
        var improved = false;
        var copies = state.Copies;
        var start = 0;
        for (var tried = 0; tried < copies && !cancellationToken.IsCancellationRequested; tried++)
        {
            if (tried == 0) Index(state);
            var u = (start + tried) % copies;
            if (!TryChainFrom(state, u)) continue;
            state.DescendDirty(cancellationToken);
            improved = true;
            start = u;
            tried = -1;
        }
        state.ClearChanged();
        return improved;
    }

    /// <summary>
    /// As <see cref="Improve"/>, but starting chains only from the copies on targets changed since the state's last
    /// check (the targets a perturbation and its repair touched, and those later chains touch).
    /// </summary>
    public bool ImproveChanged(LocalSearchState state, CancellationToken cancellationToken)
    {
        var improved = false;
        Index(state);
        var changed = state.Changed;
        for (var t = 0; t < changed.Count && !cancellationToken.IsCancellationRequested; t++)
        {
            var j = changed[t];
            for (var c = _first[j]; c < _first[j + 1]; c++)
            {
                if (!TryChainFrom(state, _onTarget[c])) continue;
                state.DescendDirty(cancellationToken);
                Index(state);
                improved = true;
                c = _first[j] - 1;
            }
        }
        state.ClearChanged();
        return improved;
    }

    /// <summary>Searches for an improving chain starting with copy <paramref name="u1"/> and applies the first found.</summary>
    private bool TryChainFrom(LocalSearchState state, int u1)
    {
        _rootTarget = state.TargetOf(u1);
        _rootLoss = _rootTarget < 0 ? 0 : state.SurvivingValue(_rootTarget) * (1 / state.Survival(u1, _rootTarget) - 1);
        _chain[0] = u1;
        _threshold = -Improvement * (1 + state.Objective);
        if (_rootTarget >= 0) _inChain[_rootTarget] = true;
        var length = Grow(state, 0, 0);
        if (_rootTarget >= 0) _inChain[_rootTarget] = false;
        if (length < 0) return false;
        // Copy l enters target _entered[l]; the last one enters _closeTarget.
        for (var l = 0; l < length; l++) state.Assign(_chain[l], _entered[l]);
        state.Assign(_chain[length], _closeTarget);
        return true;
    }

    /// <summary>
    /// Copy _chain[level] is moving with running change <paramref name="change"/>; returns the index of the copy that
    /// closes an improving chain (with _closeTarget set), or -1.
    /// </summary>
    private int Grow(LocalSearchState state, int level, double change)
    {
        var u = _chain[level];
        var a = state.TypeOf(u);
        var threshold = _threshold;
        // Close as a cycle at the root target.
        if (level > 0 && _rootTarget >= 0)
        {
            var e = state.SurvivingValue(_rootTarget);
            var close = e * (state.Survival(u, _rootTarget) / state.Survival(_chain[0], _rootTarget)) - e;
            if (change + close < threshold)
            {
                _closeTarget = _rootTarget;
                return level;
            }
        }
        var deeper = level < Breadth.Length;
        var count = 0;
        var copies = deeper ? _candidateCopy[level] : null;
        var targets = deeper ? _candidateTarget[level] : null;
        var changes = deeper ? _candidateChange[level] : null;
        foreach (var k in _near[a])
        {
            if (_inChain[k]) continue;
            var e = state.SurvivingValue(k);
            var enter = state.Survival(u, k);
            // Close as a path: u enters k without ejecting anyone.
            if (change + _rootLoss + e * (enter - 1) < threshold)
            {
                _closeTarget = k;
                return level;
            }
            if (!deeper) continue;
            for (var c = _first[k]; c < _first[k + 1]; c++)
            {
                var v = _onTarget[c];
                if (state.TypeOf(v) == a) continue;
                var step = change + e * (enter / state.Survival(v, k) - 1);
                if (step >= 0) continue;
                // Keep the best few steps, sorted by running change.
                var at = count < copies!.Length ? count++ : copies.Length;
                if (at == copies.Length && step >= changes![at - 1]) continue;
                if (at == copies.Length) at--;
                while (at > 0 && changes![at - 1] > step)
                {
                    copies[at] = copies[at - 1];
                    targets![at] = targets[at - 1];
                    changes[at] = changes[at - 1];
                    at--;
                }
                copies[at] = v;
                targets![at] = k;
                changes![at] = step;
            }
        }
        for (var b = 0; b < count; b++)
        {
            var k = targets![b];
            _entered[level] = k;
            _chain[level + 1] = copies![b];
            _inChain[k] = true;
            var found = Grow(state, level + 1, changes![b]);
            _inChain[k] = false;
            if (found >= 0) return found;
        }
        return -1;
    }

    /// <summary>Rebuilds the copies-per-target index from the state.</summary>
    private void Index(LocalSearchState state)
    {
        var n = _problem.Targets;
        Array.Clear(_first);
        for (var u = 0; u < state.Copies; u++)
            if (state.TargetOf(u) is var j && j >= 0) _first[j + 1]++;
        for (var j = 0; j < n; j++) _first[j + 1] += _first[j];
        _first.AsSpan(0, n).CopyTo(_fill);
        for (var u = 0; u < state.Copies; u++)
            if (state.TargetOf(u) is var j && j >= 0) _onTarget[_fill[j]++] = u;
    }
}
