using System.Globalization;

namespace Canopy.Assignment.Static;

/// <summary>A weapon-target plan: x_ij, the number of weapons of type i fired at target j.</summary>
public sealed class WtaPlan
{
    private readonly int[] _x;

    /// <summary>Creates an empty plan (no weapon fired).</summary>
    public WtaPlan(int weaponTypes, int targets)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(weaponTypes);
        ArgumentOutOfRangeException.ThrowIfNegative(targets);
        WeaponTypes = weaponTypes;
        Targets = targets;
        _x = new int[weaponTypes * targets];
    }

    /// <summary>Number of weapon types m.</summary>
    public int WeaponTypes { get; }

    /// <summary>Number of targets n.</summary>
    public int Targets { get; }

    /// <summary>x_ij, the number of weapons of type i at target j.</summary>
    public int this[int i, int j]
    {
        get => _x[i * Targets + j];
        set => _x[i * Targets + j] = value;
    }

    /// <summary>A copy of this plan.</summary>
    public WtaPlan Clone()
    {
        var copy = new WtaPlan(WeaponTypes, Targets);
        _x.CopyTo(copy._x, 0);
        return copy;
    }

    /// <summary>Weapons of type i used by this plan.</summary>
    public int Used(int i)
    {
        var used = 0;
        foreach (var x in _x.AsSpan(i * Targets, Targets)) used += x;
        return used;
    }

    /// <summary>Null when the plan fits the problem (shape, x_ij >= 0, sum_j x_ij &lt;= mu_i), else the first violation.</summary>
    public string? Violation(WtaProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (WeaponTypes != problem.WeaponTypes || Targets != problem.Targets)
            return $"plan is {WeaponTypes}x{Targets}, problem is {problem.WeaponTypes}x{problem.Targets}";
        for (var i = 0; i < WeaponTypes; i++)
        {
            for (var j = 0; j < Targets; j++)
                if (this[i, j] < 0) return $"x[{i},{j}] = {this[i, j]} is negative";
            var used = Used(i);
            if (used > problem.Counts[i]) return $"weapon type {i} is used {used} times, only {problem.Counts[i]} available";
        }
        return null;
    }

    /// <summary>Writes the nonzero entries as lines `i j count` (0-based, as in the benchmark files).</summary>
    public void Write(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        for (var i = 0; i < WeaponTypes; i++)
            for (var j = 0; j < Targets; j++)
                if (this[i, j] != 0) writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{i} {j} {this[i, j]}"));
    }
}
