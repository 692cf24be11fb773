using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;

namespace Canopy.Interop.Geo;

/// <summary>
/// A k-sigma error ellipse on the ground from a 2x2 east-north covariance [[ee, en], [en, nn]] (m²): semi-axes are
/// k·sqrt of the covariance's eigenvalues; orientation is the major axis's azimuth, clockwise from north, in [0, π).
/// </summary>
public readonly record struct GroundEllipse(double SemiMajorM, double SemiMinorM, double OrientationRad)
{
    public static GroundEllipse FromCovariance(double ee, double en, double nn, double sigmas)
    {
        var mean = (ee + nn) / 2;
        var radius = Math.Sqrt((ee - nn) * (ee - nn) / 4 + en * en);
        var major = Math.Max(0, mean + radius);
        var minor = Math.Max(0, mean - radius);
        // The major eigenvector (east, north) makes the angle ½·atan2(2en, ee − nn) with east; azimuth is from north.
        var fromEast = 0.5 * Math.Atan2(2 * en, ee - nn);
        var azimuth = Math.PI / 2 - fromEast;
        azimuth = ((azimuth % Math.PI) + Math.PI) % Math.PI;
        return new GroundEllipse(sigmas * Math.Sqrt(major), sigmas * Math.Sqrt(minor), azimuth);
    }

    /// <summary>
    /// The ground covariance of a predicted impact point: the track's horizontal position covariance extrapolated at
    /// constant velocity over the time to go, P_pp + t(P_pv + P_vp) + t²P_vv, from the 6x6 ENU state covariance.
    /// </summary>
    public static (double Ee, double En, double Nn) ImpactCovariance(ReadOnlySpan<double> p, double timeToGo)
    {
        var t = timeToGo;
        return (At(p, 0, 0, t), (At(p, 0, 1, t) + At(p, 1, 0, t)) / 2, At(p, 1, 1, t));
    }

    private static double At(ReadOnlySpan<double> p, int i, int j, double t) =>
        p[i * 6 + j] + t * (p[i * 6 + j + 3] + p[(i + 3) * 6 + j]) + t * t * p[(i + 3) * 6 + j + 3];

    /// <summary>A closed ring of <paramref name="points"/> + 1 ENU points around <paramref name="centre"/>, counter-clockwise seen from above.</summary>
    public Vec3[] Ring(Vec3 centre, int points)
    {
        var ring = new Vec3[points + 1];
        var (sinO, cosO) = Math.SinCos(OrientationRad);
        for (var i = 0; i < points; i++)
        {
            var (s, c) = Math.SinCos(2 * Math.PI * i / points);
            // (a cos t, b sin t) in the ellipse's own axes: major along the azimuth, minor 90° anticlockwise of it.
            var along = SemiMajorM * c;
            var across = SemiMinorM * s;
            ring[i] = centre + new Vec3(along * sinO - across * cosO, along * cosO + across * sinO, 0);
        }
        ring[points] = ring[0];
        return ring;
    }
}

/// <summary>Circles on the ellipsoid, for coverage and engagement rings.</summary>
public static class GeodesicCircle
{
    /// <summary>
    /// A closed ring of points at <paramref name="radiusM"/> along geodesics from <paramref name="centre"/>
    /// (Vincenty direct), counter-clockwise seen from above (azimuth decreasing), as RFC 7946 asks of outer rings.
    /// </summary>
    public static Geodetic[] Ring(Geodetic centre, double radiusM, int points)
    {
        var ring = new Geodetic[points + 1];
        for (var i = 0; i < points; i++) ring[i] = Geodesic.Direct(centre, -2 * Math.PI * i / points, radiusM);
        ring[points] = ring[0];
        return ring;
    }
}
