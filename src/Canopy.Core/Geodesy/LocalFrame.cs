using Canopy.Core.Geometry;

namespace Canopy.Core.Geodesy;

/// <summary>
/// A local east-north-up (ENU) Cartesian frame tangent to the WGS-84 ellipsoid at an origin.
/// Straight lines stay straight in it, so trackers work here; heights far from the origin are
/// not heights above the ground (the Earth curves away), so convert back with <see cref="ToGeodetic"/>.
/// </summary>
public sealed class LocalFrame
{
    private readonly Vec3 _originEcef;
    private readonly double _sinLat, _cosLat, _sinLon, _cosLon;

    public LocalFrame(Geodetic origin)
    {
        Origin = origin;
        _originEcef = Wgs84.ToEcef(origin);
        (_sinLat, _cosLat) = Math.SinCos(origin.LatitudeRad);
        (_sinLon, _cosLon) = Math.SinCos(origin.LongitudeRad);
    }

    public Geodetic Origin { get; }

    /// <summary>Rotates an ECEF displacement into ENU components.</summary>
    public Vec3 RotateToEnu(Vec3 d) => new(
        -_sinLon * d.X + _cosLon * d.Y,
        -_sinLat * _cosLon * d.X - _sinLat * _sinLon * d.Y + _cosLat * d.Z,
        _cosLat * _cosLon * d.X + _cosLat * _sinLon * d.Y + _sinLat * d.Z);

    /// <summary>Rotates ENU components into an ECEF displacement.</summary>
    public Vec3 RotateToEcef(Vec3 e) => new(
        -_sinLon * e.X - _sinLat * _cosLon * e.Y + _cosLat * _cosLon * e.Z,
        _cosLon * e.X - _sinLat * _sinLon * e.Y + _cosLat * _sinLon * e.Z,
        _cosLat * e.Y + _sinLat * e.Z);

    public Vec3 EcefToEnu(Vec3 ecef) => RotateToEnu(ecef - _originEcef);
    public Vec3 EnuToEcef(Vec3 enu) => _originEcef + RotateToEcef(enu);
    public Vec3 ToEnu(Geodetic g) => EcefToEnu(Wgs84.ToEcef(g));
    public Geodetic ToGeodetic(Vec3 enu) => Wgs84.ToGeodetic(EnuToEcef(enu));

    /// <summary>Range, azimuth (clockwise from north, [0, 2π)) and elevation of an ENU point seen from this origin.</summary>
    public static (double Range, double Azimuth, double Elevation) ToPolar(Vec3 enu)
    {
        var range = enu.Length;
        var az = Angles.WrapTwoPi(Math.Atan2(enu.X, enu.Y));
        var el = range > 0 ? Math.Asin(Math.Clamp(enu.Z / range, -1, 1)) : 0;
        return (range, az, el);
    }

    public static Vec3 FromPolar(double range, double azimuth, double elevation)
    {
        var (se, ce) = Math.SinCos(elevation);
        var (sa, ca) = Math.SinCos(azimuth);
        return new Vec3(range * ce * sa, range * ce * ca, range * se);
    }
}
