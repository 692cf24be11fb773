namespace Canopy.Cli.Tests.Commands;

public sealed class BenchWtaCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("canopy-wta-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void AssetBased_DocsExample_PrintsTheHandComputedSurvivingValue()
    {
        // docs/wta.md: type 0 at threat 0, type 1 at threats 1 and 2 keep 100 x 0.73 x 0.9 + 40 x 0.5 = 85.7 of 140.
        var plan = Path.Combine(_dir, "plan.txt");

        var (code, output) = CanopyProcess.Run("bench", "wta", "docs/wta-asset-example.txt", "--asset-based", "--time-limit", "0.2", "--solution", plan);

        Assert.True(code == 0, output);
        Assert.Contains("140.000000", output, StringComparison.Ordinal);
        Assert.Contains("85.700000", output, StringComparison.Ordinal);
        Assert.Equal(["0 0 1", "1 1 1", "1 2 1"], File.ReadAllLines(plan));
    }

    [Fact]
    public void AssetBased_AssetIndexOutOfRange_NamesFileAndLine()
    {
        var bad = Path.Combine(_dir, "bad.txt");
        File.WriteAllText(bad, "1 1 1\n1\n10\n1 0.5\n0 0 0.5\n");

        var (code, output) = CanopyProcess.Run("bench", "wta", bad, "--asset-based");

        Assert.Equal(1, code);
        Assert.Contains("bad.txt:4: asset of threat 0 '1' is not an integer in [0, 0]", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }
}
