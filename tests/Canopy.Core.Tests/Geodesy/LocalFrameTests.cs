using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;

namespace Canopy.Core.Tests.Geodesy;

public class LocalFrameTests
{
    private static readonly LocalFrame Kyiv = new(Geodetic.FromDegrees(50.45, 30.52));

    [Fact]
    public void ToEnu_PointStraightUp_IsOnUpAxis()
    {
        var enu = Kyiv.ToEnu(Geodetic.FromDegrees(50.45, 30.52, 1000));
        Assert.Equal(0, enu.X, 6);
        Assert.Equal(0, enu.Y, 6);
        Assert.Equal(1000, enu.Z, 6);
    }

    [Fact]
    public void ToEnu_PointDueNorth_HasNorthComponentAndEarthCurvatureDrop()
    {
        // 100 km north on the ground: the tangent plane lies above the ground by about d^2 / (2 R) = 785 m.
        var north = Geodesic.Direct(Kyiv.Origin, 0, 100_000);
        var enu = Kyiv.ToEnu(north);
        Assert.Equal(0, enu.X, 3);
        Assert.InRange(enu.Y, 99_900, 100_000);
        Assert.InRange(enu.Z, -790, -775);
    }

    [Fact]
    public void ToGeodetic_RoundTrip_RecoversEnu()
    {
        var p = new Vec3(-123_456.7, 87_654.3, 2_500);
        var back = Kyiv.ToEnu(Kyiv.ToGeodetic(p));
        Assert.Equal(p.X, back.X, 4);
        Assert.Equal(p.Y, back.Y, 4);
        Assert.Equal(p.Z, back.Z, 4);
    }

    [Fact]
    public void ToPolar_PointNorthEastAndUp_GivesTextbookAngles()
    {
        var (r, az, el) = LocalFrame.ToPolar(new Vec3(1000, 1000, Math.Sqrt(2) * 1000));
        Assert.Equal(2000, r, 9);
        Assert.Equal(Math.PI / 4, az, 12);
        Assert.Equal(Math.PI / 4, el, 12);
        var v = LocalFrame.FromPolar(r, az, el);
        Assert.Equal(1000, v.X, 9);
        Assert.Equal(1000, v.Y, 9);
    }

    [Fact]
    public void RotateToEcef_IsInverseOfRotateToEnu()
    {
        var d = new Vec3(3, -4, 12);
        var back = Kyiv.RotateToEnu(Kyiv.RotateToEcef(d));
        Assert.Equal(d.X, back.X, 12);
        Assert.Equal(d.Y, back.Y, 12);
        Assert.Equal(d.Z, back.Z, 12);
    }
}
