using Canopy.Core.Quantities;

namespace Canopy.Core.Tests.Quantities;

public class QuantitiesTests
{
    [Fact]
    public void FromKilometresPerHour_185_IsMetresPerSecond()
    {
        Assert.Equal(51.3888888889, Speed.FromKilometresPerHour(185).MetresPerSecond, 9);
    }

    [Fact]
    public void Division_LengthBySpeed_IsTimeOfFlight()
    {
        var t = Length.FromKilometres(100) / Speed.FromMetresPerSecond(50);
        Assert.Equal(2000, t.Seconds, 12);
    }

    [Fact]
    public void FromDollars_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Money.FromDollars(-1));
    }

    [Fact]
    public void Of_OutsideUnitInterval_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Probability.Of(1.01));
        Assert.Throws<ArgumentOutOfRangeException>(() => Probability.Of(double.NaN));
    }

    [Fact]
    public void FromMetres_NaN_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Length.FromMetres(double.NaN));
    }

    [Fact]
    public void ToString_Money_UsesReadableScale()
    {
        Assert.Equal("4 M$", Money.FromDollars(4e6).ToString());
        Assert.Equal("30 k$", Money.FromDollars(30_000).ToString());
    }
}
