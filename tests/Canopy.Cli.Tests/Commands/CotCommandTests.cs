using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Canopy.Interop.Cot;

namespace Canopy.Cli.Tests.Commands;

public class CotCommandTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Cot_QuietNightToLoopback_EveryDatagramIsAnEventOfTheStatedCount(bool protobuf)
    {
        using var listener = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)listener.Client.LocalEndPoint!).Port;
        string[] args = ["cot", "scenarios/quiet-night.yaml", "--seed", "7", "--at", "1 h", "--to", $"udp://127.0.0.1:{port}", "--epoch", "2026-01-01T00:00:00Z"];
        var (code, output) = CanopyProcess.Run(protobuf ? [.. args, "--protobuf"] : args);
        Assert.True(code == 0, output);
        var count = int.Parse(Regex.Match(output, @"sent (\d+) CoT events").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(count > 0, output);

        listener.Client.ReceiveTimeout = 5000;
        var types = new List<string>();
        var remote = new IPEndPoint(IPAddress.Any, 0);
        for (var i = 0; i < count; i++)
        {
            var datagram = listener.Receive(ref remote);
            if (protobuf)
            {
                Assert.Equal(new byte[] { 0xBF, 0x01, 0xBF }, datagram[..3]);
                types.Add("protobuf");
                continue;
            }
            var e = XDocument.Parse(System.Text.Encoding.UTF8.GetString(datagram)).Root!;
            Assert.Equal("event", e.Name.LocalName);
            Assert.Equal("m-f", (string?)e.Attribute("how"));
            Assert.StartsWith("2026-01-01T01:00:00", (string?)e.Attribute("time"), StringComparison.Ordinal);
            Assert.NotNull(e.Element("point"));
            types.Add((string)e.Attribute("type")!);
        }
        Assert.Equal(count, types.Count);
        if (!protobuf) Assert.Contains("a-h-A-M-F-Q", types); // quiet night's drones, hostile unmanned aircraft
    }

    [Fact]
    public void Cot_QuietNightAt35Minutes_TypesTheAirlinerCivilAndTheFighterFriendly()
    {
        // At 35 min the airliner (ADS-B) and the fighter on CAP (Mode 5) are both in radar cover, identified by the pipeline's identity stage.
        using var listener = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)listener.Client.LocalEndPoint!).Port;
        var (code, output) = CanopyProcess.Run("cot", "scenarios/quiet-night.yaml", "--seed", "7", "--at", "35 min", "--to", $"udp://127.0.0.1:{port}");
        Assert.True(code == 0, output);
        var count = int.Parse(Regex.Match(output, @"sent (\d+) CoT events").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        listener.Client.ReceiveTimeout = 5000;
        var remote = new IPEndPoint(IPAddress.Any, 0);
        var types = Enumerable.Range(0, count).Select(i => Canopy.Interop.Cot.CotXmlReader.Parse(listener.Receive(ref remote), out _)!.Type).ToList();
        Assert.Equal(1, types.Count(t => t == "a-n-A-C-F"));
        Assert.Equal(1, types.Count(t => t == "a-f-A-M-F"));
        Assert.Contains("a-h-A-M-F-Q", types);
        Assert.Contains("1 a-f-A-M-F, ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Cot_BadEndpoint_SaysWhatIsWrong()
    {
        var (code, output) = CanopyProcess.Run("cot", "scenarios/quiet-night.yaml", "--to", "udp://localhost:6969");
        Assert.Equal(1, code);
        Assert.Contains("numeric IP address", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_GeoJsonAndKmlAtOneHour_WritesTracksImpactsAndZones()
    {
        var geojson = Path.GetTempFileName();
        var kml = Path.GetTempFileName();
        try
        {
            var (code, output) = CanopyProcess.Run("simulate", "scenarios/quiet-night.yaml", "--seed", "7", "--at", "1 h", "--geojson", geojson, "--kml", kml);
            Assert.True(code == 0, output);
            using var doc = JsonDocument.Parse(File.ReadAllBytes(geojson));
            Assert.Equal(3600, doc.RootElement.GetProperty("time_s").GetDouble());
            var kinds = doc.RootElement.GetProperty("features").EnumerateArray()
                .Select(f => f.GetProperty("properties").GetProperty("kind").GetString()).ToHashSet();
            Assert.Superset(new HashSet<string?> { "track", "impact", "impact-ellipse", "sensor-coverage", "engagement-zone", "defended-asset" }, kinds);
            Assert.Equal("kml", XDocument.Load(kml).Root!.Name.LocalName);
        }
        finally
        {
            File.Delete(geojson);
            File.Delete(kml);
        }
    }

    [Fact]
    public void Simulate_BadAt_SaysWhatIsWrong()
    {
        var (code, output) = CanopyProcess.Run("simulate", "scenarios/quiet-night.yaml", "--at", "5 km", "--geojson", "/dev/null");
        Assert.Equal(1, code);
        Assert.Contains("--at", output, StringComparison.Ordinal);
    }
}

public class CotListenCommandTests
{
    [Fact]
    public async Task CotListen_FriendlyReportAndGarbageOnLoopback_MovesTheFireUnitAndReportsTheError()
    {
        int port;
        using (var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0))) port = ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
        var run = Task.Run(() => CanopyProcess.Run("cot-listen", "scenarios/quiet-night.yaml", "--on", $"udp://127.0.0.1:{port}", "--count", "2", "--seconds", "60"));
        const string report = "<event version=\"2.0\" uid=\"MFG-2\" type=\"a-f-G-U-C\" how=\"h-e\" time=\"2026-01-01T00:00:00Z\" start=\"2026-01-01T00:00:00Z\" " +
            "stale=\"2026-01-01T00:05:00Z\"><point lat=\"50.9\" lon=\"31.1\" hae=\"150\" ce=\"5\" le=\"10\"/></event>";
        using var sender = new UdpClient();
        var target = new IPEndPoint(IPAddress.Loopback, port);
        for (var i = 0; i < 300 && !run.IsCompleted; i++)
        {
            var report8 = System.Text.Encoding.UTF8.GetBytes(report);
            await sender.SendAsync(report8, target);
            await sender.SendAsync(new byte[] { 0xBF, 0x01, 0xBF, 0x12, 0x40 }, target);
            await Task.WhenAny(run, Task.Delay(200));
        }
        var (code, output) = await run;
        Assert.True(code == 0, output);
        Assert.Contains("MFG-2 moved to 50.90000, 31.10000 (MFG-2)", output, StringComparison.Ordinal);
        Assert.Contains("bad message: byte", output, StringComparison.Ordinal);
    }

    /// <summary>Issue 17: one 95-byte TAK protobuf datagram with latitude 100 crashed cot-listen; now it is one bad message.</summary>
    [Fact]
    public async Task CotListen_TakDatagramWithLatitude100_IsABadMessageAndTheNextReportMovesTheUnit()
    {
        int port;
        using (var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0))) port = ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
        var run = Task.Run(() => CanopyProcess.Run("cot-listen", "scenarios/quiet-night.yaml", "--on", $"udp://127.0.0.1:{port}", "--count", "2", "--seconds", "60"));
        var time = DateTime.UtcNow;
        CotEvent Report(double lat) => new("a-f-G-U-C", "MFG-2", time, time, time.AddMinutes(5), "h-e", lat, 31.1, 150, 5, 10, CotDetail.Empty);
        var hostile = TakProtobuf.Mesh(Report(100));
        var genuine = TakProtobuf.Mesh(Report(50.9));
        using var sender = new UdpClient();
        var target = new IPEndPoint(IPAddress.Loopback, port);
        for (var i = 0; i < 300 && !run.IsCompleted; i++)
        {
            await sender.SendAsync(hostile, target);
            await sender.SendAsync(genuine, target);
            await Task.WhenAny(run, Task.Delay(200));
        }
        var (code, output) = await run;
        Assert.True(code == 0, output);
        Assert.Contains("bad message: byte 3: point lat 100 is not a number in [-90, 90]", output, StringComparison.Ordinal);
        Assert.Contains("MFG-2 moved to 50.90000, 31.10000 (MFG-2)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }
}
