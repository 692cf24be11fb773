using System.Text.RegularExpressions;
using Canopy.Scenarios.Loading;

namespace Canopy.Scenarios.Tests.Loading;

/// <summary>
/// Every quantity has a physical range, and the night as a whole stays within what the simulation can run in bounded
/// memory and time: the values that crashed, hung or ate gigabytes after validating are now located errors.
/// </summary>
public partial class ScenarioLimitTests
{
    private static void AssertError(string yaml, int line, string message)
    {
        var e = ScenarioText.SingleError(yaml);
        Assert.Equal(line, e.Line);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    /// <summary>The valid text with a simulation section on a new line 4 (the rest moves down one line).</summary>
    private static string WithSimulation(string simulation) =>
        ScenarioText.With("start: 2025-07-04T21:00:00Z\n", $"start: 2025-07-04T21:00:00Z\nsimulation: {simulation}\n");

    [Theory]
    [InlineData("false-alarms-per-scan: 2", "false-alarms-per-scan: 1e5", 7, "false-alarms-per-scan must lie between 0 and 10000, got '1e5'")]
    [InlineData("false-alarms-per-scan: 2", "false-alarms-per-scan: 1e9", 7, "false-alarms-per-scan must lie between 0 and 10000, got '1e9'")]
    [InlineData("revisit: 5 s", "revisit: 1e-9 s", 7, "revisit must lie in [100 ms, 10 min], got '1e-9 s'")]
    [InlineData("report-period: 2 s", "report-period: 1 ms", 8, "report-period must lie in [100 ms, 10 min], got '1 ms'")]
    [InlineData("count: 28", "count: 10000", 14, "count must lie in [1, 5000], got '10000'")]
    [InlineData("count: 28", "count: 100000", 14, "count must lie in [1, 5000], got '100000'")]
    [InlineData("count: 28", "count: 2147483647", 14, "count must lie in [1, 5000], got '2147483647'")]
    [InlineData("count: 28", "count: \u0662\u0668", 14, "count: '\u0662\u0668' is not a whole number")]
    [InlineData("height: 150 m", "height: 1e300 m", 7, "height must lie in [-1 km, 10 km], got '1e300 m'")]
    [InlineData("radius: 100 km", "radius: 1e999 km", 2, "radius: '1e999 km' is too large a number")]
    [InlineData("speed: 180 km/h", "speed: 1e309 km/h", 18, "speed: '1e309 km/h' is too large a number")]
    [InlineData("speed: 180 km/h", "speed: 1e-300 m/s", 18, "speed must lie in [1 m/s, 10 km/s], got '1e-300 m/s'")]
    [InlineData("id: 1,", "id: 70000,", 7, "id must lie in [0, 65535], got '70000'")]
    [InlineData("magazine: 16", "magazine: 2000000", 10, "magazine must lie in [1, 100000], got '2000000'")]
    [InlineData("start: 0 min, end: 60 min", "start: 13 h, end: 14 h", 15, "launch start 46800 s is not before max-duration 43200 s")]
    public void Parse_ValueThatRanAwayAfterValidating_IsALocatedError(string find, string replace, int line, string message)
    {
        AssertError(ScenarioText.With(find, replace), line, message);
    }

    [Fact]
    public void Parse_DenormalTick_IsOutOfRange()
    {
        // tick: 1e-320 s hung the simulation (steps of a denormal second never reach the end of the night).
        AssertError(WithSimulation("{ tick: 1e-320 s }"), 4, "tick must lie in [10 ms, 1 min], got '1e-320 s'");
    }

    [Fact]
    public void Parse_TickLongerThanTheNight_IsAnError()
    {
        // A tick longer than max-duration gave an all-zero report and exit 0.
        AssertError(WithSimulation("{ tick: 1 min, max-duration: 30 s }"), 4, "tick 60 s is longer than max-duration 30 s");
    }

    [Fact]
    public void Parse_TooManySteps_IsAnError()
    {
        AssertError(WithSimulation("{ tick: 10 ms, max-duration: 48 h }"), 4, "max-duration / tick is 17,280,000 steps; a night takes at most 1,000,000");
    }

    [Fact]
    public void Parse_NightAtTheStepLimit_Loads()
    {
        var result = ScenarioLoader.Parse(WithSimulation("{ tick: 100 ms, max-duration: 100000 s }"), "limits.yaml");
        Assert.Empty(result.Errors);
        Assert.Equal(0.1, result.Scenario!.Simulation.Tick.Seconds);
    }

    [Fact]
    public void Parse_WavesTogetherAboveTheThreatLimit_IsOneErrorAtTheWavesList()
    {
        var second = ScenarioText.Valid[ScenarioText.Valid.IndexOf("  - name: north", StringComparison.Ordinal)..]
            .Replace("name: north", "name: south", StringComparison.Ordinal);
        var yaml = ScenarioText.With("count: 28", "count: 3000") + "\n" + second.Replace("count: 28", "count: 2001", StringComparison.Ordinal);
        AssertError(yaml, 12, "the night holds 5,001 threats and aircraft; a night takes at most 5,000");
    }

    [Fact]
    public void Parse_RadarsTogetherAboveTheFalsePlotRate_IsOneErrorAtTheSensorsList()
    {
        // 10,000 false plots per 0.5 s scan: within the per-scan bound, twice the rate the tracker is given.
        AssertError(ScenarioText.With("revisit: 5 s", "revisit: 500 ms").Replace("false-alarms-per-scan: 2", "false-alarms-per-scan: 10000", StringComparison.Ordinal),
            7, "the radars make 20,000 false plots a second together");
    }

    [Fact]
    public void Parse_MoreSensorsThanTheLimit_IsOneErrorAndTheItemsAreNotRead()
    {
        var sensors = "sensors: [" + string.Join(", ", Enumerable.Repeat("{}", ScenarioLimits.MaxSensors + 1)) + "]";
        var yaml = Regex.Replace(ScenarioText.Valid, @"sensors:\n(  - .*\n)+", sensors + "\n");
        AssertError(yaml, 6, "'sensors' has 257 items; it takes at most 256");
    }

    /// <summary>
    /// Brute force over the shipped scenarios: every value written as a number (with or without a unit) is replaced in
    /// turn (its first occurrence per key) by ±1e300 with the same unit, and each must give an error at its own line naming its field.
    /// </summary>
    [Theory]
    [InlineData("quiet-night.yaml")]
    [InlineData("ballistic-salvo.yaml")]
    public void Parse_EveryNumberOfAShippedScenarioAt1e300_IsALocatedError(string file)
    {
        var text = ScenarioText.Shipped(file);
        var lines = text.Split('\n');
        var checkedKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith('#')) continue;
            foreach (Match m in NumberField().Matches(lines[i]))
            {
                var key = m.Groups["key"].Value;
                if (!checkedKeys.Add(key)) continue;
                foreach (var huge in new[] { "1e300", "-1e300" })
                {
                    var changed = lines[i][..m.Groups["number"].Index] + huge + lines[i][(m.Groups["number"].Index + m.Groups["number"].Length)..];
                    var result = ScenarioLoader.Parse(string.Join('\n', lines[..i].Append(changed).Concat(lines[(i + 1)..])), file);
                    Assert.True(result.Scenario is null, $"{file}:{i + 1}: {key}: {huge} was accepted");
                    Assert.Contains(result.Errors, e => e.Line == i + 1 && e.Message.Contains(key, StringComparison.Ordinal));
                }
            }
        }
        Assert.True(checkedKeys.Count > 25, $"only {checkedKeys.Count} keys checked");
    }

    /// <summary>A key and a number value, with an optional unit, in block or flow style.</summary>
    [GeneratedRegex(@"(?<key>[a-z][a-z0-9-]*):\s*(?<number>-?[0-9][0-9.eE+-]*)(?=\s*(m|km|ft|nmi|m/s|km/h|kn|Mach|ms|s|min|h|deg|rad|mrad|\$|k\$|M\$|B\$|%)?\s*([,}#]|$))")]
    private static partial Regex NumberField();
}
