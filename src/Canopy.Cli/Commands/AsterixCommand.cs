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
            if (ReadOrReport(path) is not { } bytes) return 1;
            using var stdout = Console.OpenStandardOutput();
            using var buffered = new BufferedStream(stdout, 1 << 16);
            var writer = new AsterixJsonLines.Writer(buffered, editions);
            int records = 0, datagrams = 0;
            try
            {
                if (CaptureReader.IsCapture(bytes))
                {
                    foreach (var d in CaptureReader.ReadUdp(bytes))
                    {
                        datagrams++;
                        writer.Begin(d.Payload, d.Offset);
                        records += AsterixDecoder.Decode(d.Payload.Span, d.Offset, writer, editions).Records;
                    }
                }
                else
                {
                    writer.Begin(bytes, 0);
                    records += AsterixDecoder.Decode(bytes, 0, writer, editions).Records;
                }
            }
            catch (FormatException e)
            {
                buffered.Flush();
                Console.Error.WriteLine($"{path}: {e.Message}");
                return 1;
            }
            buffered.Flush();
            foreach (var e in writer.Errors) Console.Error.WriteLine($"{path}: byte {e.Offset}: {e.Message}");
            Console.Error.WriteLine($"{path}: {records} records{(datagrams > 0 ? $" in {datagrams} UDP datagrams" : "")}, {writer.Errors.Count} errors");
            return writer.Errors.Count == 0 ? 0 : 1;
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
            try
            {
                var bytes = AsterixJsonLines.Encode(File.ReadLines(inPath), inPath, editions: editions);
                File.WriteAllBytes(outPath, bytes);
                Console.Error.WriteLine($"{outPath}: {bytes.Length} bytes");
                return 0;
            }
            catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine(e is FormatException ? e.Message : $"{inPath}: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static byte[]? ReadOrReport(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{path}: {e.Message}");
            return null;
        }
    }
}
