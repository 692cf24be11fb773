using System.Globalization;

namespace Canopy.Scenarios.Loading;

/// <summary>The values a field accepts (in SI units), and how to say so in an error message.</summary>
internal sealed record NumberRange(double Min, double Max, bool MinExclusive, string Rule)
{
    public static readonly NumberRange Any = new(double.NegativeInfinity, double.PositiveInfinity, false, "");
    public static readonly NumberRange NonNegative = new(0, double.PositiveInfinity, false, "must not be negative");
    public static readonly NumberRange Positive = new(0, double.PositiveInfinity, true, "must be positive");
    public static readonly NumberRange Latitude = Closed(-90, 90);
    public static readonly NumberRange Longitude = Closed(-180, 180);

    public static NumberRange AtLeast(double min) =>
        new(min, double.PositiveInfinity, false, string.Create(CultureInfo.InvariantCulture, $"must be at least {min}"));

    /// <summary>[min, max], the bounds written in the file's units by <paramref name="shown"/> (e.g. "[100 ms, 10 min]").</summary>
    public static NumberRange Between(double min, double max, string shown) => new(min, max, false, $"must lie in {shown}");

    /// <summary>(0, max]: positive and at most <paramref name="shown"/> (the bound in the file's units).</summary>
    public static NumberRange PositiveUpTo(double max, string shown) => new(0, max, true, $"must be positive and at most {shown}");

    /// <summary>[0, max]: not negative and at most <paramref name="shown"/> (the bound in the file's units).</summary>
    public static NumberRange UpTo(double max, string shown) => new(0, max, false, $"must lie between 0 and {shown}");

    private static NumberRange Closed(double min, double max) =>
        new(min, max, false, string.Create(CultureInfo.InvariantCulture, $"must lie in [{min}, {max}]"));

    public bool Contains(double v) => (MinExclusive ? v > Min : v >= Min) && v <= Max;
}
