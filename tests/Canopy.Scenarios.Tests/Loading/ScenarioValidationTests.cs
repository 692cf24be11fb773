using Canopy.Scenarios.Loading;
using static Canopy.Scenarios.Tests.Loading.ScenarioText;

namespace Canopy.Scenarios.Tests.Loading;

/// <summary>Each class of mistake gives an error at the line (and where it matters, column) of the offending node.</summary>
public class ScenarioValidationTests
{
    private static void AssertError(ScenarioError e, int line, string messagePart)
    {
        Assert.Equal("bad.yaml", e.File);
        Assert.Equal(line, e.Line);
        Assert.Contains(messagePart, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_YamlSyntaxError_IsOneErrorAtItsMark()
    {
        var e = SingleError(ScenarioText.With("count: 28", "count: [28"));
        Assert.True(e.Line >= 14, e.ToString());
        Assert.DoesNotContain("Line:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnclosedQuote_IsOneErrorWithoutYamlDotNetPrefix()
    {
        var e = SingleError(ScenarioText.With("unit-cost: 35 k$", "unit-cost: \"35 k$"));
        Assert.Equal(20, e.Line);
        Assert.DoesNotContain("Line:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EmptyText_IsOneError()
    {
        AssertError(SingleError(""), 1, "the file is empty");
    }

    [Fact]
    public void Parse_DuplicateYamlKey_IsAnErrorNotAnException()
    {
        var e = SingleError(ScenarioText.With("count: 28", "count: 28\n    count: 29"));
        Assert.Equal(15, e.Line);
    }

    [Fact]
    public void Parse_UnknownField_SuggestsClosestKeyAtTheKey()
    {
        var result = ScenarioLoader.Parse(ScenarioText.With("altitude: 1000 m", "altitude: 1000 m\n    altitud-spread: 500 m"), "bad.yaml");
        var e = Assert.Single(result.Errors);
        AssertError(e, 20, "unknown field 'altitud-spread' in wave 'north'; did you mean 'altitude-spread'?");
        Assert.Equal(5, e.Column);
    }

    [Fact]
    public void Parse_MisspeltRequiredField_GivesUnknownAndMissing()
    {
        var errors = ScenarioLoader.Parse(ScenarioText.With("max-range: 100 km", "max-rnge: 100 km"), "bad.yaml").Errors;
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal(10, e.Line));
        Assert.Contains(errors, e => e.Message == "effector 'PATRIOT-1': missing required field 'max-range'");
        Assert.Contains(errors, e => e.Message.EndsWith("did you mean 'max-range'?", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_MissingRequiredField_IsReportedAtItsMapping()
    {
        var e = SingleError(ScenarioText.With("    count: 28\n", ""));
        AssertError(e, 12, "wave 'north': missing required field 'count'");
        Assert.Equal(5, e.Column);
    }

    [Fact]
    public void Parse_NumberWithoutUnit_AsksForUnit()
    {
        AssertError(SingleError(ScenarioText.With("speed: 180 km/h", "speed: 180")), 18, "speed: '180' needs a unit of speed, e.g. '180 km/h'");
    }

    [Fact]
    public void Parse_WrongKindOfUnit_NamesTheKinds()
    {
        AssertError(SingleError(ScenarioText.With("altitude: 1000 m", "altitude: 3 min")), 19, "'3 min' is a duration, expected a length");
    }

    [Fact]
    public void Parse_NotANumber_IsAnError()
    {
        AssertError(SingleError(ScenarioText.With("count: 28", "count: many")), 14, "count: 'many' is not a whole number");
    }

    [Fact]
    public void Parse_UnknownChoice_ListsTheChoices()
    {
        AssertError(SingleError(ScenarioText.With("kind: city", "kind: town")), 5,
            "kind: 'town' is not one of city, power-plant, airbase, port, industrial, military, other");
    }

    [Fact]
    public void Parse_NegativeLength_MustBePositive()
    {
        var e = SingleError(ScenarioText.With("radius: 15 km", "radius: -15 km"));
        AssertError(e, 5, "radius must be positive and at most 100 km, got '-15 km'");
    }

    [Fact]
    public void Parse_ProbabilityAboveOne_IsOutOfRange()
    {
        AssertError(SingleError(ScenarioText.With("detection-probability: 0.9", "detection-probability: 1.2")), 7, "'1.2' is outside [0, 1]");
    }

    [Fact]
    public void Parse_LatitudeBeyond90_IsOutOfRange()
    {
        AssertError(SingleError(ScenarioText.With("lat: 50.4501", "lat: 95")), 5, "lat must lie in [-90, 90], got '95'");
    }

    [Fact]
    public void Parse_CountZero_IsOutOfRange()
    {
        AssertError(SingleError(ScenarioText.With("count: 28", "count: 0")), 14, "count must lie in [1, 5000], got '0'");
    }

    [Fact]
    public void Parse_LaunchEndBeforeStart_IsReportedAtTheEnd()
    {
        var e = SingleError(ScenarioText.With("start: 0 min, end: 60 min", "start: 30 min, end: 10 min"));
        AssertError(e, 15, "launch end 600 s is before launch start 1800 s");
    }

    [Fact]
    public void Parse_MinRangeAboveMaxRange_IsAnError()
    {
        AssertError(SingleError(ScenarioText.With("min-range: 3 km", "min-range: 300 km")), 10, "min-range 300 km is greater than max-range 100 km");
    }

    [Fact]
    public void Parse_SalvoLargerThanMagazine_IsAnError()
    {
        AssertError(SingleError(ScenarioText.With("salvo-size: 2", "salvo-size: 20")), 10, "salvo-size 20 is larger than the magazine of 16");
    }

    [Fact]
    public void Parse_SensorFarOutsideRegion_IsAnError()
    {
        // 55.0 N is about 505 km north of the region centre at 50.45 N; the limit is 100 km + 50 km.
        AssertError(SingleError(ScenarioText.With("lat: 50.5, lon: 30.6", "lat: 55.0, lon: 30.6")), 7,
            "sensor 'R1' is far outside the region: 506 km from the centre of Kyiv, region radius 100 km");
    }

    [Fact]
    public void Parse_RadarRangeRateNoise_IsReadInMetresPerSecond()
    {
        var result = ScenarioLoader.Parse(ScenarioText.With("elevation-noise: 0.3 deg,", "elevation-noise: 0.3 deg, range-rate-noise: 3.6 km/h,"), "ok.yaml");
        Assert.Empty(result.Errors);
        var radar = Assert.IsType<Core.Defence.RadarSpec>(result.Scenario!.Sensors[0]);
        Assert.Equal(1, radar.RangeRateSigma!.Value.MetresPerSecond, 1e-12);
        Assert.Null(Assert.IsType<Core.Defence.RadarSpec>(ScenarioLoader.Parse(ScenarioText.Valid, "ok.yaml").Scenario!.Sensors[0]).RangeRateSigma);
    }

    [Fact]
    public void Parse_RadarRangeRateNoiseInMetres_IsAnErrorAtItsLine()
    {
        AssertError(SingleError(ScenarioText.With("elevation-noise: 0.3 deg,", "elevation-noise: 0.3 deg, range-rate-noise: 1 m,")), 7, "range-rate-noise");
    }

    [Fact]
    public void Parse_EffectorJustInsideMargin_IsAccepted()
    {
        // 51.7 N is about 139 km north of the centre: outside the 100 km radius but inside the 50 km margin.
        var result = ScenarioLoader.Parse(ScenarioText.With("lat: 50.4, lon: 30.4", "lat: 51.7, lon: 30.52"), "ok.yaml");
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Parse_TargetNamingUnknownAsset_SuggestsTheClosest()
    {
        AssertError(SingleError(ScenarioText.With("asset: Kyiv", "asset: Kiev")), 16, "target asset 'Kiev' does not exist; did you mean 'Kyiv'?");
    }

    [Fact]
    public void Parse_TargetWithAssetAndPosition_IsAnError()
    {
        AssertError(SingleError(ScenarioText.With("{ asset: Kyiv, weight: 3 }", "{ asset: Kyiv, position: { lat: 50, lon: 30 } }")), 16,
            "a target names either an asset or a position");
    }

    [Fact]
    public void Parse_DuplicateAssetName_IsReportedAtTheSecond()
    {
        var yaml = ScenarioText.With("sensors:", "  - { name: Kyiv, kind: port, position: { lat: 50.4, lon: 30.5 }, radius: 1 km, value: 5 }\nsensors:");
        var e = SingleError(yaml);
        AssertError(e, 6, "duplicate asset name 'Kyiv'");
        Assert.Equal(13, e.Column);
    }

    [Fact]
    public void Parse_DuplicateSensorId_IsAnError()
    {
        AssertError(SingleError(ScenarioText.With("id: 20", "id: 1")), 8, "duplicate sensor id '1'");
    }

    [Fact]
    public void Parse_DuplicateEffectorId_IsAnError()
    {
        var line = ScenarioText.Valid.Split('\n')[9];
        var yaml = ScenarioText.With("waves:", line + "\nwaves:");
        AssertError(SingleError(yaml), 11, "duplicate effector id 'PATRIOT-1'");
    }

    [Fact]
    public void Parse_EmptyWavesList_IsAnError()
    {
        var yaml = ScenarioText.Valid[..ScenarioText.Valid.IndexOf("waves:", StringComparison.Ordinal)] + "waves: []\n";
        AssertError(SingleError(yaml), 11, "waves is empty");
    }

    [Fact]
    public void Parse_FlightTimeOnDroneWave_IsAnError()
    {
        AssertError(SingleError(ScenarioText.With("altitude: 1000 m", "altitude: 1000 m\n    flight-time: 4 min")), 20,
            "flight-time applies only to ballistic waves");
    }

    [Fact]
    public void Parse_SeveralMistakes_ReportsAllInFileOrder()
    {
        var yaml = ScenarioText.With("radius: 100 km", "radius: 100")
            .Replace("id: 20", "id: 1", StringComparison.Ordinal)
            .Replace("count: 28", "count: -1", StringComparison.Ordinal)
            .Replace("unit-cost: 35 k$", "unit-cost: 35 km", StringComparison.Ordinal);
        var result = ScenarioLoader.Parse(yaml, "bad.yaml");
        Assert.Null(result.Scenario);
        Assert.Equal([2, 8, 14, 20], result.Errors.Select(e => e.Line));
    }
}
