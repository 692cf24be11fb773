using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.Core.Quantities;
using Canopy.Core.Sensing;

namespace Canopy.Tracking.Tests;

public class SensorGeometryTests
{
    private static readonly LocalFrame Common = new(Geodetic.FromDegrees(32.0, 35.0));

    [Fact]
    public void ConvertPolar_LandsOnTheLocalFrameChainPoint()
    {
        var radar = TestWorld.Radar(1, Geodetic.FromDegrees(32.3, 34.8, 120));
        var geometry = new SensorGeometry(Common, radar);
        var cov = new double[9];
        var point = geometry.ConvertPolar(60_000, 1.1, 0.05, 10, 0.001, 0.001, cov);
        // Independently: sensor ENU -> ECEF -> common ENU with LocalFrame.
        var own = new LocalFrame(radar.Antenna);
        var expected = Common.EcefToEnu(own.EnuToEcef(LocalFrame.FromPolar(60_000, 1.1, 0.05)));
        Assert.Equal(expected.X, point.X, 1e-6);
        Assert.Equal(expected.Y, point.Y, 1e-6);
        Assert.Equal(expected.Z, point.Z, 1e-6);
    }

    [Fact]
    public void ConvertPolar_CovarianceDueNorthOfCollocatedRadar()
    {
        var geometry = new SensorGeometry(Common, TestWorld.Radar(1, Common.Origin, antennaHeight: 0));
        var cov = new double[9];
        var point = geometry.ConvertPolar(10_000, 0, 0, 20, 0.002, 0.003, cov);
        Assert.Equal(0, point.X, 1e-6);
        Assert.Equal(10_000, point.Y, 1e-6);
        // Due north, level: east is cross-range (r·σa)², north is range σr², up is (r·σe)².
        Assert.Equal(400, cov[0], 1e-6);
        Assert.Equal(400, cov[4], 1e-6);
        Assert.Equal(900, cov[8], 1e-6);
        Assert.Equal(0, cov[1], 1e-6);
        Assert.Equal(0, cov[5], 1e-6);
    }

    [Fact]
    public void Bearing_PointDueEastIsHalfPiWithGradientNorth()
    {
        var geometry = new SensorGeometry(Common, TestWorld.Radar(1, Common.Origin, antennaHeight: 0));
        var gradient = new double[3];
        var bearing = geometry.Bearing(new Vec3(1000, 0, 50), gradient);
        Assert.Equal(Math.PI / 2, bearing, 1e-12);
        // d(atan2(e, n))/dn = -e/(e²+n²) = -1e-3; d/de = n/(e²+n²) = 0.
        Assert.Equal(0, gradient[0], 1e-12);
        Assert.Equal(-1e-3, gradient[1], 1e-12);
        Assert.Equal(0, gradient[2], 1e-12);
    }
}
