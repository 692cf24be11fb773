using System.Text.RegularExpressions;
using Canopy.Scenarios.Loading;
using Canopy.Scenarios.Model;

namespace Canopy.Server.Live;

/// <summary>The scenario files of one folder, named by file stem (quiet-night for quiet-night.yaml).</summary>
public sealed partial class ScenarioCatalog(string directory)
{
    public string Directory { get; } = Path.GetFullPath(directory);

    public IReadOnlyList<ScenarioInfo> List()
    {
        if (!System.IO.Directory.Exists(Directory)) return [];
        var list = new List<ScenarioInfo>();
        foreach (var file in System.IO.Directory.GetFiles(Directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            var result = ScenarioLoader.Load(file);
            var name = Path.GetFileNameWithoutExtension(file);
            list.Add(result.Scenario is { } s && result.Errors.Count == 0
                ? new ScenarioInfo(name, s.Description, s.Waves.Sum(w => w.Count), s.Assets.Count, s.Sensors.Count, s.Effectors.Count, [])
                : new ScenarioInfo(name, "", 0, 0, 0, 0, [.. result.Errors.Select(Shown)]));
        }
        return list;
    }

    /// <summary>Loads a scenario by name; on failure <paramref name="error"/> says why (unknown name, or the file's errors).</summary>
    public Scenario? Load(string name, out string? error)
    {
        if (!NamePattern().IsMatch(name))
        {
            error = $"scenario name '{name}' is not a file name: use letters, digits, '-' and '_' only (e.g. quiet-night)";
            return null;
        }
        var file = Path.Combine(Directory, name + ".yaml");
        if (!File.Exists(file))
        {
            var known = List().Select(s => s.Name);
            error = $"no scenario '{name}' in the server's scenario folder; known: {string.Join(", ", known)}";
            return null;
        }
        var result = ScenarioLoader.Load(file);
        if (result.Scenario is { } scenario && result.Errors.Count == 0)
        {
            error = null;
            return scenario;
        }
        error = string.Join("; ", result.Errors.Select(Shown));
        return null;
    }

    /// <summary>A file's error as a client sees it: the file's name, not the server's path to it.</summary>
    private static string Shown(ScenarioError e) => $"{Path.GetFileName(e.File)}:{e.Line}:{e.Column}: {e.Message}";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,100}$")]
    private static partial Regex NamePattern();
}

/// <summary>A scenario as the picker lists it; Errors is non-empty when the file does not load.</summary>
public sealed record ScenarioInfo(string Name, string Description, int Threats, int Assets, int Sensors, int Effectors, IReadOnlyList<string> Errors);
