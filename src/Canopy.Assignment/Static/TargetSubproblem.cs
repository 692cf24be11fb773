namespace Canopy.Assignment.Static;

/// <summary>
/// One target's Lagrangian subproblem: g(x) = V exp(sum_i q_i x_i) + sum_i lambda_i x_i over x_i in 0..mu_i.
/// Depth-first search over weapon types in rising price per unit of log kill, pruned by the bound of the continuous
/// relaxation of the rest (a fractional knapsack on a convex objective). Finds the minimum or lists every x within a
/// threshold; asks the deadline every 1024 steps (a node or one count tried for a weapon type, so a node's loop over
/// thousands of copies is counted too) and reports when it stopped there.
/// </summary>
internal sealed class TargetSubproblem(WtaProblem problem)
{
    private readonly int[] _order = new int[problem.WeaponTypes];
    private readonly double[] _ratio = new double[problem.WeaponTypes];
    private readonly int[] _x = new int[problem.WeaponTypes];
    private double[] _lambda = [];
    private int _target;
    private double _value;
    private double _threshold;
    private bool _enumerate;
    private List<int[]>? _found;
    private int _limit;
    private SolverDeadline? _deadline;
    private long _steps;

    /// <summary>Best x found by <see cref="Minimise"/>.</summary>
    public int[] Best { get; } = new int[problem.WeaponTypes];

    /// <summary>Whether the last search stopped at the deadline (its result is then not exact).</summary>
    public bool Stopped { get; private set; }

    /// <summary>min_x g(x) for target j; the minimiser is left in <see cref="Best"/>; not exact when <see cref="Stopped"/>.</summary>
    public double Minimise(int j, double[] lambda, double start, SolverDeadline deadline)
    {
        Prepare(j, lambda, deadline);
        _enumerate = false;
        _threshold = start;
        Array.Clear(Best);
        Search(0, 0, 0);
        return _threshold;
    }

    /// <summary>
    /// Adds every x with g(x) &lt;= threshold to <paramref name="found"/>; false when more than <paramref name="limit"/>
    /// or when <see cref="Stopped"/> at the deadline.
    /// </summary>
    public bool Enumerate(int j, double[] lambda, double threshold, List<int[]> found, int limit, SolverDeadline deadline)
    {
        Prepare(j, lambda, deadline);
        _enumerate = true;
        _threshold = threshold;
        _found = found;
        _limit = limit;
        return Search(0, 0, 0);
    }

    private void Prepare(int j, double[] lambda, SolverDeadline deadline)
    {
        _deadline = deadline;
        Stopped = false;
        _lambda = lambda;
        _target = j;
        _value = problem.Values[j];
        for (var i = 0; i < _order.Length; i++)
        {
            _order[i] = i;
            var q = -problem.LogSurvival(i, j);
            _ratio[i] = q > 0 ? lambda[i] / q : double.PositiveInfinity;
        }
        Array.Sort(_ratio, _order);
        Array.Clear(_x);
    }

    /// <summary>The node with log survival s and price c whose free types start at position k; false to stop.</summary>
    private bool Search(int k, double s, double c)
    {
        if (Expired()) return false;
        var g = _value * Math.Exp(s) + c;
        if (g <= _threshold)
        {
            if (_enumerate)
            {
                if (_found!.Count >= _limit) return false;
                var column = new int[_x.Length];
                _x.CopyTo(column, 0);
                _found.Add(column);
            }
            else if (g < _threshold)
            {
                _threshold = g;
                _x.CopyTo(Best, 0);
            }
        }
        for (var l = k; l < _order.Length; l++)
        {
            var i = _order[l];
            var q = problem.LogSurvival(i, _target);
            if (q >= 0) continue;
            for (var count = 1; count <= problem.Counts[i]; count++)
            {
                if (Expired()) return false;
                var s1 = s + count * q;
                var c1 = c + count * _lambda[i];
                // The bound is the relaxation's minimum over x_i >= count, so it never falls as count grows: once
                // past the threshold, no larger count of this type can do better (on 10^4 copies per type the
                // loop used to try every count, about 10^9 bounds between two looks at the clock).
                var bound = Bound(l, problem.Counts[i] - count, s1, c1);
                if (bound > _threshold) break;
                _x[i] = count;
                var go = Search(l + 1, s1, c1);
                _x[i] = 0;
                if (!go) return false;
            }
        }
        return true;
    }

    /// <summary>Counts one step and asks the deadline every 1024 steps (the count runs on across targets); true once stopped.</summary>
    private bool Expired()
    {
        if ((++_steps & 1023) == 0 && _deadline!.Expired) Stopped = true;
        return Stopped;
    }

    /// <summary>Lower bound on g over extensions: fractional use of the rest (and <paramref name="left"/> more of type l) in price order.</summary>
    private double Bound(int l, int left, double s, double c)
    {
        var tau = 0.0;
        for (var p = l; p < _order.Length; p++)
        {
            var i = _order[p];
            var cap = p == l ? left : problem.Counts[i];
            var q = -problem.LogSurvival(i, _target);
            if (cap == 0 || q <= 0) continue;
            var rho = _ratio[p];
            var width = cap * q;
            if (_value * Math.Exp(s - tau - width) >= rho)
            {
                tau += width;
                c += rho * width;
                continue;
            }
            var stop = s + Math.Log(_value / rho);
            if (stop > tau)
            {
                c += rho * (stop - tau);
                tau = stop;
            }
            break;
        }
        return _value * Math.Exp(s - tau) + c;
    }
}
