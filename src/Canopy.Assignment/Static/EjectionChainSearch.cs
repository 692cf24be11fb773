namespace Canopy.Assignment.Static;

/// <summary>
/// Ejection chains, the very-large-scale neighbourhood of Ahuja, Kumar, Jha and Orlin (Operations Research 55(6),
/// 2007): copy u1 leaves target j1 and enters j2, ejecting u2, which enters j3, ejecting u3, ... and the last copy
/// either closes the cycle at j1 (a cyclic exchange) or enters a further target without ejecting anyone (a path
/// exchange). Every target is touched at most once, so each step's change of objective is exact and O(1). The chain
/// grows depth first, keeping only steps whose running change is negative (the gain criterion of Lin and Kernighan),
/// with a few branches near the root (8, 5, 3, 2) and one deeper, up to 8 steps; a copy of type a only enters its
/// nearest targets (the highest p_aj, from <see cref="LethalNeighbourhood"/>), so one step costs O(near x copies per
/// target) instead of O(copies).
/// </summary>
internal sealed class EjectionChainSearch
{
    private const double Improvement = 1e-12;
    private static readonly int[] Breadth = [8, 5, 3, 2, 1, 1, 1, 1];

    private readonly LethalNeighbourhood _hood;
    private readonly int _nearCount;
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
    public EjectionChainSearch(WtaProblem problem, LethalNeighbourhood hood, int near = 24)
    {
        _hood = hood;
        _nearCount = Math.Min(near, hood.Size);
        _inChain = new bool[problem.Targets];
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
    public ReadOnlySpan<int> Near(int type) => _hood.Near(type)[.._nearCount];

    /// <summary>Applies improving chains (each followed by a move/swap descent) until none is found from any copy or the deadline.</summary>
    public bool Improve(LocalSearchState state, SolverDeadline deadline)
    {
        var improved = false;
        var copies = state.Copies;
        var start = 0;
        for (var tried = 0; tried < copies && !deadline.Expired; tried++)
        {
            var u = (start + tried) % copies;
            if (!TryChainFrom(state, u)) continue;
            state.DescendDirty(deadline);
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
    public bool ImproveChanged(LocalSearchState state, SolverDeadline deadline)
    {
        var improved = false;
        var changed = state.Changed;
        for (var t = 0; t < changed.Count && !deadline.Expired; t++)
        {
            var j = changed[t];
            for (var u = state.FirstOn(j); u >= 0;)
            {
                if (!TryChainFrom(state, u))
                {
                    u = state.NextOnTarget(u);
                    continue;
                }
                state.DescendDirty(deadline);
                improved = true;
                if (deadline.Expired) break;
                u = state.FirstOn(j);
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
        foreach (var k in Near(a))
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
            for (var v = state.FirstOn(k); v >= 0; v = state.NextOnTarget(v))
            {
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
}
