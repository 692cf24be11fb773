using System.Diagnostics;

namespace Canopy.Cli.Tests.Commands;

public class ListenCommandTests
{
    [Fact]
    public async Task Listen_ToSimulatedRadarsOverAsterix_BuildsTheSameTracksAsTheInProcessRunAndSendsItsPictureAsCot()
    {
        int port, refused;
        using (var probe = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0)))
            port = ((System.Net.IPEndPoint)probe.Client.LocalEndPoint!).Port;
        var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        refused = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        using var cotIn = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0)) { Client = { ReceiveBufferSize = 8 << 20 } };
        var cotUri = $"udp://127.0.0.1:{((System.Net.IPEndPoint)cotIn.Client.LocalEndPoint!).Port}";
        using var stopCot = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        var received = Task.Run(() => ReceiveCot(cotIn, stopCot.Token));
        var uri = $"udp://127.0.0.1:{port}";
        var dir = Directory.CreateTempSubdirectory("canopy-listen-").FullName;
        var pcap = Path.Combine(dir, "night.pcap");
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = CanopyProcess.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "canopy.dll"), "listen", "scenarios/quiet-night.yaml", "--asterix", uri, "--idle", "10", "--record", pcap, "--cot-out", cotUri })
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
            Assert.Contains($"recorded {sent.Split(' ')[4]} datagrams", heard, StringComparison.Ordinal);
            // The IFF replies (CAT048 SSR reports) and ADS-B reports (CAT021) sent all arrive and identify the fighter and the airliner.
            var identity = System.Text.RegularExpressions.Regex.Match(sent, @"; ([1-9]\d*) IFF replies as CAT048 SSR reports, ([1-9]\d*) ADS-B reports as CAT021 2\.6$");
            Assert.True(identity.Success, sent);
            Assert.Matches($@" {identity.Groups[2].Value} ADS-B reports \([1-9]\d* tracks identified civil\), {identity.Groups[1].Value} IFF replies \([1-9]\d* tracks identified friendly\)$",
                Line(heard, "received "));

            // One CoT picture per step, every event sent; what arrives parses, with the drones hostile unmanned aircraft and engagement cues.
            var steps = inProcess.Split(' ')[0];
            var cotLine = Line(heard, "CoT out: ");
            Assert.Matches($@"^CoT out: [1-9]\d* events \(Xml\) in {steps} pictures to {cotUri}, 0 not sent$", cotLine);
            await Task.Delay(500);
            await stopCot.CancelAsync();
            var cot = await received;
            Assert.Equal(0, cot.Malformed);
            Assert.True(cot.Types.Values.Sum() > 1000, cotLine);
            Assert.True(cot.Types.Values.Sum() <= long.Parse(cotLine.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Contains("a-h-A-M-F-Q", cot.Types.Keys);
            Assert.Contains(Canopy.Interop.Cot.CotTypes.EngagementCue, cot.Types.Keys);
            // The airliner is sent as neutral civil, the fighter as friendly, and no track identified so is ever sent as hostile
            // (hostile a-h-A-M-F events remain only for tracks never identified: drones a step or two taken for fixed-wing).
            Assert.Contains("a-n-A-C-F", cot.Types.Keys);
            Assert.Contains("a-f-A-M-F", cot.Types.Keys);
            var identified = cot.TypesByUid.Where(u => u.Value.Contains("a-n-A-C-F") || u.Value.Contains("a-f-A-M-F")).ToList();
            Assert.All(identified, u => Assert.DoesNotContain(u.Value, t => t.StartsWith("a-h-", StringComparison.Ordinal)));
            ValidateAgainstCotSchema(cot.Samples.Values);

            // The recording replayed as fast as possible, as a pcap and as its raw ASTERIX payloads, gives the listener's figures.
            var raw = Path.Combine(dir, "night.ast");
            File.WriteAllBytes(raw, [.. Canopy.Interop.Asterix.Files.CaptureReader.ReadUdp(File.ReadAllBytes(pcap)).SelectMany(d => d.Payload.ToArray())]);
            foreach (var recording in new[] { pcap, raw })
            {
                // A TAK server refusing the connection is reported once and counted, and changes nothing else.
                var (replayCode, replayed) = CanopyProcess.Run("replay", recording, "--scenario", "scenarios/quiet-night.yaml", "--speed", "0",
                    "--cot-out", $"tcp://127.0.0.1:{refused}", "--cot-protobuf");
                Assert.True(replayCode == 0, replayed);
                Assert.Single(replayed.Split('\n'), l => l.StartsWith($"--cot-out tcp://127.0.0.1:{refused}: ", StringComparison.Ordinal));
                Assert.Matches(@"^CoT out: 0 events \(TakProtobuf\) in \d+ pictures to tcp://127\.0\.0\.1:\d+, [1-9]\d* not sent \(last error: ", Line(replayed, "CoT out: "));
                Assert.DoesNotContain("   at ", replayed, StringComparison.Ordinal);
                // A raw file replays block by block, so only the records and plots compare, not the datagrams.
                Assert.Equal(AfterDatagrams(Line(heard, "received ")), AfterDatagrams(Line(replayed, "replayed ")));
                Assert.Equal(inProcess, Line(replayed, "pipeline: ")["pipeline: ".Length..]);
            }
        }
        finally
        {
            if (!listen.HasExited) listen.Kill();
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Listen_Cat021Edition023AndCotIn_UsesTheReportAndMovesTheFireUnit()
    {
        int port, cotPort;
        using (var probe = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0)))
        using (var probe2 = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0)))
        {
            port = ((System.Net.IPEndPoint)probe.Client.LocalEndPoint!).Port;
            cotPort = ((System.Net.IPEndPoint)probe2.Client.LocalEndPoint!).Port;
        }
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = CanopyProcess.RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var dir = Directory.CreateTempSubdirectory("canopy-listen-cot-").FullName;
        var geoJson = Path.Combine(dir, "picture.geojson");
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "canopy.dll"), "listen", "scenarios/quiet-night.yaml", "--asterix", $"udp://127.0.0.1:{port}",
                     "--edition", "21=0.23", "--partner", "10/11", "--cot-in", $"udp://127.0.0.1:{cotPort}", "--idle", "2", "--geojson", geoJson })
            psi.ArgumentList.Add(a);
        using var listen = Process.Start(psi)!;
        try
        {
            var first = await listen.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
            Assert.Contains("CAT021 0.23", first, StringComparison.Ordinal);
            using var udp = new System.Net.Sockets.UdpClient();
            // CAT021 0.23: I010, I030, I130, I080 4ca123, I145 FL 350 (see the ASTERIX EditionTests).
            await udp.SendAsync(Convert.FromHexString("150015b9200a0b384000200000e000004ca1230578"), new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port));
            const string cot = "<event version=\"2.0\" uid=\"MFG-1\" type=\"a-f-G-U-C\" how=\"h-g-i-g-o\" time=\"2026-01-01T00:00:00Z\" " +
                               "start=\"2026-01-01T00:00:00Z\" stale=\"2026-01-01T00:05:00Z\"><point lat=\"51.2\" lon=\"31.25\" hae=\"150\" ce=\"5\" le=\"10\"/><detail/></event>";
            await udp.SendAsync(System.Text.Encoding.UTF8.GetBytes(cot), new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, cotPort));
            await Task.Delay(1000);
            // A CAT034 end of scan of radar 1 (SAC 0, SIC 1; I030 = 08:00:04, 4 s after the ADS-B report) steps the pipeline once, after the CoT report.
            await udp.SendAsync(Convert.FromHexString("22000ce800010138420002 00".Replace(" ", "", StringComparison.Ordinal)), new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port));
            var heard = await listen.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
            await listen.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

            Assert.Contains("1 ADS-B reports", heard, StringComparison.Ordinal);
            Assert.Contains("1 messages, 1 moved a fire unit, 0 malformed", heard, StringComparison.Ordinal); // MFG-1's cot-uid is MFG-1
            Assert.Contains("fire unit MFG-1 last reported at 51.20000, 31.25000", heard, StringComparison.Ordinal);
            // The picture's engagement zone of MFG-1 is centred where the report put it (51.02 N in the scenario).
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(geoJson));
            var zone = doc.RootElement.GetProperty("features").EnumerateArray().Single(f =>
                f.GetProperty("properties").GetProperty("kind").GetString() == "engagement-zone" && f.GetProperty("properties").GetProperty("name").GetString() == "MFG-1");
            var ring = zone.GetProperty("geometry").GetProperty("coordinates")[0].EnumerateArray().Select(p => (Lon: p[0].GetDouble(), Lat: p[1].GetDouble())).ToList();
            Assert.Equal(51.2, ring.Average(p => p.Lat), 0.001);
            Assert.Equal(31.25, ring.Average(p => p.Lon), 0.001);
        }
        finally
        {
            if (!listen.HasExited) listen.Kill();
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Listen_BadEditionOrCotEndpoint_SaysSoWithoutAStackTrace()
    {
        var (code, output) = CanopyProcess.Run("listen", "scenarios/quiet-night.yaml", "--cot-in", "udp://localhost:1");
        Assert.Equal(1, code);
        Assert.Contains("--cot-in: 'udp://localhost:1': expected a numeric IP address", output, StringComparison.Ordinal);
        (code, output) = CanopyProcess.Run("listen", "scenarios/quiet-night.yaml", "--cot-out", "http://127.0.0.1:6969");
        Assert.Equal(1, code);
        Assert.Contains("--cot-out: 'http://127.0.0.1:6969': scheme 'http' is neither udp nor tcp", output, StringComparison.Ordinal);
        (code, output) = CanopyProcess.Run("listen", "scenarios/quiet-night.yaml", "--edition", "62=1.0");
        Assert.Equal(1, code);
        Assert.Contains("CAT062 edition '1.0' not supported (supported: CAT062 1.19 1.18 1.17)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Listen_BadAddress_SaysSoWithoutAStackTrace()
    {
        var (code, output) = CanopyProcess.Run("listen", "scenarios/quiet-night.yaml", "--asterix", "tcp://127.0.0.1:1");
        Assert.Equal(1, code);
        Assert.Contains("is not udp://ADDRESS:PORT", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    /// <summary>Issue 17: this 24-byte CAT021 (latitude beyond 90 degrees) killed replay and listen with an unhandled exception.</summary>
    [Fact]
    public void Replay_IssueCat021WithLatitudeBeyond90_IsCountedAndTheReplayEnds()
    {
        var dir = Directory.CreateTempSubdirectory("canopy-replay-").FullName;
        try
        {
            var file = Path.Combine(dir, "f.bin");
            File.WriteAllBytes(file, Convert.FromHexString("1500188b114000ff93a800238e38e40aaaaaababcdef0100"));

            var (code, output) = CanopyProcess.Run("replay", file, "--scenario", "scenarios/quiet-night.yaml", "--speed", "0");

            Assert.True(code == 0, output);
            Assert.Contains("feed: 1 received, 0 malformed, 0 rejected by source, 0 by time, 1 implausible", output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Replay_DamagedPcap_NamesTheByteOffsetWithoutAStackTrace()
    {
        var dir = Directory.CreateTempSubdirectory("canopy-replay-").FullName;
        try
        {
            var pcap = Path.Combine(dir, "cut.pcap");
            // A pcap global header, then a record header claiming 100 bytes of which none follow.
            File.WriteAllBytes(pcap, [0xD4, 0xC3, 0xB2, 0xA1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0, 0, 101, 0, 0, 0,
                0, 0, 0, 0, 0, 0, 0, 0, 100, 0, 0, 0, 100, 0, 0, 0]);

            var (code, output) = CanopyProcess.Run("replay", pcap, "--scenario", "scenarios/quiet-night.yaml");

            // Cut short, as a killed `listen --record` leaves it: every whole packet (none here) replays, with a warning at the cut.
            Assert.True(code == 0, output);
            Assert.Contains("cut.pcap: warning: byte 24: capture cut short: the last packet record has 16 of its 116 bytes", output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private sealed record CotReceived(Dictionary<string, long> Types, Dictionary<string, byte[]> Samples, Dictionary<string, HashSet<string>> TypesByUid, int Malformed);

    /// <summary>Counts the CoT events arriving until cancelled, by type, keeping the first datagram of each type and the types each uid was sent as.</summary>
    private static async Task<CotReceived> ReceiveCot(System.Net.Sockets.UdpClient udp, CancellationToken stop)
    {
        var result = new CotReceived([], [], [], 0);
        var malformed = 0;
        try
        {
            while (true)
            {
                var datagram = (await udp.ReceiveAsync(stop)).Buffer;
                if (Canopy.Interop.Cot.CotXmlReader.Parse(datagram, out _) is not { } e)
                {
                    malformed++;
                    continue;
                }
                result.Types[e.Type] = result.Types.GetValueOrDefault(e.Type) + 1;
                result.Samples.TryAdd(e.Type, datagram);
                if (!result.TypesByUid.TryGetValue(e.Uid, out var types)) result.TypesByUid[e.Uid] = types = [];
                types.Add(e.Type);
            }
        }
        catch (OperationCanceledException)
        {
            return result with { Malformed = malformed };
        }
    }

    /// <summary>Checks events with xmllint against the MITRE CoT base-event schema in ../shared/cot, when it is there.</summary>
    private static void ValidateAgainstCotSchema(IEnumerable<byte[]> events)
    {
        var schema = Enumerable.Range(0, 4).Select(up => Path.GetFullPath(Path.Combine(CanopyProcess.RepositoryRoot, string.Concat(Enumerable.Repeat("../", up + 1)), "shared", "cot", "cot-event.xsd")))
            .FirstOrDefault(File.Exists);
        if (schema is null)
        {
            Console.WriteLine("CoT schema check skipped: ../shared/cot/cot-event.xsd is absent");
            return;
        }
        var dir = Directory.CreateTempSubdirectory("canopy-listen-cot-xsd-").FullName;
        try
        {
            var files = events.Select((bytes, i) =>
            {
                var path = Path.Combine(dir, $"event{i}.xml");
                File.WriteAllBytes(path, bytes);
                return path;
            }).ToList();
            var psi = new ProcessStartInfo("xmllint") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "--noout", "--schema", schema }.Concat(files)) psi.ArgumentList.Add(a);
            using var xmllint = Process.Start(psi)!;
            var stderr = xmllint.StandardError.ReadToEndAsync();
            xmllint.StandardOutput.ReadToEnd();
            Assert.True(xmllint.WaitForExit(TimeSpan.FromSeconds(30)), "xmllint did not finish in 30 s");
            Assert.True(xmllint.ExitCode == 0, stderr.Result);
            Assert.Equal(files.Count, stderr.Result.Split('\n').Count(l => l.EndsWith(" validates", StringComparison.Ordinal)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string AfterDatagrams(string line) => line[line.IndexOf(" datagrams", StringComparison.Ordinal)..];

    private static string Line(string text, string prefix) =>
        text.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"no line starting \"{prefix}\" in:\n{text}");
}
