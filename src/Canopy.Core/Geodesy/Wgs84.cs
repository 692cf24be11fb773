using Canopy.Core.Geometry;

namespace Canopy.Core.Geodesy;

/// <summary>The WGS-84 ellipsoid and conversions between geodetic and Earth-centred Earth-fixed (ECEF) coordinates.</summary>
public static class Wgs84
{
    public const double A = 6378137.0;
    public const double F = 1 / 298.257223563;
    public const double B = A * (1 - F);
    public const double E2 = F * (2 - F);
    private const double Ep2 = E2 / (1 - E2);

    /// <summary>Mean Earth radius (IUGG R1), m.</summary>
    public const double MeanRadius = 6371008.8;

    public static Vec3 ToEcef(Geodetic g)
    {
        var (sinLat, cosLat) = Math.SinCos(g.LatitudeRad);
        var (sinLon, cosLon) = Math.SinCos(g.LongitudeRad);
        var n = A / Math.Sqrt(1 - E2 * sinLat * sinLat);
        return new Vec3(
            (n + g.HeightM) * cosLat * cosLon,
            (n + g.HeightM) * cosLat * sinLon,
            (n * (1 - E2) + g.HeightM) * sinLat);
    }

    /// <summary>ECEF to geodetic by Bowring's initial value and two Newton refinements (sub-millimetre near the Earth).</summary>
    public static Geodetic ToGeodetic(Vec3 ecef)
    {
        var p = Math.Sqrt(ecef.X * ecef.X + ecef.Y * ecef.Y);
        var lon = Math.Atan2(ecef.Y, ecef.X);
        if (p < 1e-9)
        {
            var lat0 = ecef.Z >= 0 ? Math.PI / 2 : -Math.PI / 2;
            return new Geodetic(lat0, 0, Math.Abs(ecef.Z) - B);
        }
        var theta = Math.Atan2(ecef.Z * A, p * B);
        var (st, ct) = Math.SinCos(theta);
        var lat = Math.Atan2(ecef.Z + Ep2 * B * st * st * st, p - E2 * A * ct * ct * ct);
        double h = 0;
        for (var i = 0; i < 3; i++)
        {
            var sinLat = Math.Sin(lat);
            var n = A / Math.Sqrt(1 - E2 * sinLat * sinLat);
            h = p / Math.Cos(lat) - n;
            if (Math.Abs(lat) > 1.4) h = ecef.Z / sinLat - n * (1 - E2);
            lat = Math.Atan2(ecef.Z, p * (1 - E2 * n / (n + h)));
        }
        return new Geodetic(lat, lon, h);
    }
}
