using System.Globalization;
using System.IO.Compression;

namespace Canopy.Assignment.Static;

/// <summary>A malformed WTA instance file; the message names the file and line.</summary>
public sealed class WtaFormatException(string message) : Exception(message);

/// <summary>
/// Reads the instance format of Andersen, Pavlikov and Toffolo (2022), plain or gzipped: line 1 `m n mu`,
/// then n lines V_j, then m*n lines `i j p_ij` (0-based).
/// </summary>
public static class WtaFile
{
    /// <summary>Reads an instance file (gzipped when its name ends in .gz).</summary>
    public static WtaProblem Read(string path)
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
    public static WtaProblem Read(TextReader reader, string name)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var line = 0;
        string Next(string what)
        {
            string? text;
            do
            {
                text = reader.ReadLine();
                line++;
                if (text is null) throw new WtaFormatException($"{name}:{line}: unexpected end of file, expected {what}");
            }
            while (string.IsNullOrWhiteSpace(text));
            return text;
        }
        string[] Fields(string text, int count, string what)
        {
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

        var header = Fields(Next("the header `m n mu`"), 3, "the header `m n mu`");
        var m = Int(header[0], "m", 1, 100_000);
        var n = Int(header[1], "n", 1, 100_000);
        var mu = Int(header[2], "mu", 0, 1_000_000);
        if ((long)m * n > 50_000_000) throw new WtaFormatException($"{name}:{line}: {m}x{n} is too large");
        var values = new double[n];
        for (var j = 0; j < n; j++) values[j] = Real(Fields(Next($"value V_{j}"), 1, $"value V_{j}")[0], $"value V_{j}", 0, double.MaxValue);
        var kill = new double[m * n];
        var seen = new bool[m * n];
        for (var k = 0; k < m * n; k++)
        {
            var f = Fields(Next("`i j p_ij`"), 3, "`i j p_ij`");
            var i = Int(f[0], "weapon index i", 0, m - 1);
            var j = Int(f[1], "target index j", 0, n - 1);
            if (seen[i * n + j]) throw new WtaFormatException($"{name}:{line}: p[{i},{j}] is given twice");
            seen[i * n + j] = true;
            kill[i * n + j] = Real(f[2], $"p[{i},{j}]", 0, 1);
        }
        return new WtaProblem(Enumerable.Repeat(mu, m).ToArray(), values, kill);
    }
}
