using System.Diagnostics;

namespace Canopy.Cli.Tests.Commands;

public class ListenCommandTests
{
    [Fact]
    public async Task Listen_ToSimulatedRadarsOverAsterix_BuildsTheSameTracksAsTheInProcessRun()
    {
        int port;
        using (var probe = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0)))
            port = ((System.Net.IPEndPoint)probe.Client.LocalEndPoint!).Port;
        var uri = $"udp://127.0.0.1:{port}";
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = CanopyProcess.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "canopy.dll"), "listen", "scenarios/quiet-night.yaml", "--asterix", uri, "--idle", "4" })
            psi.ArgumentList.Add(a);
        using var listen = Process.Start(psi)!;
        try
        {
            var first = await listen.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.StartsWith($"listening on {uri}", first, StringComparison.Ordinal);

            var (code, simulated) = CanopyProcess.Run("simulate", "scenarios/quiet-night.yaml", "--seed", "7", "--asterix-out", uri);
            Assert.True(code == 0, simulated);
            var heard = await listen.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
            await listen.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

            var sent = Line(simulated, "asterix: ");
            var inProcess = Line(simulated, "in-process pipeline: ")["in-process pipeline: ".Length..];
            var plots = sent.Split(' ')[1];
            Assert.Contains($"{plots} plots", Line(heard, "received "), StringComparison.Ordinal);
            Assert.Contains("(0 malformed)", heard, StringComparison.Ordinal);
            Assert.Equal(inProcess, Line(heard, "pipeline: ")["pipeline: ".Length..]);
            Assert.DoesNotContain(" 0 confirmed tracks", inProcess, StringComparison.Ordinal);
        }
        finally
        {
            if (!listen.HasExited) listen.Kill();
        }
    }

    [Fact]
    public void Listen_BadAddress_SaysSoWithoutAStackTrace()
    {
        var (code, output) = CanopyProcess.Run("listen", "scenarios/quiet-night.yaml", "--asterix", "tcp://127.0.0.1:1");
        Assert.Equal(1, code);
        Assert.Contains("is not udp://ADDRESS:PORT", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    private static string Line(string text, string prefix) =>
        text.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"no line starting \"{prefix}\" in:\n{text}");
}
