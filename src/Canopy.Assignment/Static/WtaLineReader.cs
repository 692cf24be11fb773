using System.Globalization;
using System.IO.Compression;

namespace Canopy.Assignment.Static;

/// <summary>
/// The line reader both WTA file formats share: whitespace-separated fields, blank lines and lines starting with
/// <c>#</c> skipped, and every error a <see cref="WtaFormatException"/> naming the file and line.
/// </summary>
internal sealed class WtaLineReader(TextReader reader, string name)
{
    private int _line;

    /// <summary>Opens a file (gzipped when its name ends in .gz) and reads it with <paramref name="read"/>.</summary>
    public static T ReadFile<T>(string path, Func<TextReader, string, T> read)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var text = new StreamReader(stream);
        try
        {
            return read(text, path);
        }
        catch (InvalidDataException e)
        {
            throw new WtaFormatException($"{path}: not a valid gzip file ({e.Message})");
        }
    }

    /// <summary>The fields of the next line that is not blank or a comment, which must number <paramref name="count"/>.</summary>
    public string[] Next(string what, int count)
    {
        string? text;
        do
        {
            text = reader.ReadLine();
            _line++;
            if (text is null) throw Error($"unexpected end of file, expected {what}");
        }
        while (string.IsNullOrWhiteSpace(text) || text.TrimStart().StartsWith('#'));
        var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != count) throw Error($"expected {what} ({count} fields), found {fields.Length} fields: '{text.Trim()}'");
        return fields;
    }

    public int Int(string s, string field, int min, int max) =>
        int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v
            : throw Error($"{field} '{s}' is not an integer in [{min}, {max}]");

    public double Real(string s, string field, double min, double max) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v
            : throw Error($"{field} '{s}' is not a number in [{min}, {max}]");

    /// <summary>Reads the m·n lines <c>i j p_ij</c> (0-based, each pair once) into a weapon-major matrix.</summary>
    public double[] KillProbabilities(int m, int n, string target)
    {
        if ((long)m * n > 50_000_000) throw Error($"{m}x{n} is too large");
        var kill = new double[m * n];
        var seen = new bool[m * n];
        for (var k = 0; k < m * n; k++)
        {
            var f = Next("`i j p_ij`", 3);
            var i = Int(f[0], "weapon index i", 0, m - 1);
            var j = Int(f[1], $"{target} index j", 0, n - 1);
            if (seen[i * n + j]) throw Error($"p[{i},{j}] is given twice");
            seen[i * n + j] = true;
            kill[i * n + j] = Real(f[2], $"p[{i},{j}]", 0, 1);
        }
        return kill;
    }

    private WtaFormatException Error(string message) => new($"{name}:{_line}: {message}");
}
