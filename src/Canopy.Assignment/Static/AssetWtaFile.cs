using System.Globalization;
using System.IO.Compression;

namespace Canopy.Assignment.Static;

/// <summary>
/// Reads an asset-based WTA instance (docs/wta.md), plain or gzipped: line 1 `m n K` (weapon types, threats,
/// assets), then one line of m weapon counts, K lines of asset values W_k, n lines `k lethality` (the asset threat j
/// aims at and the probability it destroys it), then m*n lines `i j p_ij` (0-based). Blank lines and lines starting
/// with `#` are skipped.
/// </summary>
public static class AssetWtaFile
{
    /// <summary>Reads an instance file (gzipped when its name ends in .gz).</summary>
    public static AssetWtaProblem Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream);
        try
        {
            return Read(reader, path);
        }
        catch (InvalidDataException e)
        {
            throw new WtaFormatException($"{path}: not a valid gzip file ({e.Message})");
        }
    }

    /// <summary>Reads an instance from text; <paramref name="name"/> is used in error messages.</summary>
    public static AssetWtaProblem Read(TextReader reader, string name)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var line = 0;
        string[] Next(string what, int count)
        {
            string? text;
            do
            {
                text = reader.ReadLine();
                line++;
                if (text is null) throw new WtaFormatException($"{name}:{line}: unexpected end of file, expected {what}");
            }
            while (string.IsNullOrWhiteSpace(text) || text.TrimStart().StartsWith('#'));
            var f = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length != count) throw new WtaFormatException($"{name}:{line}: expected {what} ({count} fields), found {f.Length} fields: '{text.Trim()}'");
            return f;
        }
        int Int(string s, string field, int min, int max)
        {
            if (!int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < min || v > max)
                throw new WtaFormatException($"{name}:{line}: {field} '{s}' is not an integer in [{min}, {max}]");
            return v;
        }
        double Real(string s, string field, double min, double max)
        {
            if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !(v >= min && v <= max))
                throw new WtaFormatException($"{name}:{line}: {field} '{s}' is not a number in [{min}, {max}]");
            return v;
        }

        var header = Next("the header `m n K`", 3);
        var m = Int(header[0], "m", 1, 100_000);
        var n = Int(header[1], "n", 1, 100_000);
        var assets = Int(header[2], "K", 1, 100_000);
        if ((long)m * n > 50_000_000) throw new WtaFormatException($"{name}:{line}: {m}x{n} is too large");
        var countFields = Next($"the {m} weapon counts", m);
        var counts = new int[m];
        for (var i = 0; i < m; i++) counts[i] = Int(countFields[i], $"count of weapon type {i}", 0, 1_000_000);
        var values = new double[assets];
        for (var k = 0; k < assets; k++) values[k] = Real(Next($"asset value W_{k}", 1)[0], $"asset value W_{k}", 0, double.MaxValue);
        var aimedAt = new int[n];
        var lethality = new double[n];
        for (var j = 0; j < n; j++)
        {
            var f = Next($"`asset lethality` of threat {j}", 2);
            aimedAt[j] = Int(f[0], $"asset of threat {j}", 0, assets - 1);
            lethality[j] = Real(f[1], $"lethality of threat {j}", 0, 1);
        }
        var kill = new double[m * n];
        var seen = new bool[m * n];
        for (var k = 0; k < m * n; k++)
        {
            var f = Next("`i j p_ij`", 3);
            var i = Int(f[0], "weapon index i", 0, m - 1);
            var j = Int(f[1], "threat index j", 0, n - 1);
            if (seen[i * n + j]) throw new WtaFormatException($"{name}:{line}: p[{i},{j}] is given twice");
            seen[i * n + j] = true;
            kill[i * n + j] = Real(f[2], $"p[{i},{j}]", 0, 1);
        }
        return new AssetWtaProblem(counts, values, aimedAt, lethality, kill);
    }
}
