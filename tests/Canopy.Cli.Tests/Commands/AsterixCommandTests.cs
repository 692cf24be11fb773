namespace Canopy.Cli.Tests.Commands;

public sealed class AsterixCommandTests : IDisposable
{
    // jASTERIX's published CAT048 test block (SAC 0 SIC 1, RHO 73.921875 NM, FL 370, "RYR5XW  ", I250 and I230 untyped).
    private const string Cat048 = "300041fff7020001416deba849ec3fc4213805c820c1ab4cbd4994b5617820038bd9eb2fbfe400608091" +
                                  "9f39a004dd50c8480030a80000400397083c17304020fd";

    private readonly string _dir = Directory.CreateTempSubdirectory("canopy-asterix-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Decode_PublishedCat048Block_PrintsEveryItem()
    {
        var raw = Write("block.ast", Convert.FromHexString(Cat048));

        var (code, output) = CanopyProcess.Run("asterix", "decode", raw);

        Assert.True(code == 0, output);
        Assert.Contains("\"RHO\":73.921875", output, StringComparison.Ordinal);
        Assert.Contains("\"FL\":370", output, StringComparison.Ordinal);
        Assert.Contains("\"callsign\":\"RYR5XW  \"", output, StringComparison.Ordinal);
        Assert.Contains("\"Mode3A\":\"0470\"", output, StringComparison.Ordinal);
        Assert.Contains("\"I230\":{\"octets\":\"20fd\"}", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_OfDecodedJson_GivesBackTheSameBytes()
    {
        var raw = Write("block.ast", Convert.FromHexString(Cat048));
        var (_, output) = CanopyProcess.Run("asterix", "decode", raw);
        var jsonl = Path.Combine(_dir, "block.jsonl");
        File.WriteAllLines(jsonl, output.Split('\n').Where(l => l.StartsWith('{')));
        var again = Path.Combine(_dir, "again.ast");

        var (code, text) = CanopyProcess.Run("asterix", "encode", jsonl, again);

        Assert.True(code == 0, text);
        Assert.Equal(Cat048, Convert.ToHexStringLower(File.ReadAllBytes(again)));
    }

    [Fact]
    public void Decode_Pcap_ReadsTheUdpPayloads()
    {
        var payload = Convert.FromHexString(Cat048);
        var pcap = Write("one.pcap", Pcap(payload));

        var (code, output) = CanopyProcess.Run("asterix", "decode", pcap);

        Assert.True(code == 0, output);
        Assert.Contains("1 records in 1 UDP datagrams", output, StringComparison.Ordinal);
        // Offset = 24 (global header) + 16 (record header) + 14 (Ethernet) + 20 (IPv4) + 8 (UDP) + 3 (block header).
        Assert.Contains("{\"offset\":85,\"cat\":48", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_PcapCutShort_PrintsEveryCompletePacketAndWarnsAtTheCut()
    {
        var one = Pcap(Convert.FromHexString(Cat048));
        var pcap = Write("cut.pcap", [.. one, .. one.AsSpan(24, one.Length - 24 - 5)]); // a second packet, its last 5 bytes missing

        var (code, output) = CanopyProcess.Run("asterix", "decode", pcap);

        Assert.True(code == 0, output);
        Assert.Contains($"cut.pcap: warning: byte {one.Length}: capture cut short: the last packet record has {one.Length - 24 - 5} of its {one.Length - 24} bytes", output, StringComparison.Ordinal);
        Assert.Contains("1 records in 1 UDP datagrams, 0 errors", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_MalformedBlock_ReportsTheByteOffsetWithoutAStackTrace()
    {
        var raw = Write("bad.ast", Convert.FromHexString("300006800102" + "300010800102"));

        var (code, output) = CanopyProcess.Run("asterix", "decode", raw);

        Assert.Equal(1, code);
        Assert.Contains("bad.ast: byte 7: CAT048 block LEN 16 runs past the end", output, StringComparison.Ordinal);
        Assert.Contains("\"SAC\":1", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_BadField_NamesFileLineAndField()
    {
        var jsonl = Path.Combine(_dir, "bad.jsonl");
        File.WriteAllLines(jsonl, ["{\"cat\":48,\"I010\":{\"SAC\":1,\"SIC\":2}}", "{\"cat\":48,\"I040\":{\"RHO\":\"far\",\"THETA\":3}}"]);

        var (code, output) = CanopyProcess.Run("asterix", "encode", jsonl, Path.Combine(_dir, "out.ast"));

        Assert.Equal(1, code);
        Assert.Contains("bad.jsonl:2: I040.RHO: a number expected", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "out.ast")), "a half-written output is removed");
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_Cat021Edition023_PrintsThatEditionsItemsAndEncodesBack()
    {
        // CAT021 0.23: I010 10/11, I030 08:00:00, I130 45 N 45 W, I080 4ca123, I145 FL 350 (see the ASTERIX EditionTests).
        const string block = "150015b9200a0b384000200000e000004ca1230578";
        var raw = Write("adsb.ast", Convert.FromHexString(block));

        var (code, output) = CanopyProcess.Run("asterix", "decode", raw, "--edition", "21=0.23");

        Assert.True(code == 0, output);
        Assert.Contains("\"I030\":{\"ToD\":28800}", output, StringComparison.Ordinal);
        Assert.Contains("\"I145\":{\"FL\":350}", output, StringComparison.Ordinal);
        var jsonl = Path.Combine(_dir, "adsb.jsonl");
        File.WriteAllLines(jsonl, output.Split('\n').Where(l => l.StartsWith('{')));
        var again = Path.Combine(_dir, "again.ast");
        Assert.Equal(0, CanopyProcess.Run("asterix", "encode", jsonl, again, "--edition", "21=0.23").ExitCode);
        Assert.Equal(block, Convert.ToHexStringLower(File.ReadAllBytes(again)));
    }

    [Fact]
    public void Decode_UnknownEdition_ListsTheSupportedOnesWithoutAStackTrace()
    {
        var raw = Write("block.ast", Convert.FromHexString(Cat048));

        var (code, output) = CanopyProcess.Run("asterix", "decode", raw, "--edition", "21=1.0");

        Assert.Equal(1, code);
        Assert.Contains("--edition: edition '21=1.0': CAT021 edition '1.0' not supported (supported: CAT021 2.6 2.5 2.4 0.23)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    // A little-endian microsecond pcap with one Ethernet/IPv4/UDP packet to port 8600.
    private static byte[] Pcap(byte[] payload)
    {
        var udp = 8 + payload.Length;
        var ip = 20 + udp;
        var frame = new List<byte>();
        frame.AddRange(new byte[12]);
        frame.AddRange([0x08, 0x00]);
        frame.AddRange([0x45, 0, (byte)(ip >> 8), (byte)ip, 0, 0, 0x40, 0, 64, 17, 0, 0, 127, 0, 0, 1, 127, 0, 0, 1]);
        frame.AddRange([0x21, 0x98, 0x21, 0x98, (byte)(udp >> 8), (byte)udp, 0, 0]);
        frame.AddRange(payload);
        var file = new List<byte>();
        file.AddRange(BitConverter.GetBytes(0xA1B2C3D4u));
        file.AddRange([2, 0, 4, 0]);
        file.AddRange(new byte[8]);
        file.AddRange(BitConverter.GetBytes(65535));
        file.AddRange(BitConverter.GetBytes(1));
        file.AddRange(BitConverter.GetBytes(1000));
        file.AddRange(BitConverter.GetBytes(0));
        file.AddRange(BitConverter.GetBytes(frame.Count));
        file.AddRange(BitConverter.GetBytes(frame.Count));
        file.AddRange(frame);
        return [.. file];
    }
}
