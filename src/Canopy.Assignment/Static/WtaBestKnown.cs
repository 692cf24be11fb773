using System.Globalization;

namespace Canopy.Assignment.Static;

/// <summary>
/// Best known objectives of benchmark instances, read from the markdown table `| instance | BKS | ... |` in the
/// README.md that ships beside the instance files.
/// </summary>
public static class WtaBestKnown
{
    /// <summary>Instance name (file name without .txt/.gz) to BKS; empty when the file has no such table.</summary>
    public static IReadOnlyDictionary<string, double> Read(string readmePath)
    {
        ArgumentNullException.ThrowIfNull(readmePath);
        var table = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(readmePath))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            if (cells.Length < 4 || cells[0].Length != 0 || !cells[1].StartsWith("wta_", StringComparison.Ordinal)) continue;
            if (double.TryParse(cells[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var bks)) table[cells[1]] = bks;
        }
        return table;
    }

    /// <summary>The instance name of a file: wta_50x100x1.txt.gz gives wta_50x100x1.</summary>
    public static string InstanceName(string path)
    {
        var name = Path.GetFileName(path);
        foreach (var suffix in (string[])[".gz", ".txt"])
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) name = name[..^suffix.Length];
        return name;
    }
}
