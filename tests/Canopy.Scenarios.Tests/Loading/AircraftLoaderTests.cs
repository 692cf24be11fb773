using Canopy.Scenarios.Loading;
using Canopy.Scenarios.Model;

namespace Canopy.Scenarios.Tests.Loading;

public class AircraftLoaderTests
{
    /// <summary>The valid scenario with an aircraft list appended: its first entry is on line 22.</summary>
    private static ScenarioLoadResult WithAircraft(string entries) =>
        ScenarioLoader.Parse(ScenarioText.Valid + "\naircraft:\n" + entries, "air.yaml");

    private const string Airliner =
        "  - { name: airliner, identity: civil, route: [ { lat: 50.6, lon: 27.6 }, { lat: 50.2, lon: 33.8 } ], speed: 850 km/h, altitude: 11 km, start: 20 min, squawk: 2341 }\n";

    [Fact]
    public void Parse_Airliner_ConvertsToSiWithCivilDefaults()
    {
        var result = WithAircraft(Airliner);
        Assert.Empty(result.Errors);
        var a = Assert.Single(result.Scenario!.Aircraft);
        Assert.Equal("airliner", a.Name);
        Assert.Equal(AircraftIdentity.Civil, a.Identity);
        Assert.Equal(2, a.Route.Count);
        Assert.Equal(33.8, a.Route[1].LongitudeDeg, 1e-9);
        Assert.Equal(850 / 3.6, a.Speed.MetresPerSecond, 1e-9);
        Assert.Equal(11_000, a.Altitude.Metres);
        Assert.Equal(1200, a.Start.Seconds);
        Assert.Equal(0x4E1, a.Squawk); // octal 2341 = 2*512 + 3*64 + 4*8 + 1 = 1249
        Assert.True(a.Adsb);
        Assert.False(a.Mode5);
    }

    [Fact]
    public void Parse_FriendlyWithoutSquawk_HasMode5AndNoAdsbByDefault()
    {
        var result = WithAircraft("  - { name: cap, identity: friendly, route: [ { lat: 50.8, lon: 30.1 }, { lat: 50.8, lon: 31.2 } ], speed: 900 km/h, altitude: 8 km }\n");
        var a = Assert.Single(result.Scenario!.Aircraft);
        Assert.Null(a.Squawk);
        Assert.True(a.Mode5);
        Assert.False(a.Adsb);
        Assert.Equal(0, a.Start.Seconds);
    }

    [Fact]
    public void Parse_NoAircraftSection_GivesNoAircraft()
    {
        var result = ScenarioLoader.Parse(ScenarioText.Valid, "air.yaml");
        Assert.Empty(result.Scenario!.Aircraft);
    }

    [Theory]
    [InlineData("squawk: 2341", "squawk: 2381", "four octal digits")]
    [InlineData("squawk: 2341", "squawk: 234", "four octal digits")]
    [InlineData("identity: civil", "identity: neutral", "not one of civil, friendly, hostile")]
    [InlineData("route: [ { lat: 50.6, lon: 27.6 }, { lat: 50.2, lon: 33.8 } ]", "route: [ { lat: 50.6, lon: 27.6 } ]", "at least two points")]
    [InlineData("speed: 850 km/h", "speed: 850 km", "speed")]
    public void Parse_BadAircraftField_IsOneErrorOnItsLine(string find, string replace, string message)
    {
        var result = WithAircraft(Airliner.Replace(find, replace, StringComparison.Ordinal));
        Assert.Null(result.Scenario);
        var e = Assert.Single(result.Errors);
        Assert.Equal(22, e.Line);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FriendlySquawks_AreReadIntoThePolicy()
    {
        var result = ScenarioLoader.Parse(ScenarioText.Valid + "\npolicy: { friendly-squawks: [ 4501, \"0017\" ] }", "air.yaml");
        Assert.Empty(result.Errors);
        Assert.Equal([0x941, 15], result.Scenario!.Policy.FriendlySquawks);
    }

    [Fact]
    public void Parse_AircraftWave_IsAnErrorPointingToTheAircraftList()
    {
        var result = ScenarioLoader.Parse(ScenarioText.With("class: drone", "class: aircraft"), "air.yaml");
        Assert.Null(result.Scenario);
        Assert.Contains(result.Errors, e => e.Message.Contains("list them under 'aircraft'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(", iff: true }", 0.95)]
    [InlineData(", iff: true, iff-reply-probability: 80 % }", 0.8)]
    [InlineData(" }", null)]
    public void Parse_RadarIff_GivesTheReplyProbabilityOrNone(string ending, double? expected)
    {
        var result = ScenarioLoader.Parse(ScenarioText.With("false-alarms-per-scan: 2 }", "false-alarms-per-scan: 2" + ending), "air.yaml");
        Assert.Empty(result.Errors);
        Assert.Equal(expected, Assert.IsType<Core.Defence.RadarSpec>(result.Scenario!.Sensors[0]).IffReplyProbability?.Value);
    }

    [Fact]
    public void Parse_IffReplyProbabilityWithoutIff_IsAnError()
    {
        var result = ScenarioLoader.Parse(ScenarioText.With("false-alarms-per-scan: 2 }", "false-alarms-per-scan: 2, iff-reply-probability: 0.9 }"), "air.yaml");
        var e = Assert.Single(result.Errors);
        Assert.Equal(7, e.Line);
        Assert.Contains("needs 'iff: true'", e.Message, StringComparison.Ordinal);
    }
}
