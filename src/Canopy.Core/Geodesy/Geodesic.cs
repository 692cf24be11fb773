namespace Canopy.Core.Geodesy;

/// <summary>Geodesics on the WGS-84 ellipsoid by Vincenty's formulae (0.5 mm accuracy away from antipodal points).</summary>
public static class Geodesic
{
    /// <summary>Distance (m) and forward azimuths (rad, clockwise from north) at both ends of the geodesic from a to b.</summary>
    public static (double DistanceM, double Azimuth1, double Azimuth2) Inverse(Geodetic a, Geodetic b)
    {
        const double f = Wgs84.F;
        var l = Angles.WrapPi(b.LongitudeRad - a.LongitudeRad);
        var u1 = Math.Atan((1 - f) * Math.Tan(a.LatitudeRad));
        var u2 = Math.Atan((1 - f) * Math.Tan(b.LatitudeRad));
        var (sinU1, cosU1) = Math.SinCos(u1);
        var (sinU2, cosU2) = Math.SinCos(u2);
        double lambda = l, sinSigma = 0, cosSigma = 1, sigma = 0, cos2Alpha = 1, cos2SigmaM = 0, sinLambda = 0, cosLambda = 1;
        for (var i = 0; i < 200; i++)
        {
            (sinLambda, cosLambda) = Math.SinCos(lambda);
            var t1 = cosU2 * sinLambda;
            var t2 = cosU1 * sinU2 - sinU1 * cosU2 * cosLambda;
            sinSigma = Math.Sqrt(t1 * t1 + t2 * t2);
            if (sinSigma == 0) return (0, 0, 0);
            cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
            sigma = Math.Atan2(sinSigma, cosSigma);
            var sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
            cos2Alpha = 1 - sinAlpha * sinAlpha;
            cos2SigmaM = cos2Alpha != 0 ? cosSigma - 2 * sinU1 * sinU2 / cos2Alpha : 0;
            var c = f / 16 * cos2Alpha * (4 + f * (4 - 3 * cos2Alpha));
            var previous = lambda;
            lambda = l + (1 - c) * f * sinAlpha *
                (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
            if (Math.Abs(lambda - previous) < 1e-13) break;
        }
        var uSq = cos2Alpha * (Wgs84.A * Wgs84.A - Wgs84.B * Wgs84.B) / (Wgs84.B * Wgs84.B);
        var bigA = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
        var bigB = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
        var deltaSigma = bigB * sinSigma * (cos2SigmaM + bigB / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) -
            bigB / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
        var s = Wgs84.B * bigA * (sigma - deltaSigma);
        var az1 = Math.Atan2(cosU2 * sinLambda, cosU1 * sinU2 - sinU1 * cosU2 * cosLambda);
        var az2 = Math.Atan2(cosU1 * sinLambda, -sinU1 * cosU2 + cosU1 * sinU2 * cosLambda);
        return (s, Angles.WrapTwoPi(az1), Angles.WrapTwoPi(az2));
    }

    /// <summary>The point reached by travelling distanceM along the geodesic that leaves start at azimuth (rad); height is kept.</summary>
    public static Geodetic Direct(Geodetic start, double azimuth, double distanceM)
    {
        const double f = Wgs84.F;
        var (sinAlpha1, cosAlpha1) = Math.SinCos(azimuth);
        var tanU1 = (1 - f) * Math.Tan(start.LatitudeRad);
        var cosU1 = 1 / Math.Sqrt(1 + tanU1 * tanU1);
        var sinU1 = tanU1 * cosU1;
        var sigma1 = Math.Atan2(tanU1, cosAlpha1);
        var sinAlpha = cosU1 * sinAlpha1;
        var cos2Alpha = 1 - sinAlpha * sinAlpha;
        var uSq = cos2Alpha * (Wgs84.A * Wgs84.A - Wgs84.B * Wgs84.B) / (Wgs84.B * Wgs84.B);
        var bigA = 1 + uSq / 16384 * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
        var bigB = uSq / 1024 * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
        var sigma = distanceM / (Wgs84.B * bigA);
        double cos2SigmaM = 0, sinSigma = 0, cosSigma = 1;
        for (var i = 0; i < 200; i++)
        {
            cos2SigmaM = Math.Cos(2 * sigma1 + sigma);
            (sinSigma, cosSigma) = Math.SinCos(sigma);
            var deltaSigma = bigB * sinSigma * (cos2SigmaM + bigB / 4 * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) -
                bigB / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
            var previous = sigma;
            sigma = distanceM / (Wgs84.B * bigA) + deltaSigma;
            if (Math.Abs(sigma - previous) < 1e-13) break;
        }
        (sinSigma, cosSigma) = Math.SinCos(sigma);
        cos2SigmaM = Math.Cos(2 * sigma1 + sigma);
        var tmp = sinU1 * sinSigma - cosU1 * cosSigma * cosAlpha1;
        var lat = Math.Atan2(sinU1 * cosSigma + cosU1 * sinSigma * cosAlpha1,
            (1 - f) * Math.Sqrt(sinAlpha * sinAlpha + tmp * tmp));
        var lambda = Math.Atan2(sinSigma * sinAlpha1, cosU1 * cosSigma - sinU1 * sinSigma * cosAlpha1);
        var c = f / 16 * cos2Alpha * (4 + f * (4 - 3 * cos2Alpha));
        var l = lambda - (1 - c) * f * sinAlpha *
            (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
        return new Geodetic(lat, start.LongitudeRad + l, start.HeightM);
    }
}
