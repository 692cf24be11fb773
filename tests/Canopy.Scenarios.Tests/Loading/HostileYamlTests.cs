using Canopy.Scenarios.Loading;

namespace Canopy.Scenarios.Tests.Loading;

/// <summary>
/// Files built to exhaust the reader (deep nesting, alias bombs, huge files) give one located error, never a stack
/// overflow, a hang or an exception.
/// </summary>
public class HostileYamlTests
{
    /// <summary>Nine copies of the anchor before, <paramref name="levels"/> times: 9^levels nodes once expanded.</summary>
    private static string AliasBomb(int levels)
    {
        var lines = new List<string> { "a0: &a0 [x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i <= levels; i++) lines.Add($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]");
        return string.Join('\n', lines) + '\n';
    }

    [Fact]
    public void Parse_100000NestedBrackets_StopsAtTheLevelPastTheLimit()
    {
        // 200 kB of brackets overflowed the stack (validate died with exit 134, serve died listing the folder).
        var e = ScenarioText.SingleError("a: " + new string('[', 100_000) + new string(']', 100_000) + "\n");
        Assert.Equal(1, e.Line);
        // The root mapping is level 1, so the bracket at column 4 is level 2 and the one at column 4 + 63 is level 65.
        Assert.Equal(4 + ScenarioLimits.MaxNesting - 1, e.Column);
        Assert.Contains($"deeper than {ScenarioLimits.MaxNesting} levels", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Line:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NestingAtTheLimit_IsNotAYamlError()
    {
        var depth = ScenarioLimits.MaxNesting - 1;
        var errors = ScenarioLoader.Parse("a: " + new string('[', depth) + new string(']', depth) + "\n", "deep.yaml").Errors;
        Assert.DoesNotContain(errors, e => e.Message.Contains("deeper", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Message.Contains("unknown field 'a'", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_AliasBombAsMappingKey_IsRefusedAtTheKey()
    {
        // 10 kB of this took exponential CPU: the representation model hashes a key node through its aliases.
        var e = ScenarioText.SingleError(AliasBomb(5) + "? *a5\n: 1\n");
        Assert.Equal(7, e.Line);
        Assert.Equal(3, e.Column);
        Assert.Contains("mapping key must be a plain name", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ListAsMappingKey_IsRefused()
    {
        var e = ScenarioText.SingleError("name: x\n? [a, b]\n: 1\n");
        Assert.Equal(2, e.Line);
        Assert.Contains("mapping key must be a plain name", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AliasBombAsValue_StopsAtTheAliasThatPassesTheNodeLimit()
    {
        // a0 to a5 hold 672,603 nodes once expanded (a_k = 9 a_(k-1) + 1, a0 = 10); the first alias on a6's line passes one million.
        var e = ScenarioText.SingleError(AliasBomb(11));
        Assert.Equal(7, e.Line);
        Assert.Contains("more than 1,000,000 values once its aliases are expanded", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a: &x [ *x ]\n")]
    [InlineData("waves: &w [ *w ]\n")]
    [InlineData("region: &r { name: R, centre: *r, radius: 1 km }\n")]
    public void Parse_AliasInsideItsOwnAnchor_IsAnErrorNotAHang(string yaml)
    {
        var result = ScenarioLoader.Parse(yaml, "cycle.yaml");
        Assert.Null(result.Scenario);
        Assert.NotEmpty(result.Errors);
    }

    [Fact]
    public void Parse_AliasToAPosition_StillWorks()
    {
        var yaml = ScenarioText.With("centre: { lat: 50.45, lon: 30.52 }", "centre: &kyiv { lat: 50.45, lon: 30.52 }")
            .Replace("position: { lat: 50.4, lon: 30.4 }", "position: *kyiv", StringComparison.Ordinal);
        var result = ScenarioLoader.Parse(yaml, "aliases.yaml");
        Assert.Empty(result.Errors);
        Assert.Equal(50.45, result.Scenario!.Effectors[0].Position.LatitudeDeg, 1e-12);
    }

    [Fact]
    public void Parse_TextLargerThanTheLimit_IsOneErrorAtTheStart()
    {
        var yaml = "# " + new string('x', (int)ScenarioLimits.MaxFileBytes) + "\n" + ScenarioText.Valid;
        var e = ScenarioText.SingleError(yaml);
        Assert.Equal((1, 1), (e.Line, e.Column));
        Assert.Contains("larger than 16 MiB", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MutatedShippedScenario_NeverThrows()
    {
        // Seeded mutations of a real file: YAML punctuation, digits of other scripts, huge and tiny numbers, cut and repeated text.
        string[] pieces = ["[", "]", "{", "}", ":", ",", "&a", "*a", "? ", "- ", "\n", "\"", "'", "#", "\u0663", "1e999", "-1e-320", "NaN",
            "Infinity", "2147483648", "0", " km", " s", " deg", " %", "\t", "!!str ", "|", ">"];
        var text = ScenarioText.Shipped("quiet-night.yaml");
        var rng = new Random(17);
        for (var i = 0; i < 200; i++)
        {
            var mutated = text;
            for (var k = rng.Next(1, 4); k > 0; k--)
            {
                var at = rng.Next(mutated.Length);
                var length = Math.Min(rng.Next(0, 8), mutated.Length - at);
                mutated = rng.Next(3) switch
                {
                    0 => mutated.Remove(at, length).Insert(at, pieces[rng.Next(pieces.Length)]),
                    1 => mutated.Insert(at, mutated.Substring(at, length)),
                    _ => mutated.Remove(at, length),
                };
            }
            var result = ScenarioLoader.Parse(mutated, "mutated.yaml");
            Assert.True(result.Scenario is not null || result.Errors.Count > 0, $"mutation {i}: no scenario and no error");
        }
    }


    [Fact]
    public void Load_FileLargerThanTheLimit_IsRefusedBeforeReading()
    {
        var path = Path.Combine(Path.GetTempPath(), $"canopy-huge-{Guid.NewGuid():N}.yaml");
        try
        {
            using (var f = File.Create(path)) f.SetLength(ScenarioLimits.MaxFileBytes + 1);
            var e = Assert.Single(ScenarioLoader.Load(path).Errors);
            Assert.Equal(path, e.File);
            Assert.Contains("larger than 16 MiB", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
