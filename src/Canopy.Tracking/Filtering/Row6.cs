using System.Runtime.Intrinsics;

namespace Canopy.Tracking.Filtering;

/// <summary>
/// One row of a row-major 6x6 matrix (or a 6-vector) in two SIMD registers, lanes 0–3 and 4–5. Arithmetic is lane-wise
/// with the same operation order as the scalar code it replaces, so results are bit-identical (no fused multiply-add).
/// </summary>
internal readonly struct Row6
{
    private readonly Vector256<double> _lo;
    private readonly Vector128<double> _hi;

    private Row6(Vector256<double> lo, Vector128<double> hi)
    {
        _lo = lo;
        _hi = hi;
    }

    /// <summary>The six values of <paramref name="s"/> from <paramref name="offset"/>.</summary>
    public static Row6 Load(ReadOnlySpan<double> s, int offset) =>
        new(Vector256.Create(s.Slice(offset, 4)), Vector128.Create(s.Slice(offset + 4, 2)));

    /// <summary>Writes the six values into <paramref name="s"/> from <paramref name="offset"/>.</summary>
    public void Store(Span<double> s, int offset)
    {
        _lo.CopyTo(s.Slice(offset, 4));
        _hi.CopyTo(s.Slice(offset + 4, 2));
    }

    public static Row6 operator +(Row6 a, Row6 b) => new(a._lo + b._lo, a._hi + b._hi);

    public static Row6 operator -(Row6 a, Row6 b) => new(a._lo - b._lo, a._hi - b._hi);

    public static Row6 operator *(Row6 a, double s) => new(a._lo * s, a._hi * s);
}
