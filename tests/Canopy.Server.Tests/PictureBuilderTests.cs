using Canopy.Server.Live;

namespace Canopy.Server.Tests;

public class PictureBuilderTests
{
    [Theory]
    // Diagonal covariances: the axes are the square roots, along east (bearing 90) or north (bearing 0).
    [InlineData(4, 1, 0, 2, 1, 90)]
    [InlineData(1, 9, 0, 3, 1, 0)]
    // [[2, 1], [1, 2]]: eigenvalues 3 and 1, major axis along east+north, bearing 45 (north-east).
    [InlineData(2, 2, 1, 1.7320508075688772, 1, 45)]
    // [[2, -1], [-1, 2]]: same, major axis along east-south, bearing 135 (south-east).
    [InlineData(2, 2, -1, 1.7320508075688772, 1, 135)]
    public void Ellipse_KnownCovariance_GivesSemiAxesAndBearing(double sxx, double syy, double sxy, double major, double minor, double bearing)
    {
        var e = PictureBuilder.Ellipse(sxx, syy, sxy);
        Assert.Equal(major, e.Major, 9);
        Assert.Equal(minor, e.Minor, 9);
        Assert.Equal(bearing, e.Bearing, 9);
    }
}
