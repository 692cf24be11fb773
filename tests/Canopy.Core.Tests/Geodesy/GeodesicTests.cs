using Canopy.Core.Geodesy;

namespace Canopy.Core.Tests.Geodesy;

public class GeodesicTests
{
    private static double Deg(double d, double m, double s) => Math.Sign(d) * (Math.Abs(d) + m / 60 + s / 3600);

    [Fact]
    public void Inverse_GeodSolveManualExample_MatchesGeographicLib()
    {
        // GeographicLib GeodSolve man page: echo 40.6 -73.8 51.6 -0.5 | GeodSolve -i
        // -> azi1 51.198882845579, azi2 107.821776735514, s12 5551759.400319 m.
        var (s, az1, az2) = Geodesic.Inverse(Geodetic.FromDegrees(40.6, -73.8), Geodetic.FromDegrees(51.6, -0.5));
        Assert.Equal(5551759.400319, s, 3);
        Assert.Equal(51.198882845579, az1 * 180 / Math.PI, 7);
        Assert.Equal(107.821776735514, az2 * 180 / Math.PI, 7);
    }

    [Fact]
    public void Inverse_FlindersPeakToBuninyong_MatchesVincentyPublishedExample()
    {
        // Vincenty's worked example (Geoscience Australia): s = 54972.271 m, azimuth 306°52'05.37".
        var a = Geodetic.FromDegrees(Deg(-37, 57, 3.72030), Deg(144, 25, 29.52440));
        var b = Geodetic.FromDegrees(Deg(-37, 39, 10.15610), Deg(143, 55, 35.38390));
        var (s, az1, _) = Geodesic.Inverse(a, b);
        Assert.Equal(54972.271, s, 3);
        Assert.Equal(Deg(306, 52, 5.37), az1 * 180 / Math.PI, 5);
    }

    [Fact]
    public void Direct_GeodSolveManualExample_ReachesTheOtherEnd()
    {
        var start = Geodetic.FromDegrees(40.6, -73.8);
        var end = Geodesic.Direct(start, 51.198882845579 * Math.PI / 180, 5551759.400319);
        Assert.Equal(51.6, end.LatitudeDeg, 8);
        Assert.Equal(-0.5, end.LongitudeDeg, 8);
    }

    [Fact]
    public void Inverse_SamePoint_IsZero()
    {
        var p = Geodetic.FromDegrees(50, 30);
        Assert.Equal(0, Geodesic.Inverse(p, p).DistanceM);
    }
}
