using System.Runtime.CompilerServices;

namespace Canopy.Tracking;

/// <summary>
/// A 6x6 state covariance over (x, y, z, vx, vy, vz), row-major, 36 values held inline, so that a published
/// <see cref="Track"/> carries its covariance without an array of its own. Index it like an array; a local copy
/// converts to <see cref="ReadOnlySpan{T}"/> (<c>var p = track.Covariance; Use(p);</c>).
/// </summary>
[InlineArray(Size)]
public struct StateCovariance
{
    /// <summary>Number of values, 6 x 6.</summary>
    public const int Size = 36;

    private double _element;

    /// <summary>Number of values, as an array's Length: always <see cref="Size"/>.</summary>
    public readonly int Length => Size;

    /// <summary>The covariance whose values are <paramref name="values"/> (36, row-major).</summary>
    public static StateCovariance From(ReadOnlySpan<double> values)
    {
        if (values.Length != Size) throw new ArgumentException($"a state covariance has {Size} values, not {values.Length}", nameof(values));
        var covariance = default(StateCovariance);
        values.CopyTo(covariance);
        return covariance;
    }

    /// <summary>Copies 36 row-major values, as <see cref="From"/>.</summary>
    public static implicit operator StateCovariance(double[] values) => From(values);
}
