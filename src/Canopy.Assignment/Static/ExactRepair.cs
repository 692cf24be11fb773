namespace Canopy.Assignment.Static;

/// <summary>
/// Exact repair for <see cref="IteratedLocalSearchSolver"/>: the weapons freed from a few targets go back to those
/// targets in the best way, by dynamic programming over the targets with the vector of copies still to place (per
/// weapon type) as the state. Greedy and assignment repairs rebuild the same plan from the same freed set, so a plan
/// that differs from a better one on several targets at once (a trap: the 3 x 4 instance, 8% above the
/// optimum) is never left; re-placing the freed copies exactly leaves it whenever the targets drawn cover the
/// difference. Used only while the work, targets x prod_i (c_i + 1)(c_i + 2) / 2, stays under <see cref="MaxWork"/>.
/// </summary>
internal sealed class ExactRepair
{
    /// <summary>Most (state, sub-vector) pairs one repair may visit.</summary>
    public const long MaxWork = 60_000;

    private readonly List<int> _types = [];   // the distinct weapon types freed
    private readonly List<int> _counts = [];  // copies of each freed
    private readonly List<int> _byType = [];  // the freed copies, grouped by type in _types order
    private int[] _radix = [];
    private int[] _digits = [];
    private int[] _sub = [];
    private double[] _cost = [], _next = [], _current = [];
    private int[][] _choice = [];

    /// <summary>
    /// Re-places the copies in <paramref name="free"/> on <paramref name="targets"/> optimally; false, and nothing
    /// done, when that is more work than <see cref="MaxWork"/>. Copies that add nothing stay in <paramref name="free"/>.
    /// </summary>
    public bool TryRepair(LocalSearchState state, List<int> free, List<int> targets)
    {
        if (free.Count == 0 || targets.Count == 0 || !Group(state, free, targets.Count, out var states)) return false;
        var k = _types.Count;
        Ensure(states, targets.Count);
        Array.Clear(_next, 0, states);
        for (var t = targets.Count - 1; t >= 0; t--)
        {
            Costs(state, targets[t], states);
            var choice = _choice[t];
            for (var r = 0; r < states; r++)
            {
                // Every sub-vector x <= r, digit by digit (an odometer over the digits of r).
                Digits(r);
                Array.Clear(_sub, 0, k);
                int x = 0, rest = r;
                var best = double.PositiveInfinity;
                var bestX = 0;
                while (true)
                {
                    var value = _cost[x] + _next[rest];
                    if (value < best)
                    {
                        best = value;
                        bestX = x;
                    }
                    var d = 0;
                    var stride = 1;
                    while (d < k && _sub[d] == _digits[d])
                    {
                        x -= _sub[d] * stride;
                        rest += _sub[d] * stride;
                        _sub[d] = 0;
                        stride *= _radix[d];
                        d++;
                    }
                    if (d == k) break;
                    _sub[d]++;
                    x += stride;
                    rest -= stride;
                }
                _current[r] = best;
                choice[r] = bestX;
            }
            (_next, _current) = (_current, _next);
        }
        Place(state, free, targets, states);
        return true;
    }

    /// <summary>Groups the freed copies by type; false when the dynamic programme would be too much work.</summary>
    private bool Group(LocalSearchState state, List<int> free, int targets, out int states)
    {
        _types.Clear();
        _counts.Clear();
        _byType.Clear();
        states = 1;
        foreach (var u in free)
        {
            var index = _types.IndexOf(state.TypeOf(u));
            if (index < 0)
            {
                _types.Add(state.TypeOf(u));
                _counts.Add(1);
            }
            else _counts[index]++;
        }
        long work = targets;
        foreach (var c in _counts)
        {
            work *= (long)(c + 1) * (c + 2) / 2;
            states *= c + 1;
            if (work > MaxWork) return false;
        }
        foreach (var type in _types)
            foreach (var u in free)
                if (state.TypeOf(u) == type) _byType.Add(u);
        return true;
    }

    /// <summary>Cost of every vector x of freed copies fired at target j: E_j prod_i (1 - p_ij)^x_i.</summary>
    private void Costs(LocalSearchState state, int j, int states)
    {
        var k = _types.Count;
        for (var x = 0; x < states; x++)
        {
            Digits(x);
            var cost = state.SurvivingValue(j);
            var copy = 0;
            for (var d = 0; d < k; d++)
            {
                var survival = state.Survival(_byType[copy], j);
                for (var c = 0; c < _digits[d]; c++) cost *= survival;
                copy += _counts[d];
            }
            _cost[x] = cost;
        }
    }

    /// <summary>Assigns the copies as the dynamic programme chose, starting from every freed copy still to place.</summary>
    private void Place(LocalSearchState state, List<int> free, List<int> targets, int states)
    {
        var k = _types.Count;
        var r = states - 1;
        var placed = _sub;
        Array.Clear(placed, 0, k);
        for (var t = 0; t < targets.Count; t++)
        {
            var x = _choice[t][r];
            r -= x;
            Digits(x);
            var copy = 0;
            for (var d = 0; d < k; d++)
            {
                for (var c = 0; c < _digits[d]; c++) state.Assign(_byType[copy + placed[d]++], targets[t]);
                copy += _counts[d];
            }
        }
        free.Clear();
        var start = 0;
        for (var d = 0; d < k; d++)
        {
            for (var c = placed[d]; c < _counts[d]; c++) free.Add(_byType[start + c]);
            start += _counts[d];
        }
    }

    /// <summary>The mixed-radix digits of state index <paramref name="x"/> into _digits.</summary>
    private void Digits(int x)
    {
        for (var d = 0; d < _types.Count; d++)
        {
            _digits[d] = x % _radix[d];
            x /= _radix[d];
        }
    }

    private void Ensure(int states, int targets)
    {
        var k = _types.Count;
        if (_radix.Length < k)
        {
            _radix = new int[k];
            _digits = new int[k];
            _sub = new int[k];
        }
        for (var d = 0; d < k; d++) _radix[d] = _counts[d] + 1;
        if (_cost.Length < states)
        {
            _cost = new double[states];
            _next = new double[states];
            _current = new double[states];
            _choice = [];
        }
        if (_choice.Length < targets || (_choice.Length > 0 && _choice[0].Length < states))
        {
            _choice = new int[Math.Max(targets, _choice.Length)][];
            for (var t = 0; t < _choice.Length; t++) _choice[t] = new int[_cost.Length];
        }
    }
}
