using Canopy.World.Sensors;

namespace Canopy.World.Tests.Sensors;

public class RadarHorizonTests
{
    [Fact]
    public void DistanceMetres_TenMetreMastFiftyMetreTarget_IsAbout42Km() =>
        Assert.Equal(42_160, RadarHorizon.DistanceMetres(10, 50), 10.0);

    [Theory]
    [InlineData(40_000, true)]
    [InlineData(42_500, false)]
    public void IsVisible_TenMetreMastFiftyMetreTarget(double range, bool visible) =>
        Assert.Equal(visible, RadarHorizon.IsVisible(10, 50, range));
}
