namespace Canopy.Cli.Tests.Commands;

public class SimulateCommandTests
{
    [Fact]
    public void Simulate_QuietNight_PrintsTheReportAndTimeLine()
    {
        var (code, output) = CanopyProcess.Run("simulate", "scenarios/quiet-night.yaml", "--seed", "7", "--events");
        Assert.True(code == 0, output);
        foreach (var expected in new[] { "Time line", "Launch", "TrackConfirmed", "Engagement", "Threats", "Interceptors spent", "Damage to defended assets", "cost-exchange ratio" })
            Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_CompareAssigners_PrintsEveryAssignerAgainstTheBound()
    {
        var (code, output) = CanopyProcess.Run("simulate", "scenarios/quiet-night.yaml", "--seed", "7", "--runs", "2", "--compare-assigners", "--bound-time-limit", "20");
        Assert.True(code == 0, output);
        foreach (var expected in new[] { "Greedy", "MarginalReturn", "threats.Cruise.leaked", "cost_exchange_ratio", "value.expected_saved", "bound.share", "bound.value_saved", "bootstrap" })
            Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Bound_QuietNight_PrintsTheBoundAndThePlan()
    {
        var (code, output) = CanopyProcess.Run("bound", "scenarios/quiet-night.yaml", "--seed", "7", "--bound-time-limit", "20");
        Assert.True(code == 0, output);
        foreach (var expected in new[] { "clairvoyant bound", "expected value saved, upper bound", "least spend for it", "PATRIOT-1" })
            Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_JsonTwiceWithTheSameSeed_WritesIdenticalBytes()
    {
        var a = Path.GetTempFileName();
        var b = Path.GetTempFileName();
        try
        {
            Assert.Equal(0, CanopyProcess.Run("simulate", "scenarios/quiet-night.yaml", "--seed", "3", "--json", a).ExitCode);
            Assert.Equal(0, CanopyProcess.Run("simulate", "scenarios/quiet-night.yaml", "--seed", "3", "--json", b).ExitCode);
            Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
            Assert.Contains("\"costExchangeRatio\"", File.ReadAllText(a), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(a);
            File.Delete(b);
        }
    }

    [Fact]
    public void Simulate_Runs_PrintsMeansWithIntervals()
    {
        var (code, output) = CanopyProcess.Run("simulate", "scenarios/quiet-night.yaml", "--runs", "6");
        Assert.True(code == 0, output);
        Assert.Contains("6 runs", output, StringComparison.Ordinal);
        Assert.Contains("95% interval", output, StringComparison.Ordinal);
        Assert.Contains("threats.Drone.destroyed", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_BadRuns_IsRejected()
    {
        var (code, output) = CanopyProcess.Run("simulate", "scenarios/quiet-night.yaml", "--runs", "0");
        Assert.NotEqual(0, code);
        Assert.Contains("--runs must be at least 1", output, StringComparison.Ordinal);
    }
}
