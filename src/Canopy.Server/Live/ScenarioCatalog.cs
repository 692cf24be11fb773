using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Canopy.Scenarios.Loading;
using Canopy.Scenarios.Model;

namespace Canopy.Server.Live;

/// <summary>
/// The scenario files of one folder, named by file stem (quiet-night for quiet-night.yaml). Each file is parsed once
/// per version: the result is kept under its path, last write time and size, so listing the folder on every request
/// re-reads only files that changed. A file that does not load is listed with its errors, labelled with the file name
/// alone (never the server's path).
/// </summary>
public sealed partial class ScenarioCatalog(string directory)
{
    /// <summary>A parsed file and the version of the file it came from.</summary>
    private sealed record Entry(DateTime LastWriteUtc, long Size, Scenario? Scenario, ScenarioInfo Info);

    private readonly ConcurrentDictionary<string, Entry> cache = new(StringComparer.Ordinal);

    public string Directory { get; } = Path.GetFullPath(directory);

    public IReadOnlyList<ScenarioInfo> List()
    {
        if (!System.IO.Directory.Exists(Directory)) return [];
        var files = System.IO.Directory.GetFiles(Directory, "*.yaml").Order(StringComparer.Ordinal).ToList();
        foreach (var gone in cache.Keys.Except(files, StringComparer.Ordinal)) cache.TryRemove(gone, out _);
        return [.. files.Select(f => Current(f).Info)];
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
            error = $"no scenario '{name}'; known: {string.Join(", ", List().Select(s => s.Name))}";
            return null;
        }
        var entry = Current(file);
        error = entry.Scenario is null ? string.Join("; ", entry.Info.Errors) : null;
        return entry.Scenario;
    }

    /// <summary>The cached entry of <paramref name="file"/>, parsed again when its last write time or size changed.</summary>
    private Entry Current(string file)
    {
        var info = new FileInfo(file);
        var (written, size) = info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, -1L);
        if (cache.TryGetValue(file, out var cached) && cached.LastWriteUtc == written && cached.Size == size) return cached;
        var entry = Parse(file, written, size);
        cache[file] = entry;
        return entry;
    }

    private static Entry Parse(string file, DateTime written, long size)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        var result = ScenarioLoader.Load(file);
        if (result.Scenario is { } s && result.Errors.Count == 0)
            return new Entry(written, size, s, new ScenarioInfo(name, s.Description, s.Waves.Sum(w => w.Count), s.Assets.Count, s.Sensors.Count, s.Effectors.Count, []));
        var label = Path.GetFileName(file);
        return new Entry(written, size, null, new ScenarioInfo(name, "", 0, 0, 0, 0, [.. result.Errors.Select(e => (e with { File = label }).ToString())]));
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,100}$")]
    private static partial Regex NamePattern();
}

/// <summary>A scenario as the picker lists it; Errors is non-empty when the file does not load.</summary>
public sealed record ScenarioInfo(string Name, string Description, int Threats, int Assets, int Sensors, int Effectors, IReadOnlyList<string> Errors);
