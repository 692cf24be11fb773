namespace Canopy.Assignment.Static;

/// <summary>
/// Where the local search of <see cref="IteratedLocalSearchSolver"/> looks: each weapon type's most lethal targets
/// (highest p_aj first), and for each target the types that count it among theirs. On the published instances (about
/// one or two copies per target) every target is near every type, so the moves are the full neighbourhoods; on large
/// instances the lists hold at most <see cref="MaxWork"/> / (copies per target) targets (at least 24), which bounds the
/// work of one swap search by a constant instead of the number of weapons.
/// </summary>
internal sealed class LethalNeighbourhood
{
    /// <summary>Rough bound on the copies one swap search examines (targets near a type x copies per target).</summary>
    public const int MaxWork = 4096;

    private readonly int[] _near;      // type-major, Size per type
    private readonly int[] _firstType; // types near target j: _types[_firstType[j] .. _firstType[j + 1]]
    private readonly int[] _types;

    private LethalNeighbourhood(int size, int[] near, int[] firstType, int[] types)
    {
        Size = size;
        _near = near;
        _firstType = firstType;
        _types = types;
    }

    /// <summary>Targets near each type.</summary>
    public int Size { get; }

    /// <summary>
    /// Sorts each type's targets by lethality; null when <paramref name="deadline"/> ends first (the caller then keeps
    /// its start plan).
    /// </summary>
    public static LethalNeighbourhood? Build(WtaProblem problem, SolverDeadline deadline)
    {
        int m = problem.WeaponTypes, n = problem.Targets;
        var perTarget = Math.Max(1L, problem.TotalWeapons / n);
        var size = (int)Math.Min(n, Math.Max(24, MaxWork / perTarget));
        var near = new int[(long)m * size];
        var order = new int[n];
        var keys = new double[n];
        var firstType = new int[n + 1];
        for (var i = 0; i < m; i++)
        {
            if (deadline.Expired) return null;
            for (var j = 0; j < n; j++) order[j] = j;
            problem.LogSurvivalRow(i).CopyTo(keys);
            Array.Sort(keys, order);
            order.AsSpan(0, size).CopyTo(near.AsSpan(i * size, size));
            for (var r = 0; r < size; r++) firstType[order[r] + 1]++;
        }
        for (var j = 0; j < n; j++) firstType[j + 1] += firstType[j];
        var fill = firstType[..^1];
        var types = new int[near.Length];
        for (var i = 0; i < m; i++)
            foreach (var j in near.AsSpan(i * size, size)) types[fill[j]++] = i;
        return new LethalNeighbourhood(size, near, firstType, types);
    }

    /// <summary>The targets near weapon type <paramref name="type"/>, most lethal first.</summary>
    public ReadOnlySpan<int> Near(int type) => _near.AsSpan(type * Size, Size);

    /// <summary>The weapon types that count target <paramref name="j"/> among their near targets.</summary>
    public ReadOnlySpan<int> TypesNear(int j) => _types.AsSpan(_firstType[j], _firstType[j + 1] - _firstType[j]);
}
