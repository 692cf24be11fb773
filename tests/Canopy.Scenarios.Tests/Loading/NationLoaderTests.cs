using Canopy.Scenarios.Loading;
using Canopy.Scenarios.Model;

namespace Canopy.Scenarios.Tests.Loading;

/// <summary>The optional <c>nation</c> key: the scenario's default and each asset's, sensor's and effector's own.</summary>
public class NationLoaderTests
{
    [Fact]
    public void Parse_NoNationAnywhere_EverythingBelongsToTheDefaultXX()
    {
        var s = ScenarioLoader.Parse(ScenarioText.Valid, "test.yaml").Scenario!;
        Assert.Equal(Scenario.DefaultNation, s.Nation);
        Assert.Equal("XX", s.NationOf(Assert.Single(s.Effectors)));
        Assert.All(s.Sensors, x => Assert.Null(x.Nation));
        Assert.Null(Assert.Single(s.Assets).Nation);
    }

    [Fact]
    public void Parse_ScenarioNationAndOwnNations_AreKeptWhereGiven()
    {
        var text = ScenarioText.With("name: test\n", "name: test\nnation: UA\n")
            .Replace("{ id: PATRIOT-1,", "{ id: PATRIOT-1, nation: PL,", StringComparison.Ordinal)
            .Replace("{ kind: acoustic, id: 20,", "{ kind: acoustic, nation: GBR, id: 20,", StringComparison.Ordinal)
            .Replace("{ name: Kyiv, kind: city,", "{ name: Kyiv, nation: UA, kind: city,", StringComparison.Ordinal);
        var result = ScenarioLoader.Parse(text, "test.yaml");

        Assert.Empty(result.Errors);
        var s = result.Scenario!;
        Assert.Equal("UA", s.Nation);
        Assert.Equal("PL", s.NationOf(Assert.Single(s.Effectors)));
        Assert.Equal([null, "GBR"], s.Sensors.Select(x => x.Nation));
        Assert.Equal("UA", Assert.Single(s.Assets).Nation);
    }

    [Theory]
    [InlineData("ua")]
    [InlineData("U")]
    [InlineData("UKRA")]
    [InlineData("U1")]
    public void Parse_NationNotTwoOrThreeCapitals_IsAnErrorAtItsLine(string code)
    {
        var result = ScenarioLoader.Parse(ScenarioText.With("{ id: PATRIOT-1,", $"{{ id: PATRIOT-1, nation: {code},"), "test.yaml");
        var error = Assert.Single(result.Errors);
        Assert.Equal(10, error.Line); // the effector's line
        Assert.Contains($"nation '{code}' is not a nation code", error.Message, StringComparison.Ordinal);
    }
}
