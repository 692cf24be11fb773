namespace Canopy.Cli.Tests.Commands;

public class ValidateCommandTests
{
    [Fact]
    public void Validate_ShippedScenarios_AreValid()
    {
        var (code, output) = CanopyProcess.Run("validate", "scenarios/quiet-night.yaml", "scenarios/record-night.yaml", "scenarios/ballistic-salvo.yaml");
        Assert.True(code == 0, output);
        Assert.Equal(3, output.Split('\n').Count(l => l.Contains(": ok", StringComparison.Ordinal)));
    }

    [Fact]
    public void Validate_Mistakes_PrintsEachWithItsLineAndExitsNonZero()
    {
        var path = Path.Combine(Path.GetTempPath(), $"canopy-bad-{Guid.NewGuid():N}.yaml");
        var good = File.ReadAllLines(Path.Combine(CanopyProcess.RepositoryRoot, "scenarios/quiet-night.yaml")).ToList();
        var nameLine = good.FindIndex(l => l.StartsWith("name:", StringComparison.Ordinal));
        good.Insert(nameLine + 1, "colour: blue");
        File.WriteAllLines(path, good);
        try
        {
            var (code, output) = CanopyProcess.Run("validate", path);
            Assert.Equal(1, code);
            Assert.Contains($"{path}:{nameLine + 2}:1:", output, StringComparison.Ordinal);
            Assert.Contains("colour", output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Validate_HostileFiles_ExitOneWithALocatedErrorEach()
    {
        // Each of these killed validate (exit 134 on the stack overflow), hung it, or threw an unhandled exception.
        var quiet = File.ReadAllText(Path.Combine(CanopyProcess.RepositoryRoot, "scenarios/quiet-night.yaml"));
        var bomb = string.Join('\n', Enumerable.Range(0, 6).Select(i =>
            i == 0 ? "a0: &a0 [x, x, x, x, x, x, x, x, x]" : $"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]"));
        var files = new Dictionary<string, (string Text, string Place)>
        {
            ["brackets"] = ("a: " + new string('[', 100_000) + new string(']', 100_000) + "\n", ":1:67: "),
            ["alias-key"] = (bomb + "\n? *a5\n: 1\n", ":7:3: "),
            ["infinite-km"] = (quiet.Replace("radius: 300 km", "radius: 1e999 km", StringComparison.Ordinal), ":7:"),
            ["arabic-digits"] = (quiet.Replace("radius: 300 km", "radius: \u0663\u0660\u0660 km", StringComparison.Ordinal), ":7:"),
            ["huge-count"] = (quiet.Replace("count: 16", "count: 2147483647", StringComparison.Ordinal), ":79:"),
        };
        var folder = Directory.CreateTempSubdirectory("canopy-hostile-").FullName;
        try
        {
            foreach (var (name, (text, _)) in files) File.WriteAllText(Path.Combine(folder, name + ".yaml"), text);
            var (code, output) = CanopyProcess.Run(["validate", .. files.Keys.Select(n => Path.Combine(folder, n + ".yaml"))]);
            Assert.Equal(1, code);
            foreach (var (name, (_, place)) in files)
                Assert.Contains(Path.Combine(folder, name + ".yaml") + place, output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Validate_MissingFile_SaysSoWithoutAStackTrace()
    {
        var (code, output) = CanopyProcess.Run("validate", "no/such/file.yaml");
        Assert.Equal(1, code);
        Assert.Contains("no/such/file.yaml", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }
}
