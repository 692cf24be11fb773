using System.Diagnostics;
using System.Globalization;

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

    /// <summary>The 3 x 4 instance in the published format (valid).</summary>
    private const string Small = "3 4 3\n90\n31\n92\n53\n0 0 0.571224\n0 1 0.960846\n0 2 0.403924\n0 3 0.769159\n1 0 0.609699\n1 1 0.325597\n1 2 0.187582\n1 3 0.459582\n2 0 0.425922\n2 1 0.604432\n2 2 0.06278\n2 3 0.954899\n";

    [Theory]
    [InlineData("1e308")]
    [InlineData("Infinity")]
    [InlineData("NaN")]
    [InlineData("-1")]
    [InlineData("0")]
    public void TimeLimit_NotAUsableNumberOfSeconds_NamesTheOption(string limit)
    {
        var file = Write("wta_3x4x3.txt", Small);

        var (code, output) = CanopyProcess.Run("bench", "wta", file, "--time-limit", limit);

        Assert.Equal(1, code);
        Assert.Contains($"--time-limit: {double.Parse(limit, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)} is not a number of seconds in (0, 1000000]", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Solution_InAMissingFolder_RefusedBeforeSolving(bool assetBased)
    {
        // With a 600 s limit the run would outlast the test's 3-minute timeout if the folder were found only after solving.
        var file = assetBased ? "docs/wta-asset-example.txt" : Write("wta_3x4x3.txt", Small);
        var missing = Path.Combine(_dir, "no-such-folder", "plan.txt");
        string[] args = ["bench", "wta", file, "--time-limit", "600", "--solution", missing];

        var (code, output) = CanopyProcess.Run(assetBased ? [.. args, "--asset-based"] : args);

        Assert.Equal(1, code);
        Assert.Contains($"--solution: folder {Path.GetDirectoryName(missing)} does not exist", output, StringComparison.Ordinal);
        Assert.DoesNotContain("solver:", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3000 1 1000000\n", "bad.txt:1: m x mu = 3000000000 weapons; at most 10000000 are supported")]
    [InlineData("1000 1 1000000\n", "bad.txt:1: m x mu = 1000000000 weapons; at most 10000000 are supported")]
    [InlineData(Small + "2 3 0.5\n", "bad.txt:18: p[2,3] is given twice")]
    [InlineData(Small + "done\n", "bad.txt:18: unexpected text after the 3x4 kill probabilities: 'done'")]
    [InlineData("1 2 1\n1e308\n1e308\n0 0 0.5\n0 1 0.5\n", "bad.txt:3: value V_1 1e308 makes the sum of the values overflow")]
    [InlineData("1 1 1\n10\n0 0 1.5\n", "bad.txt:3: p[0,0] '1.5' is not a number in [0, 1]")]
    public void Instance_Unusable_NamesFileAndLineWithoutStackTrace(string text, string message)
    {
        var bad = Write("bad.txt", text);

        var (code, output) = CanopyProcess.Run("bench", "wta", bad, "--time-limit", "0.2");

        Assert.Equal(1, code);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AssetBased_CountsPastTheWeaponLimit_NamesFileAndLine()
    {
        var bad = Write("bad.txt", "3000 1 1\n" + string.Join(' ', Enumerable.Repeat("1000000", 3000)) + "\n");

        var (code, output) = CanopyProcess.Run("bench", "wta", bad, "--asset-based", "--time-limit", "0.2");

        Assert.Equal(1, code);
        Assert.Contains("bad.txt:2: the counts sum = 3000000000 weapons; at most 10000000 are supported", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exact_TerminatedWhileCbcRuns_ExitsCleanlyAndRemovesItsFolder()
    {
        // A stand-in `cbc` first on PATH notes that it started and hangs; the exact solver is then stopped by SIGTERM
        // (what Ctrl+C does through SIGINT) and must remove its model folder from TMPDIR before exiting.
        var bin = Directory.CreateDirectory(Path.Combine(_dir, "bin")).FullName;
        var tmp = Directory.CreateDirectory(Path.Combine(_dir, "tmp")).FullName;
        var started = Path.Combine(_dir, "started");
        var cbc = Path.Combine(bin, "cbc");
        File.WriteAllText(cbc, $"#!/bin/sh\ntouch '{started}'\nsleep 60\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(cbc, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var file = Write("wta_5x10x3.txt", DualityGap);
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = CanopyProcess.RepositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])[Path.Combine(AppContext.BaseDirectory, "canopy.dll"), "bench", "wta", file, "--solver", "exact", "--time-limit", "600"]) psi.ArgumentList.Add(a);
        psi.Environment["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        psi.Environment["TMPDIR"] = tmp;
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var clock = Stopwatch.StartNew();
        while (!File.Exists(started) && !process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60)) Thread.Sleep(50);
        var cbcStarted = File.Exists(started);
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])) kill.WaitForExit();
        var exited = process.WaitForExit(TimeSpan.FromSeconds(30));
        if (!exited) process.Kill(entireProcessTree: true);
        var output = await stdout;
        var errors = await stderr;

        Assert.True(cbcStarted, "the exact solver never started CBC: " + output + errors);
        Assert.True(exited, "canopy did not exit within 30 s of SIGTERM");
        Assert.Equal(130, process.ExitCode);
        Assert.Contains("wta_5x10x3", output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(tmp));
    }

    /// <summary>A 5 x 10 x 3 instance (p in [0.05, 0.95]) whose Lagrangian bound stays 0.9% below the optimum, so the exact solver needs CBC.</summary>
    private const string DualityGap = """
        5 10 3
        18
        73
        98
        9
        33
        16
        64
        98
        58
        61
        0 0 0.636434
        0 1 0.759851
        0 2 0.134474
        0 3 0.075513
        0 4 0.802189
        0 5 0.439490
        0 6 0.736052
        0 7 0.051895
        0 8 0.450848
        0 9 0.699386
        1 0 0.255886
        1 1 0.900744
        1 2 0.861285
        1 3 0.077531
        1 4 0.072901
        1 5 0.537271
        1 6 0.895234
        1 7 0.393084
        1 8 0.244939
        1 9 0.429905
        2 0 0.076137
        2 1 0.249522
        2 2 0.444099
        2 3 0.496231
        2 4 0.259776
        2 5 0.257780
        2 6 0.246903
        2 7 0.463643
        2 8 0.310803
        2 9 0.069341
        3 0 0.803820
        3 1 0.550809
        3 2 0.628065
        3 3 0.217316
        3 4 0.943289
        3 5 0.823952
        3 6 0.158801
        3 7 0.349426
        3 8 0.699336
        3 9 0.690073
        4 0 0.892797
        4 1 0.429896
        4 2 0.797032
        4 3 0.653275
        4 4 0.323032
        4 5 0.578823
        4 6 0.844231
        4 7 0.811578
        4 8 0.504755
        4 9 0.580102
        """;

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
