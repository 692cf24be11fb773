using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.World.Kinematics;

namespace Canopy.World.Tests.Kinematics;

public class WaypointFlightPathTests
{
    [Fact]
    public void Duration_StraightLeg_IsDistanceOverSpeed()
    {
        var a = Geodetic.FromDegrees(50, 30);
        var b = Geodesic.Direct(a, 1.0, 100_000);
        var path = new WaypointFlightPath([a, b], 50);
        // On the ground the 100 km chord is 1.6 m shorter than the arc.
        Assert.Equal(2000, path.Duration, 0.1);
    }

    [Fact]
    public void At_MidLeg_KeepsCruiseHeightOnTheCurvedEarth()
    {
        var a = Geodetic.FromDegrees(50, 30, 1000);
        var b = Geodesic.Direct(a, 1.0, 200_000).WithHeight(1000);
        var path = new WaypointFlightPath([a, b], 50);
        var (ecef, height) = path.At(path.Duration / 2);
        Assert.Equal(1000, height);
        // The chord's midpoint sags 785 m below the surface; the path must not.
        Assert.Equal(1000, Wgs84.ToGeodetic(ecef).HeightM, 5.0);
    }

    [Fact]
    public void At_Ends_AreTheFirstAndLastWaypoints()
    {
        var a = Geodetic.FromDegrees(50, 30, 500);
        var via = Geodetic.FromDegrees(50.3, 30.4, 500);
        var b = Geodetic.FromDegrees(50.4, 30.5, 0);
        var path = new WaypointFlightPath([a, via, b], 50);
        Assert.True(Vec3.Distance(path.At(0).Ecef, Wgs84.ToEcef(a)) < 1e-6);
        Assert.True(Vec3.Distance(path.At(path.Duration + 100).Ecef, Wgs84.ToEcef(b)) < 1e-6);
        Assert.Equal(0, path.At(path.Duration).Height);
    }
}
