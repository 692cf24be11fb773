using System.Text.RegularExpressions;
using Canopy.Scenarios.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Canopy.Scenarios.Loading;

/// <summary>
/// Turns a YAML scenario file into a <see cref="Scenario"/> in SI units. Never throws for a mistake in the file:
/// every error is collected, with its line and column, in one pass.
/// </summary>
public static partial class ScenarioLoader
{
    /// <summary>Reads and parses the file at <paramref name="path"/>; a missing or unreadable file is one error.</summary>
    public static ScenarioLoadResult Load(string path)
    {
        string yaml;
        try
        {
            if (new FileInfo(path).Length > ScenarioLimits.MaxFileBytes) return TooLarge(path);
            yaml = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new ScenarioLoadResult(null, [new ScenarioError(path, 1, 1, $"cannot read the file: {e.Message}")]);
        }
        return Parse(yaml, path);
    }

    /// <summary>Parses scenario text; <paramref name="fileName"/> only labels the errors.</summary>
    public static ScenarioLoadResult Parse(string yaml, string fileName)
    {
        if (yaml.Length > ScenarioLimits.MaxFileBytes) return TooLarge(fileName);
        var errors = new ErrorList(fileName);
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(yaml));
        try
        {
            stream.Load(new BoundedParser(new Parser(scanner)));
        }
        catch (YamlException e)
        {
            errors.Add(e.Start, MarkPrefix().Replace(e.Message, ""));
            return new ScenarioLoadResult(null, errors.InFileOrder());
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this on some malformed flow collections; the scanner still knows where it stopped.
            errors.Add(scanner.CurrentPosition, "invalid YAML here (an unclosed [ or { perhaps?)");
            return new ScenarioLoadResult(null, errors.InFileOrder());
        }
        if (stream.Documents.Count == 0)
        {
            errors.Add(Mark.Empty, "the file is empty");
            return new ScenarioLoadResult(null, errors.InFileOrder());
        }
        var scenario = new ScenarioReader(errors).Read(stream.Documents[0].RootNode);
        return errors.Count == 0 && scenario is not null
            ? new ScenarioLoadResult(scenario, [])
            : new ScenarioLoadResult(null, errors.InFileOrder());
    }

    private static ScenarioLoadResult TooLarge(string file) => new(null,
        [new ScenarioError(file, 1, 1, $"the file is larger than {ScenarioLimits.MaxFileBytes >> 20} MiB, the most a scenario file may be")]);

    /// <summary>YamlDotNet puts "(Line: 3, Col: 5, Idx: 20) - (Line: ...): " before its messages; the error already has the place.</summary>
    [GeneratedRegex(@"^\(Line: .*?\) - \(Line: .*?\): ")]
    private static partial Regex MarkPrefix();
}
