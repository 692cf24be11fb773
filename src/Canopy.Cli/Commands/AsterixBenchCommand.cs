using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Canopy.Interop.Asterix;
using Canopy.Interop.Asterix.Categories;
using Canopy.Interop.Asterix.Coding;
using Spectre.Console;

namespace Canopy.Cli.Commands;

/// <summary>`canopy bench asterix`: CAT048 decode throughput on one thread and bytes allocated per record.</summary>
internal static class AsterixBenchCommand
{
    public static Command Create()
    {
        var seconds = new Option<double>("--seconds") { Description = "Timed decoding (after a warm-up)", DefaultValueFactory = _ => 3 };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1 };
        var command = new Command("asterix", "Decode CAT048 target reports (13 items each, 30 per 1.4 kB datagram): records per second on one thread, bytes allocated per record")
            { seconds, seed };
        command.SetAction(parse =>
        {
            var datagrams = Datagrams(new Random(parse.GetValue(seed)), 1000, out var perDatagram, out var bytes);
            var counter = new Counter();
            Run(datagrams, counter, TimeSpan.FromSeconds(0.5));
            counter.Records = 0;
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var sw = Stopwatch.StartNew();
            var passes = Run(datagrams, counter, TimeSpan.FromSeconds(Math.Max(0.1, parse.GetValue(seconds))));
            var elapsed = sw.Elapsed.TotalSeconds;
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
            string F(double v, string f) => v.ToString(f, CultureInfo.InvariantCulture);
            var console = AnsiConsole.Console;
            console.WriteLine($"CAT048 edition {Cat048Codec.Edition}: {datagrams.Count} datagrams of {perDatagram} records ({F(bytes / (double)(datagrams.Count * perDatagram), "0.0")} bytes per record), {passes} passes");
            console.WriteLine($"decoded records per second (one thread): {F(counter.Records / elapsed, "#,0")}");
            console.WriteLine($"decoded megabytes per second: {F(passes * (double)bytes / elapsed / 1e6, "0.0")}");
            console.WriteLine($"bytes allocated per record: {F(allocated / (double)counter.Records, "0.000")} ({allocated} bytes over {counter.Records:N0} records)");
            return counter.Errors == 0 ? 0 : 1;
        });
        return command;
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

    private static List<byte[]> Datagrams(Random rng, int count, out int perDatagram, out long bytes)
    {
        perDatagram = 30;
        bytes = 0;
        var list = new List<byte[]>();
        var buffer = new byte[4096];
        for (var i = 0; i < count; i++)
        {
            var w = new AsterixWriter(buffer);
            w.BeginBlock(Cat048Codec.Category);
            for (var k = 0; k < perDatagram; k++)
            {
                var r = new Cat048Record
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
                Cat048Codec.Encode(r, ref w);
            }
            w.EndBlock();
            list.Add(w.Written.ToArray());
            bytes += w.Position;
        }
        return list;
    }

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
