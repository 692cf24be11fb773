using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.World.Kinematics;

namespace Canopy.World.Tests.Kinematics;

public class BallisticFlightPathTests
{
    private static readonly Geodetic Launch = Geodetic.FromDegrees(50.0, 36.0);

    [Fact]
    public void At_FlightTime_LandsWithinOneMetreOfTheImpactPoint()
    {
        var impact = Geodesic.Direct(Launch, 4.0, 300_000);
        var path = BallisticFlightPath.WithFlightTime(Launch, impact, 240);
        var (ecef, _) = path.At(path.Duration);
        Assert.True(Vec3.Distance(ecef, Wgs84.ToEcef(impact)) < 1.0);
    }

    [Fact]
    public void WithFlightTime_FlatCase_ApogeeIsGTSquaredOverEight()
    {
        // Over 2 km the Earth's curvature drops the impact point by 0.3 m: the textbook flat-ground arc.
        var impact = Geodesic.Direct(Launch, 0, 2000);
        var path = BallisticFlightPath.WithFlightTime(Launch, impact, 60);
        Assert.Equal(BallisticFlightPath.Gravity * 60 * 60 / 8, path.Apogee, 1.0);
        Assert.Equal(2000 / 60.0, path.LaunchVelocity.HorizontalLength, 0.01);
    }

    [Fact]
    public void WithApogee_FlatCase_FlightTimeIsTwiceTheRiseTime()
    {
        var impact = Geodesic.Direct(Launch, 1, 1000);
        var path = BallisticFlightPath.WithApogee(Launch, impact, 5000);
        var rise = Math.Sqrt(2 * 5000 / BallisticFlightPath.Gravity);
        Assert.Equal(2 * rise, path.Duration, 0.01);
        var (_, heightAtTop) = path.At(path.Duration / 2);
        Assert.Equal(5000, heightAtTop, 1.0);
    }

    [Fact]
    public void WithApogee_AboveTheLaunchPoint_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BallisticFlightPath.WithApogee(Launch, Launch, 0));
}
