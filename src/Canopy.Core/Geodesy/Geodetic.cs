using System.Globalization;

namespace Canopy.Core.Geodesy;

/// <summary>A WGS-84 geodetic position: latitude and longitude in radians, height above the ellipsoid in metres.</summary>
public readonly record struct Geodetic
{
    public Geodetic(double latitudeRad, double longitudeRad, double heightM)
    {
        if (!(Math.Abs(latitudeRad) <= Math.PI / 2 + 1e-12))
            throw new ArgumentOutOfRangeException(nameof(latitudeRad), latitudeRad, "latitude must lie in [-90°, 90°]");
        if (!double.IsFinite(longitudeRad) || !double.IsFinite(heightM))
            throw new ArgumentOutOfRangeException(nameof(longitudeRad), "longitude and height must be finite");
        LatitudeRad = latitudeRad;
        LongitudeRad = Angles.WrapPi(longitudeRad);
        HeightM = heightM;
    }

    public double LatitudeRad { get; }
    public double LongitudeRad { get; }
    public double HeightM { get; }

    public double LatitudeDeg => LatitudeRad * 180 / Math.PI;
    public double LongitudeDeg => LongitudeRad * 180 / Math.PI;

    public static Geodetic FromDegrees(double latDeg, double lonDeg, double heightM = 0) =>
        new(latDeg * Math.PI / 180, lonDeg * Math.PI / 180, heightM);

    /// <summary>
    /// A position from degrees received from outside (a network feed, a file): false, and no exception, unless the latitude lies in
    /// [-90, 90], the longitude in [-180, 180] and the height is finite.
    /// </summary>
    public static bool TryFromDegrees(double latDeg, double lonDeg, double heightM, out Geodetic position)
    {
        position = default;
        if (!(Math.Abs(latDeg) <= 90) || !(Math.Abs(lonDeg) <= 180) || !double.IsFinite(heightM)) return false;
        position = FromDegrees(latDeg, lonDeg, heightM);
        return true;
    }

    public Geodetic WithHeight(double heightM) => new(LatitudeRad, LongitudeRad, heightM);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{LatitudeDeg:F6}°, {LongitudeDeg:F6}°, {HeightM:F1} m");
}

public static class Angles
{
    /// <summary>Wraps an angle to (-π, π].</summary>
    public static double WrapPi(double a)
    {
        if (a > -Math.PI && a <= Math.PI) return a; // the remainder of an angle already in range is itself, exactly
        a = Math.IEEERemainder(a, 2 * Math.PI);
        return a <= -Math.PI ? a + 2 * Math.PI : a;
    }

    /// <summary>Wraps an angle to [0, 2π).</summary>
    public static double WrapTwoPi(double a)
    {
        if (a > -2 * Math.PI && a < 2 * Math.PI) return a < 0 ? a + 2 * Math.PI : a; // as below: a % 2π is a itself
        a %= 2 * Math.PI;
        return a < 0 ? a + 2 * Math.PI : a;
    }
}
