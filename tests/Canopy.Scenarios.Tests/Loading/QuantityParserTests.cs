using Canopy.Scenarios.Loading;

namespace Canopy.Scenarios.Tests.Loading;

public class QuantityParserTests
{
    [Theory]
    [InlineData("40 km", QuantityKind.Length, 40_000)]
    [InlineData("150m", QuantityKind.Length, 150)]
    [InlineData("1000 ft", QuantityKind.Length, 304.8)]
    [InlineData("2 nmi", QuantityKind.Length, 3704)]
    [InlineData("-50 m", QuantityKind.Length, -50)]
    [InlineData("1500 m/s", QuantityKind.Speed, 1500)]
    [InlineData("180 km/h", QuantityKind.Speed, 50)]
    [InlineData("360 kn", QuantityKind.Speed, 185.2)]
    [InlineData("6 Mach", QuantityKind.Speed, 2041.74)]
    [InlineData("250 ms", QuantityKind.Duration, 0.25)]
    [InlineData("5 s", QuantityKind.Duration, 5)]
    [InlineData("1.5 min", QuantityKind.Duration, 90)]
    [InlineData("6 h", QuantityKind.Duration, 21_600)]
    [InlineData("180 deg", QuantityKind.Angle, Math.PI)]
    [InlineData("2 rad", QuantityKind.Angle, 2)]
    [InlineData("3 mrad", QuantityKind.Angle, 0.003)]
    [InlineData("12 $", QuantityKind.Money, 12)]
    [InlineData("35 k$", QuantityKind.Money, 35_000)]
    [InlineData("4 M$", QuantityKind.Money, 4_000_000)]
    [InlineData("1.2 B$", QuantityKind.Money, 1_200_000_000)]
    [InlineData(".5 km", QuantityKind.Length, 500)]
    [InlineData("1e3 m", QuantityKind.Length, 1000)]
    public void TryParse_KnownUnit_GivesSiValue(string text, QuantityKind kind, double expected)
    {
        Assert.True(QuantityParser.TryParse(text, kind, out var value, out var error), error);
        Assert.Equal(expected, value, 1e-9 * Math.Max(1, Math.Abs(expected)));
    }

    [Fact]
    public void TryParse_NumberWithoutUnit_AsksForUnitOfTheRightKind()
    {
        Assert.False(QuantityParser.TryParse("40", QuantityKind.Length, out _, out var error));
        Assert.Equal("'40' needs a unit of length, e.g. '40 km'", error);
    }

    [Fact]
    public void TryParse_WrongKindOfUnit_NamesBothKinds()
    {
        Assert.False(QuantityParser.TryParse("3 min", QuantityKind.Length, out _, out var error));
        Assert.Equal("'3 min' is a duration, expected a length", error);
    }

    [Fact]
    public void TryParse_UnknownUnit_ListsTheUnitsOfTheKind()
    {
        Assert.False(QuantityParser.TryParse("3 miles", QuantityKind.Length, out _, out var error));
        Assert.Equal("'3 miles': unknown unit 'miles'; a length takes m, km, ft, nmi", error);
    }

    [Theory]
    [InlineData("km")]
    [InlineData("fast")]
    [InlineData("")]
    public void TryParse_NoNumber_IsAnError(string text)
    {
        Assert.False(QuantityParser.TryParse(text, QuantityKind.Speed, out _, out var error));
        Assert.Equal($"'{text}' is not a number with a unit, e.g. '180 km/h'", error);
    }

    [Fact]
    public void TryParse_CommaDecimalSeparator_IsRejected()
    {
        Assert.False(QuantityParser.TryParse("1,5 km", QuantityKind.Length, out _, out _));
    }

    [Theory]
    [InlineData("1e999 km", "'1e999 km' is too large a number")]
    [InlineData("1e309 km/h", "'1e309 km/h' is too large a number")]
    [InlineData("-1e999 m", "'-1e999 m' is too large a number")]
    [InlineData("\u0663\u0660\u0660 km", "'\u0663\u0660\u0660 km' is not a number with a unit, e.g. '40 km'")]
    [InlineData("\uFF13 km", "'\uFF13 km' is not a number with a unit, e.g. '40 km'")]
    public void TryParse_InfiniteOrNonAsciiNumber_IsAnErrorNotAnException(string text, string expected)
    {
        // 1e999 km and 1e309 km/h became infinities that threw in Length and Speed; Arabic-Indic digits (U+0663 is 3)
        // matched \d and then threw in double.Parse.
        var kind = text.EndsWith("km/h", StringComparison.Ordinal) ? QuantityKind.Speed : QuantityKind.Length;
        Assert.False(QuantityParser.TryParse(text, kind, out var value, out var error));
        Assert.Equal(expected, error);
        Assert.Equal(0, value);
    }

    [Theory]
    [InlineData("\u0668\u0665 %")]
    [InlineData("1e999 %")]
    public void TryParseProbability_NonAsciiOrInfinite_IsAnError(string text)
    {
        Assert.False(QuantityParser.TryParseProbability(text, out _, out _));
    }

    [Theory]
    [InlineData("0.85", 0.85)]
    [InlineData("85 %", 0.85)]
    [InlineData("100%", 1.0)]
    [InlineData("0", 0.0)]
    public void TryParseProbability_NumberOrPercentage_GivesFraction(string text, double expected)
    {
        Assert.True(QuantityParser.TryParseProbability(text, out var value, out var error), error);
        Assert.Equal(expected, value, 1e-12);
    }

    [Theory]
    [InlineData("1.2", "'1.2' is outside [0, 1] (0 % to 100 %)")]
    [InlineData("120 %", "'120 %' is outside [0, 1] (0 % to 100 %)")]
    [InlineData("-0.1", "'-0.1' is outside [0, 1] (0 % to 100 %)")]
    [InlineData("0.5 km", "'0.5 km' is not a probability; write a number in [0, 1] or a percentage such as '85 %'")]
    public void TryParseProbability_Invalid_ExplainsWhy(string text, string expected)
    {
        Assert.False(QuantityParser.TryParseProbability(text, out _, out var error));
        Assert.Equal(expected, error);
    }
}
