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
    public void Validate_MissingFile_SaysSoWithoutAStackTrace()
    {
        var (code, output) = CanopyProcess.Run("validate", "no/such/file.yaml");
        Assert.Equal(1, code);
        Assert.Contains("no/such/file.yaml", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }
}
