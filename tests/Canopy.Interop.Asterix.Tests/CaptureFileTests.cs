using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Text;
using Canopy.Interop.Asterix.Coding;
using Canopy.Interop.Asterix.Files;
using Canopy.Interop.Asterix.Json;
using Xunit.Abstractions;

namespace Canopy.Interop.Asterix.Tests;

public class CaptureFileTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("pcap")]
    [InlineData("pcapng")]
    public void CaptureCutShort_GivesEveryCompletePacketAsTsharkDoes(string format)
    {
        var pcap = Pcap(new Random(16), 30);
        var file = format == "pcap" ? pcap : Pcapng(pcap);
        var ends = PacketEnds(file, format);
        var k = ends.Count / 2;
        // At a packet's end, one byte into the next record header, just past it, one byte short of its end; the whole file.
        long[] cuts = [ends[k], ends[k] + 1, ends[k] + (format == "pcap" ? 16 : 28) + 2, ends[k + 1] - 1, ends[^1] - 1, file.Length];
        var dir = Directory.CreateTempSubdirectory("canopy-cut-");
        try
        {
            foreach (var cut in cuts)
            {
                var expected = ends.Count(e => e <= cut);
                var lastWhole = ends.Where(e => e <= cut).DefaultIfEmpty(0).Max();
                using var reader = new RecordingReader(new MemoryStream(file, 0, (int)cut), bufferSize: 64);
                var read = 0;
                while (reader.TryRead(out _)) read++;
                var path = Path.Combine(dir.FullName, $"cut.{format}");
                File.WriteAllBytes(path, file.AsSpan(0, (int)cut).ToArray());
                var tshark = TsharkPackets(path);
                output.WriteLine($"{format} of {file.Length} bytes cut at {cut}: {read} packets read (tshark {tshark}); warning: {reader.Warning ?? "none"}");

                Assert.Equal(expected, read);
                Assert.Equal(tshark, read);
                Assert.Equal(expected, CaptureReader.ReadUdp(file.AsMemory(0, (int)cut), out var warning).Count);
                Assert.Equal(reader.Warning, warning);
                if (cut == lastWhole) Assert.Null(reader.Warning);
                else Assert.StartsWith($"byte {lastWhole}: capture cut short: the last ", reader.Warning, StringComparison.Ordinal);
            }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void RawFileLargerThanTheReadBuffer_DecodesAsTheWholeFileInMemory()
    {
        var rng = new Random(17);
        var file = new List<byte>();
        while (file.Count < 1_000_000) file.AddRange(Block(rng, rng.Next(1, 30)));
        file.AddRange(Block(rng, 1500)); // one block near the 64 KiB LEN limit: the buffer grows for it
        file.AddRange([48, 0x01, 0x00, 1, 2, 3]); // the last LEN runs past the end: reported, as in memory
        var bytes = file.ToArray();

        var whole = Json(writer =>
        {
            writer.Begin(bytes, 0);
            AsterixDecoder.Decode(bytes, 0, writer);
        });
        var streamed = Json(writer =>
        {
            using var reader = new RecordingReader(new MemoryStream(bytes), bufferSize: 8192);
            Assert.False(reader.IsCapture);
            while (reader.TryRead(out var unit))
            {
                writer.Begin(unit.Payload, unit.Offset);
                AsterixDecoder.Decode(unit.Payload.Span, unit.Offset, writer);
            }
        });

        Assert.True(whole.Lines > 20_000, $"{whole.Lines} records");
        Assert.Equal(whole, streamed);
    }

    [Fact]
    public void PcapLargerThanTheReadBuffer_DecodesAsInMemory()
    {
        var pcap = Pcap(new Random(18), 600);
        Assert.True(pcap.Length > 8 * 8192);

        var inMemory = Json(writer =>
        {
            foreach (var d in CaptureReader.ReadUdp(pcap))
            {
                writer.Begin(d.Payload, d.Offset);
                AsterixDecoder.Decode(d.Payload.Span, d.Offset, writer);
            }
        });
        var streamed = Json(writer =>
        {
            using var reader = new RecordingReader(new MemoryStream(pcap), bufferSize: 8192);
            while (reader.TryRead(out var d))
            {
                writer.Begin(d.Payload, d.Offset);
                AsterixDecoder.Decode(d.Payload.Span, d.Offset, writer);
            }
            Assert.Null(reader.Warning);
        });

        Assert.Equal(inMemory, streamed);
        Assert.True(inMemory.Lines > 3000);
    }

    [Fact]
    public void PcapngWithABadBlockLengthInside_FailsNamingTheOffset()
    {
        var pcapng = Pcapng(Pcap(new Random(19), 3));
        BinaryPrimitives.WriteUInt32LittleEndian(pcapng.AsSpan(48 + 4), 33); // the first packet block's length: not a multiple of 4

        using var reader = new RecordingReader(new MemoryStream(pcapng));
        var e = Assert.Throws<FormatException>(() => reader.TryRead(out _));

        Assert.Equal("byte 52: pcapng block length 33 invalid", e.Message);
    }

    private static (long Lines, string Text) Json(Action<AsterixJsonLines.Writer> decode)
    {
        using var json = new MemoryStream();
        var errors = new StringBuilder();
        var writer = new AsterixJsonLines.Writer(json, onError: e => errors.Append(e).Append('\n'));
        decode(writer);
        return (writer.Lines, Encoding.UTF8.GetString(json.ToArray()) + errors);
    }

    /// <summary>One CAT048 data block of <paramref name="records"/> random records.</summary>
    private static byte[] Block(Random rng, int records)
    {
        var buffer = new byte[65535];
        var w = new AsterixWriter(buffer);
        w.BeginBlock(48);
        for (var i = 0; i < records; i++) Categories.Cat048Codec.Encode(RandomRecords.Cat048(rng), ref w);
        w.EndBlock();
        return w.Written.ToArray();
    }

    /// <summary>A pcap (raw IPv4 links, as <c>listen --record</c> writes) of <paramref name="packets"/> datagrams of one to three blocks.</summary>
    private static byte[] Pcap(Random rng, int packets)
    {
        var stream = new MemoryStream();
        using (var writer = new CaptureWriter(stream, new IPEndPoint(IPAddress.Loopback, 5000), new IPEndPoint(IPAddress.Loopback, 8600)))
        {
            for (var i = 0; i < packets; i++)
            {
                var datagram = new List<byte>();
                for (var b = rng.Next(1, 4); b > 0; b--) datagram.AddRange(Block(rng, rng.Next(1, 10)));
                writer.Write(1_700_000_000 + i * 0.5, datagram.ToArray());
            }
        }
        return stream.ToArray();
    }

    /// <summary>The same packets as pcapng: section header, one interface (raw IPv4, microseconds), an enhanced packet block each.</summary>
    private static byte[] Pcapng(byte[] pcap)
    {
        var file = new List<byte>();
        void U32(uint v) => file.AddRange(BitConverter.GetBytes(v));
        U32(0x0A0D0D0A); U32(28); U32(0x1A2B3C4D); file.AddRange([1, 0, 0, 0]); file.AddRange(Enumerable.Repeat((byte)0xFF, 8)); U32(28);
        U32(1); U32(20); file.AddRange([101, 0, 0, 0]); U32(65535); U32(20);
        for (var pos = 24; pos < pcap.Length;)
        {
            var micros = BinaryPrimitives.ReadUInt32LittleEndian(pcap.AsSpan(pos)) * 1_000_000UL + BinaryPrimitives.ReadUInt32LittleEndian(pcap.AsSpan(pos + 4));
            var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(pcap.AsSpan(pos + 8));
            var padded = (length + 3) / 4 * 4;
            U32(6); U32((uint)(32 + padded)); U32(0); U32((uint)(micros >> 32)); U32((uint)micros); U32((uint)length); U32((uint)length);
            file.AddRange(pcap.AsSpan(pos + 16, length).ToArray());
            file.AddRange(new byte[padded - length]);
            U32((uint)(32 + padded));
            pos += 16 + length;
        }
        return [.. file];
    }

    /// <summary>Where each packet record (pcap) or enhanced packet block (pcapng) ends.</summary>
    private static List<long> PacketEnds(byte[] file, string format)
    {
        var ends = new List<long>();
        if (format == "pcap")
            for (var pos = 24; pos < file.Length;)
                ends.Add(pos += 16 + (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(pos + 8)));
        else
            for (var pos = 0; pos < file.Length;)
            {
                var type = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(pos));
                pos += (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(pos + 4));
                if (type == 6) ends.Add(pos);
            }
        return ends;
    }

    /// <summary>How many packets tshark reads from a capture (it reads a cut one up to its last whole packet and exits with an error).</summary>
    private static int TsharkPackets(string path)
    {
        var psi = new ProcessStartInfo("tshark") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-r", path, "-T", "fields", "-e", "frame.number" }) psi.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("tshark is not installed (Debian package tshark; scripts/setup.sh installs it)", e);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromMinutes(1))) process.Kill();
            _ = stderr.Result;
            return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        }
    }
}
