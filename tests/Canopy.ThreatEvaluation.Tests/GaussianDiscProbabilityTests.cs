namespace Canopy.ThreatEvaluation.Tests;

public class GaussianDiscProbabilityTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(2.0)]
    [InlineData(4.0)]
    public void Inside_CentredDisc_MatchesTheRayleighClosedForm(double radiusInSigmas)
    {
        const double sigma = 300;
        var r = radiusInSigmas * sigma;

        var p = GaussianDiscProbability.Inside(100, -50, sigma * sigma, 0, sigma * sigma, 100, -50, r);

        Assert.Equal(1 - Math.Exp(-r * r / (2 * sigma * sigma)), p, 5);
    }

    [Fact]
    public void Inside_OffsetCorrelatedGaussian_MatchesAFineGridSum()
    {
        // Independent check: sum the density over a 2 m grid covering the disc.
        const double cxx = 400 * 400, cyy = 150 * 150, cxy = 0.6 * 400 * 150;
        const double cx = 300, cy = 100, radius = 350;
        var det = cxx * cyy - cxy * cxy;
        var sum = 0.0;
        const double h = 2;
        for (var x = cx - radius + h / 2; x < cx + radius; x += h)
        for (var y = cy - radius + h / 2; y < cy + radius; y += h)
        {
            if ((x - cx) * (x - cx) + (y - cy) * (y - cy) > radius * radius) continue;
            var q = (cyy * x * x - 2 * cxy * x * y + cxx * y * y) / det;
            sum += Math.Exp(-0.5 * q) / (2 * Math.PI * Math.Sqrt(det)) * h * h;
        }

        var p = GaussianDiscProbability.Inside(0, 0, cxx, cxy, cyy, cx, cy, radius);

        Assert.Equal(sum, p, 3);
    }

    [Fact]
    public void Inside_PointMassInsideAndOutside_IsOneAndZero()
    {
        Assert.Equal(1, GaussianDiscProbability.Inside(0, 0, 0, 0, 0, 500, 0, 1000));
        Assert.Equal(0, GaussianDiscProbability.Inside(0, 0, 0, 0, 0, 1500, 0, 1000));
    }

    [Fact]
    public void Inside_DiscFarInTheTail_IsNearlyZero()
    {
        var p = GaussianDiscProbability.Inside(0, 0, 100 * 100, 0, 100 * 100, 5000, 0, 500);

        Assert.True(p < 1e-12, $"p = {p}");
    }

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(1.959963985, 0.975)]
    [InlineData(-1, 0.158655254)]
    public void Cdf_KnownQuantiles(double z, double expected) => Assert.Equal(expected, Normal.Cdf(z), 6);
}
