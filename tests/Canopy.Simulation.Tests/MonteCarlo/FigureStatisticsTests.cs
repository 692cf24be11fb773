using Canopy.Simulation.MonteCarlo;

namespace Canopy.Simulation.Tests.MonteCarlo;

public class FigureStatisticsTests
{
    [Fact]
    public void From_OneToFive_GivesTheStudentTInterval()
    {
        var s = FigureStatistics.From("x", [1, 2, 3, 4, 5]);
        Assert.Equal(3, s.Mean);
        Assert.Equal(Math.Sqrt(2.5), s.StandardDeviation, 1e-12);
        // t(4, 0.975) = 2.776; half-width 2.776 * 1.5811 / sqrt(5) = 1.963.
        Assert.Equal(3 - 1.963, s.Low95, 1e-3);
        Assert.Equal(3 + 1.963, s.High95, 1e-3);
    }

    [Theory]
    [InlineData(40, 2.021)]
    [InlineData(60, 2.000)]
    [InlineData(120, 1.980)]
    public void StudentT975_BeyondTheTable_MatchesPublishedQuantiles(int dof, double expected) =>
        Assert.Equal(expected, FigureStatistics.StudentT975(dof), 2e-3);

    [Fact]
    public void From_OneRun_HasNoSpread()
    {
        var s = FigureStatistics.From("x", [7]);
        Assert.Equal((7.0, 0.0, 7.0, 7.0), (s.Mean, s.StandardDeviation, s.Low95, s.High95));
    }
}
