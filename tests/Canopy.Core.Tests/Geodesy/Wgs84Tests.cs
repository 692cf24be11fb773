using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;

namespace Canopy.Core.Tests.Geodesy;

public class Wgs84Tests
{
    [Fact]
    public void ToEcef_EquatorPrimeMeridian_IsSemiMajorAxisOnX()
    {
        var e = Wgs84.ToEcef(Geodetic.FromDegrees(0, 0));
        Assert.Equal(6378137.0, e.X, 6);
        Assert.Equal(0, e.Y, 6);
        Assert.Equal(0, e.Z, 6);
    }

    [Fact]
    public void ToEcef_NorthPole_IsSemiMinorAxisOnZ()
    {
        var e = Wgs84.ToEcef(Geodetic.FromDegrees(90, 0));
        Assert.Equal(0, e.X, 6);
        Assert.Equal(6356752.314245, e.Z, 1e-5);
    }

    [Fact]
    public void ToEcef_PublishedPoint_MatchesReference()
    {
        // 45 N 45 E at 1000 m: N = a / sqrt(1 - e2 sin^2 45) = 6388838.2901 m (hand-computed);
        // X = Y = (N + h) cos45 cos45 = 3194919.1451, Z = (N (1 - e2) + h) sin45 = 4488055.5158.
        var e = Wgs84.ToEcef(Geodetic.FromDegrees(45, 45, 1000));
        Assert.Equal(3194919.145, e.X, 2e-3);
        Assert.Equal(3194919.145, e.Y, 2e-3);
        Assert.Equal(4488055.516, e.Z, 2e-3);
    }

    [Theory]
    [InlineData(50.45, 30.52, 170)]
    [InlineData(-33.9, 151.2, 12000)]
    [InlineData(89.99, -120, 50)]
    [InlineData(0, 179.999, -20)]
    [InlineData(-89.5, 10, 400000)]
    public void ToGeodetic_RoundTrip_RecoversPositionToMillimetres(double lat, double lon, double h)
    {
        var g = Geodetic.FromDegrees(lat, lon, h);
        var back = Wgs84.ToGeodetic(Wgs84.ToEcef(g));
        Assert.Equal(lat, back.LatitudeDeg, 9);
        Assert.Equal(lon, back.LongitudeDeg, 9);
        Assert.Equal(h, back.HeightM, 3);
    }
}
