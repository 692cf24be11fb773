using System.CommandLine;
using Canopy.Interop.Asterix;
using Canopy.Interop.Asterix.Files;
using Canopy.Interop.Asterix.Json;

namespace Canopy.Cli.Commands;

/// <summary>`canopy asterix decode|encode`: ASTERIX (raw or in a pcap/pcapng) to JSON lines, one object per record, and back.</summary>
internal static class AsterixCommand
{
    public static Command Create()
    {
        var command = new Command("asterix", $"Decode and encode EUROCONTROL ASTERIX (editions: {AsterixEditions.Listing}; newest by default, --edition to choose)");
        command.Subcommands.Add(CreateDecode());
        command.Subcommands.Add(CreateEncode());
        return command;
    }

    private static Command CreateDecode()
    {
        var file = new Argument<string>("file") { Description = "Raw ASTERIX data blocks, or a pcap/pcapng of UDP datagrams" };
        var edition = EditionOption.Create();
        var command = new Command("decode", "Print one JSON object per record with every item's values; malformed parts go to stderr with their byte offset") { file, edition };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (EditionOption.ParseOrReport(parse, edition) is not { } editions) return 1;
            using var stdout = Console.OpenStandardOutput();
            using var buffered = new BufferedStream(stdout, 1 << 16);
            var writer = new AsterixJsonLines.Writer(buffered, editions, e => Console.Error.WriteLine($"{path}: byte {e.Offset}: {e.Message}"));
            long records = 0, datagrams = 0;
            try
            {
                using var recording = new RecordingReader(OpenRead(path));
                while (recording.TryRead(out var unit))
                {
                    if (recording.IsCapture) datagrams++;
                    writer.Begin(unit.Payload, unit.Offset);
                    records += AsterixDecoder.Decode(unit.Payload.Span, unit.Offset, writer, editions).Records;
                }
                buffered.Flush();
                if (recording.Warning is { } warning) Console.Error.WriteLine($"{path}: warning: {warning}");
            }
            catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
            {
                buffered.Flush();
                Console.Error.WriteLine($"{path}: {e.Message}");
                return 1;
            }
            Console.Error.WriteLine($"{path}: {records} records{(datagrams > 0 ? $" in {datagrams} UDP datagrams" : "")}, {writer.ErrorCount} errors");
            return writer.ErrorCount == 0 ? 0 : 1;
        });
        return command;
    }

    private static Command CreateEncode()
    {
        var input = new Argument<string>("input") { Description = "JSON lines, one record per line, as `canopy asterix decode` prints them" };
        var output = new Argument<string>("output") { Description = "Raw ASTERIX file to write" };
        var edition = EditionOption.Create();
        var command = new Command("encode", "Write raw ASTERIX data blocks from JSON lines (consecutive records of a category share a block)") { input, output, edition };
        command.SetAction(parse =>
        {
            if (EditionOption.ParseOrReport(parse, edition) is not { } editions) return 1;
            var inPath = parse.GetValue(input)!;
            var outPath = parse.GetValue(output)!;
            var opened = false;
            try
            {
                using var stream = new FileStream(outPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
                opened = true;
                using var lines = new StreamReader(inPath);
                var bytes = AsterixJsonLines.Encode(AsterixJsonLines.ReadLines(lines, inPath), inPath, stream, editions: editions);
                Console.Error.WriteLine($"{outPath}: {bytes} bytes");
                return 0;
            }
            catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
            {
                if (opened) File.Delete(outPath); // no half-written output
                Console.Error.WriteLine(e is FormatException ? e.Message : $"{inPath}: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    /// <summary>A file read front to back through the OS read-ahead: decoding streams it, whatever its size.</summary>
    private static FileStream OpenRead(string path) => new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
}
