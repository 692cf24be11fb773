using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;

namespace Canopy.Interop.Geo.Tests;

public class GroundEllipseTests
{
    [Fact]
    public void FromCovariance_DiagonalEastLarger_HasTwoSigmaAxesAlongEast()
    {
        var e = GroundEllipse.FromCovariance(25, 0, 9, 2);
        Assert.Equal(10, e.SemiMajorM, 12);
        Assert.Equal(6, e.SemiMinorM, 12);
        Assert.Equal(Math.PI / 2, e.OrientationRad, 12);
    }

    [Theory]
    [InlineData(4, 45)]
    [InlineData(-4, 135)]
    public void FromCovariance_Correlated_HasEigenvalueAxesOnTheDiagonal(double en, double azimuthDeg)
    {
        // [[5, ±4], [±4, 5]] has eigenvalues 9 and 1 with eigenvectors (1, ±1)/√2: 2σ axes 6 and 2.
        var e = GroundEllipse.FromCovariance(5, en, 5, 2);
        Assert.Equal(6, e.SemiMajorM, 12);
        Assert.Equal(2, e.SemiMinorM, 12);
        Assert.Equal(azimuthDeg, e.OrientationRad * 180 / Math.PI, 9);
    }

    [Fact]
    public void FromCovariance_NorthLarger_PointsNorth()
    {
        Assert.Equal(0, GroundEllipse.FromCovariance(1, 0, 16, 1).OrientationRad, 12);
    }

    [Fact]
    public void ImpactCovariance_TenSecondsOut_AddsVelocityVarianceAndCrossTerms()
    {
        var p = new double[36];
        p[0] = 100; // σe² (m²)
        p[7] = 50;
        p[3] = p[18] = 2; // cov(e, ve)
        p[21] = 4; // σve² (m²/s²)
        p[28] = 1;
        var (ee, en, nn) = GroundEllipse.ImpactCovariance(p, 10);
        Assert.Equal(100 + 10 * (2 + 2) + 100 * 4, ee, 12);
        Assert.Equal(0, en, 12);
        Assert.Equal(50 + 100 * 1, nn, 12);
    }

    [Fact]
    public void Ring_FirstPoint_IsTheSemiMajorAlongTheAzimuthAndTheRingCloses()
    {
        var e = GroundEllipse.FromCovariance(5, 4, 5, 2);
        var ring = e.Ring(new Vec3(100, 200, 0), 8);
        Assert.Equal(9, ring.Length);
        Assert.Equal(100 + 6 / Math.Sqrt(2), ring[0].X, 9);
        Assert.Equal(200 + 6 / Math.Sqrt(2), ring[0].Y, 9);
        Assert.Equal(2, Vec3.Distance(ring[2], new Vec3(100, 200, 0)), 9); // a quarter turn: the semi-minor axis
        Assert.Equal(ring[0], ring[8]);
        Assert.True(SignedArea(ring.Select(v => (v.X, v.Y)).ToArray()) > 0, "counter-clockwise");
    }

    [Fact]
    public void GeodesicCircle_Ring_EveryPointIsAtTheRadiusAndTheRingRunsCounterClockwise()
    {
        var centre = Geodetic.FromDegrees(50.45, 30.52);
        var ring = GeodesicCircle.Ring(centre, 40_000, 36);
        Assert.Equal(ring[0], ring[^1]);
        foreach (var p in ring) Assert.Equal(40_000, Geodesic.Inverse(centre, p).DistanceM, 3);
        Assert.True(SignedArea(ring.Select(p => (p.LongitudeDeg, p.LatitudeDeg)).ToArray()) > 0, "counter-clockwise (RFC 7946 outer ring)");
    }

    /// <summary>Shoelace formula: positive for a counter-clockwise ring in (x east, y north).</summary>
    internal static double SignedArea(IReadOnlyList<(double X, double Y)> ring)
    {
        var sum = 0.0;
        for (var i = 0; i + 1 < ring.Count; i++) sum += ring[i].X * ring[i + 1].Y - ring[i + 1].X * ring[i].Y;
        return sum / 2;
    }
}
