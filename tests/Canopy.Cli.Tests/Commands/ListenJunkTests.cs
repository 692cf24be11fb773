using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit.Abstractions;

namespace Canopy.Cli.Tests.Commands;

/// <summary>
/// Junk at a high rate must not change the defence: the quiet night sent by `simulate --asterix-out` to `listen` on loopback,
/// with up to 10,000 hostile datagrams interleaved (random bytes, CAT048 plots and the issue's CAT034 of SAC 5 SIC 9 dated 6 h
/// ahead from an undeclared source, the issue's CAT021 with a latitude beyond 90 degrees), ends with the in-process run's
/// confirmed tracks and shot orders, and `listen` counts what it dropped and why.
/// </summary>
public class ListenJunkTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Listen_QuietNightWithJunkInterleaved_EndsWithTheInProcessFiguresAndCountsTheJunk()
    {
        int port;
        using (var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)))
            port = ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
        var uri = $"udp://127.0.0.1:{port}";
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = CanopyProcess.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "canopy.dll"), "listen", "scenarios/quiet-night.yaml", "--asterix", uri, "--idle", "10", "--status", "2" })
            psi.ArgumentList.Add(a);
        using var listen = Process.Start(psi)!;
        var statusLines = listen.StandardError.ReadToEndAsync();
        try
        {
            var first = await listen.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.StartsWith($"listening on {uri}", first, StringComparison.Ordinal);
            using var stopJunk = new CancellationTokenSource();
            var junk = Task.Run(() => SendJunk(new IPEndPoint(IPAddress.Loopback, port), 10_000, stopJunk.Token));

            var (code, simulated) = CanopyProcess.Run("simulate", "scenarios/quiet-night.yaml", "--seed", "7", "--asterix-out", uri);
            await stopJunk.CancelAsync();
            var sentJunk = await junk;
            Assert.True(code == 0, simulated);
            var heard = await listen.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
            await listen.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

            var inProcess = Line(simulated, "in-process pipeline: ")["in-process pipeline: ".Length..];
            output.WriteLine($"{sentJunk} junk datagrams interleaved; in process: {inProcess}; listen: {Line(heard, "pipeline: ")}; {Line(heard, "feed: ")}; {Line(heard, "kernel: ")}");
            Assert.True(sentJunk > 1000, $"only {sentJunk} junk datagrams sent");
            Assert.Equal(inProcess, Line(heard, "pipeline: ")["pipeline: ".Length..]);
            var feed = Line(heard, "feed: ");
            Assert.Matches(@"^feed: \d+ received, [1-9]\d* malformed, [1-9]\d* rejected by source, \d+ by time, [1-9]\d* implausible$", feed);
            Assert.Contains("feed: ", await statusLines, StringComparison.Ordinal);
            Assert.Matches(@"kernel: (0 datagrams dropped|drops not readable)", heard);
        }
        finally
        {
            if (!listen.HasExited) listen.Kill();
        }
    }

    /// <summary>Sends hostile datagrams at about 1,000 per second until stopped or <paramref name="count"/> are sent; returns how many.</summary>
    private static int SendJunk(IPEndPoint target, int count, CancellationToken stop)
    {
        var rng = new Random(41);
        using var udp = new UdpClient();
        byte[] cat021 = Convert.FromHexString("1500188b114000ff93a800238e38e40aaaaaababcdef0100");
        var clock = Stopwatch.StartNew();
        var sent = 0;
        for (; sent < count && !stop.IsCancellationRequested; sent++)
        {
            byte[] datagram;
            switch (rng.Next(4))
            {
                case 0:
                    datagram = new byte[rng.Next(1, 300)];
                    rng.NextBytes(datagram);
                    break;
                case 1: // CAT048 of SAC 5 SIC 1: I010, I140, I040 (a plot 20 NM out) from an undeclared source
                    datagram = [48, 0, 13, 0xD0, 5, 1, .. Tod(rng.Next(86_400)), 0x14, 0x00, 0x40, 0x00];
                    break;
                case 2: // the issue's 10-byte CAT034 (I010 SAC 5 SIC 9, I000 2, I030), 6 h ahead of the quiet night's 21:00 start
                    datagram = [34, 0, 10, 0xE0, 5, 9, 2, .. Tod(3 * 3600)];
                    break;
                default:
                    datagram = cat021;
                    break;
            }
            udp.Send(datagram, target);
            var due = TimeSpan.FromMilliseconds(sent);
            if (due > clock.Elapsed) Thread.Sleep(due - clock.Elapsed);
        }
        return sent;
    }

    private static byte[] Tod(int seconds) => [(byte)(seconds * 128 >> 16), (byte)(seconds * 128 >> 8), (byte)(seconds * 128)];

    private static string Line(string text, string prefix) =>
        text.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"no line starting \"{prefix}\" in:\n{text}");
}
