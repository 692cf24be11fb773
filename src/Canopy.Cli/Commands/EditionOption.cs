using System.CommandLine;
using Canopy.Interop.Asterix;

namespace Canopy.Cli.Commands;

/// <summary>The repeatable `--edition CAT=EDITION` option of the ASTERIX commands (default: the newest edition of each category).</summary>
internal static class EditionOption
{
    public static Option<string[]> Create() => new("--edition")
    {
        Description = $"ASTERIX edition of a category, CAT=EDITION (repeatable, for example --edition 21=0.23); supported: {AsterixEditions.Listing}; default the newest",
        AllowMultipleArgumentsPerToken = false,
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>The chosen editions, or null with the reason (listing the supported editions) on stderr.</summary>
    public static AsterixEditions? ParseOrReport(ParseResult parse, Option<string[]> option)
    {
        try
        {
            return AsterixEditions.Parse(parse.GetValue(option));
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine($"--edition: {e.Message}");
            return null;
        }
    }
}
