using Canopy.Core.Geodesy;

namespace Canopy.Core.Tests.Geodesy;

public class AnglesTests
{
    private const double TwoPi = 2 * Math.PI;

    [Theory]
    [InlineData(0.3, 0.3)]
    [InlineData(-0.3, -0.3)]
    [InlineData(Math.PI, Math.PI)]
    [InlineData(-Math.PI, Math.PI)]
    [InlineData(1.5 * Math.PI, -0.5 * Math.PI)]
    [InlineData(-1.5 * Math.PI, 0.5 * Math.PI)]
    [InlineData(7.0, 7.0 - TwoPi)]
    [InlineData(-20.0, -20.0 + 3 * TwoPi)]
    public void WrapPi_KnownAngles(double angle, double expected) =>
        Assert.Equal(expected, Angles.WrapPi(angle), 1e-12);

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.3, 0.3)]
    [InlineData(-0.3, TwoPi - 0.3)]
    [InlineData(-Math.PI, Math.PI)]
    [InlineData(7.0, 7.0 - TwoPi)]
    [InlineData(-7.0, 2 * TwoPi - 7.0)]
    [InlineData(TwoPi, 0.0)]
    public void WrapTwoPi_KnownAngles(double angle, double expected) =>
        Assert.Equal(expected, Angles.WrapTwoPi(angle), 1e-12);

    [Fact]
    public void Wrap_InRangeAnglesAreBitForBitTheRemainder()
    {
        // The shortcut for angles already in range must give exactly what the remainder gives.
        var rng = new Random(5);
        for (var i = 0; i < 10_000; i++)
        {
            var a = (rng.NextDouble() * 2 - 1) * TwoPi;
            var pi = Math.IEEERemainder(a, TwoPi);
            Assert.Equal(pi <= -Math.PI ? pi + TwoPi : pi, Angles.WrapPi(a));
            var twoPi = a % TwoPi;
            Assert.Equal(twoPi < 0 ? twoPi + TwoPi : twoPi, Angles.WrapTwoPi(a));
        }
    }
}
