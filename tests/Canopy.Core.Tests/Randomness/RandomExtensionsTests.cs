using Canopy.Core.Randomness;

namespace Canopy.Core.Tests.Randomness;

public class RandomExtensionsTests
{
    [Fact]
    public void NextGaussian_ManyDraws_HaveUnitVarianceAndZeroMean()
    {
        var rng = new Random(1);
        double sum = 0, sumSq = 0;
        const int n = 200_000;
        for (var i = 0; i < n; i++)
        {
            var x = rng.NextGaussian();
            sum += x;
            sumSq += x * x;
        }
        Assert.InRange(sum / n, -0.01, 0.01);
        Assert.InRange(sumSq / n, 0.98, 1.02);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(4)]
    [InlineData(50)]
    public void NextPoisson_ManyDraws_HaveMeanEqualToVariance(double mean)
    {
        var rng = new Random(2);
        double sum = 0, sumSq = 0;
        const int n = 100_000;
        for (var i = 0; i < n; i++)
        {
            double k = rng.NextPoisson(mean);
            sum += k;
            sumSq += k * k;
        }
        var m = sum / n;
        Assert.InRange(m, mean * 0.97, mean * 1.03);
        Assert.InRange(sumSq / n - m * m, mean * 0.94, mean * 1.06);
    }

    [Fact]
    public void DeriveSeed_SameInputs_SameSeed_DifferentIndex_DifferentSeed()
    {
        Assert.Equal(RandomExtensions.DeriveSeed(7, 3), RandomExtensions.DeriveSeed(7, 3));
        Assert.NotEqual(RandomExtensions.DeriveSeed(7, 3), RandomExtensions.DeriveSeed(7, 4));
        Assert.NotEqual(RandomExtensions.DeriveSeed(7, 3), RandomExtensions.DeriveSeed(8, 3));
    }
}
