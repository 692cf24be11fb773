namespace Canopy.Cli.Tests.Commands;

public sealed class BenchTrackCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("canopy-bench-track-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Config_SetsTheTrackerAndFilterOptionOverridesIt()
    {
        var config = Path.Combine(_dir, "tracker.yaml");
        File.WriteAllText(config, "filter: constant-velocity\nupdate: ukf\ninitiation: score\n");

        var (code, output) = CanopyProcess.Run("bench", "track", "--targets", "60", "--scans", "2", "--config", config, "--association", "Jpda");

        Assert.True(code == 0, output);
        var flat = output.ReplaceLineEndings(" ");
        foreach (var expected in (string[])["filter ConstantVelocity", "association Jpda", "update Ukf", "initiation Score", "60 targets:"])
            Assert.Contains(expected, flat, StringComparison.Ordinal);
    }

    [Fact]
    public void Config_UnknownKey_NamesFileAndLine()
    {
        var config = Path.Combine(_dir, "tracker.yaml");
        File.WriteAllText(config, "association: jpda\nfiltre: imm\n");

        var (code, output) = CanopyProcess.Run("bench", "track", "--targets", "60", "--scans", "2", "--config", config);

        Assert.Equal(1, code);
        Assert.Contains("tracker.yaml:2:1: unknown key 'filtre'", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }
}
