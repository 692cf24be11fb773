using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Canopy.Interop.Asterix;
using Canopy.Interop.Asterix.Categories;
using Canopy.Interop.Asterix.Coding;
using Canopy.Interop.Asterix.Files;
using Canopy.Interop.Asterix.Json;
using Spectre.Console;

namespace Canopy.Cli.Commands;

/// <summary>
/// `canopy bench asterix`: CAT048 decode throughput on one thread and bytes allocated per record; with `--file-gib`, a generated
/// capture of that size decoded streaming from disk (records per second and peak RSS).
/// </summary>
internal static class AsterixBenchCommand
{
    private const int PerDatagram = 30;

    public static Command Create()
    {
        var seconds = new Option<double>("--seconds") { Description = "Timed decoding (after a warm-up)", DefaultValueFactory = _ => 3 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1 };
        var fileGib = new Option<double>("--file-gib")
        {
            Description = "Also write a pcap of this many GiB of the same datagrams to a temporary folder, decode it streaming from disk, " +
                "print records per second and peak RSS, and delete it",
        };
        var json = new Option<bool>("--json") { Description = "With --file-gib: decode as `asterix decode` does, each record printed as a JSON line (to nowhere)" };
        var (items, recordBytes) = Sample();
        var command = new Command("asterix",
            $"Decode CAT048 target reports ({items} items, {recordBytes} bytes each, {PerDatagram} per {3 + PerDatagram * recordBytes}-byte datagram): " +
            "records per second on one thread, bytes allocated per record")
            { seconds, seed, fileGib, json };
        command.SetAction(parse =>
        {
            var datagrams = Datagrams(new Random(parse.GetValue(seed)), 1000, out var bytes);
            var counter = new Counter();
            Run(datagrams, counter, TimeSpan.FromSeconds(0.5));
            counter.Records = 0;
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            var passes = Run(datagrams, counter, TimeSpan.FromSeconds(Math.Max(0.1, parse.GetValue(seconds))));
            var elapsed = sw.Elapsed.TotalSeconds;
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
            var console = AnsiConsole.Console;
            console.WriteLine($"CAT048 edition {Cat048Codec.Edition}: {datagrams.Count} datagrams of {PerDatagram} records of {items} items ({F(bytes / (double)(datagrams.Count * PerDatagram), "0.0")} bytes per record with the block header's share), {passes} passes");
            console.WriteLine($"decoded records per second (one thread): {F(counter.Records / elapsed, "#,0")}");
            console.WriteLine($"decoded megabytes per second: {F(passes * (double)bytes / elapsed / 1e6, "0.0")}");
            console.WriteLine($"bytes allocated per record: {F(allocated / (double)counter.Records, "0.000")} ({allocated} bytes over {counter.Records:N0} records)");
            var errors = counter.Errors;
            if (parse.GetValue(fileGib) is > 0 and var gib) errors += FileRun(datagrams, gib, parse.GetValue(json));
            return errors == 0 ? 0 : 1;
        });
        return command;
    }

    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Writes a capture of <paramref name="gib"/> GiB cycling through the datagrams, decodes it streaming, prints the figures; returns the faults.</summary>
    private static long FileRun(List<byte[]> datagrams, double gib, bool json)
    {
        var console = AnsiConsole.Console;
        var dir = Directory.CreateTempSubdirectory("canopy-bench-asterix-");
        try
        {
            var path = Path.Combine(dir.FullName, "bench.pcap");
            var target = (long)(gib * (1L << 30));
            var sw = Stopwatch.StartNew();
            using (var writer = new CaptureWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20),
                       new IPEndPoint(IPAddress.Loopback, 5000), new IPEndPoint(IPAddress.Loopback, 8600)))
            {
                for (long written = 24, i = 0; written < target; i++)
                {
                    var d = datagrams[(int)(i % datagrams.Count)];
                    writer.Write(1_700_000_000 + i * 0.001, d);
                    written += 16 + 28 + d.Length;
                }
            }
            var size = new FileInfo(path).Length;
            console.WriteLine($"wrote {path}: {F(size / (double)(1L << 30), "0.00")} GiB in {F(sw.Elapsed.TotalSeconds, "0.0")} s");

            var counter = new Counter();
            var lines = new AsterixJsonLines.Writer(Stream.Null, onError: _ => counter.Errors++);
            IAsterixHandler handler = json ? lines : counter;
            long records = 0, units = 0;
            sw.Restart();
            using (var reader = new RecordingReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan)))
            {
                while (reader.TryRead(out var unit))
                {
                    units++;
                    if (json) lines.Begin(unit.Payload, unit.Offset);
                    records += AsterixDecoder.Decode(unit.Payload.Span, unit.Offset, handler).Records;
                }
            }
            var elapsed = sw.Elapsed.TotalSeconds;
            using var self = Process.GetCurrentProcess();
            console.WriteLine($"decoded streaming{(json ? " to JSON lines" : "")}: {records:N0} records in {units:N0} datagrams, {F(elapsed, "0.0")} s: " +
                $"{F(records / elapsed, "#,0")} records per second, {F(size / elapsed / 1e6, "0")} MB/s");
            console.WriteLine($"peak RSS of the process: {F(self.PeakWorkingSet64 / 1048576.0, "0")} MiB (file {F(size / 1048576.0, "0")} MiB)");
            return counter.Errors;
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static int Run(List<byte[]> datagrams, Counter counter, TimeSpan duration)
    {
        var sw = Stopwatch.StartNew();
        var passes = 0;
        do
        {
            foreach (var d in datagrams) AsterixDecoder.Decode(d, 0, counter);
            passes++;
        }
        while (sw.Elapsed < duration);
        return passes;
    }

    /// <summary>The items and encoded length of the records the bench decodes (every record has the same items and length).</summary>
    private static (int Items, int Bytes) Sample()
    {
        var record = Record(new Random(0));
        var w = new AsterixWriter(new byte[256]);
        Cat048Codec.Encode(record, ref w);
        return (System.Numerics.BitOperations.PopCount((ulong)record.Items), w.Position);
    }

    private static List<byte[]> Datagrams(Random rng, int count, out long bytes)
    {
        bytes = 0;
        var list = new List<byte[]>();
        var buffer = new byte[4096];
        for (var i = 0; i < count; i++)
        {
            var w = new AsterixWriter(buffer);
            w.BeginBlock(Cat048Codec.Category);
            for (var k = 0; k < PerDatagram; k++) Cat048Codec.Encode(Record(rng), ref w);
            w.EndBlock();
            list.Add(w.Written.ToArray());
            bytes += w.Position;
        }
        return list;
    }

    /// <summary>A target report with every item Canopy types; values drawn so that every record has the same length.</summary>
    private static Cat048Record Record(Random rng) => new()
    {
        Items = Cat048Codec.All,
        Source = new DataSource(25, 7),
        TimeOfDay = rng.Next(86400 * 128),
        Descriptor = ExtensibleBits.FromOctets([(byte)(rng.Next(8) << 5)]),
        Rho = (ushort)rng.Next(65536),
        Theta = (ushort)rng.Next(65536),
        Mode3A = (ushort)rng.Next(4096),
        FlightLevelBits = (ushort)rng.Next(1600),
        PlotCharacteristics = new RadarPlotCharacteristics(0b0000100, 0, 0, (byte)rng.Next(256), 0, 0, 0, 0),
        AircraftAddress = rng.Next(1 << 24),
        AircraftId = Callsign.Parse("CNP" + rng.Next(10000).ToString("0000", CultureInfo.InvariantCulture)),
        TrackNumber = (ushort)rng.Next(4096),
        GroundSpeed = (ushort)rng.Next(2000),
        Heading = (ushort)rng.Next(65536),
        TrackStatus = ExtensibleBits.FromOctets([0x40]),
    };

    private sealed class Counter : IAsterixHandler
    {
        public long Records;
        public long Errors;
        public long Checksum;

        public void OnCat048(in Cat048Record record, long offset)
        {
            Records++;
            Checksum += record.Rho + record.TrackNumber;
        }

        public void OnCat034(in Cat034Record record, long offset) => Records++;
        public void OnCat062(in Cat062Record record, long offset) => Records++;
        public void OnCat021(in Cat021Record record, long offset) => Records++;
        public void OnCat021V023(in Cat021V023Record record, long offset) => Records++;
        public void OnError(AsterixError error) => Errors++;
    }
}
