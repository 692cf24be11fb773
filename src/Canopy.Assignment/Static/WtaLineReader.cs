using System.Globalization;
using System.IO.Compression;

namespace Canopy.Assignment.Static;

/// <summary>
/// The line reader both WTA file formats share: whitespace-separated fields, blank lines and lines starting with
/// <c>#</c> skipped, and every error a <see cref="WtaFormatException"/> naming the file and line.
/// </summary>
internal sealed class WtaLineReader(TextReader reader, string name)
{
    /// <summary>Most kill probabilities (weapon types x targets) a file may hold: 400 MB as p and ln(1 - p).</summary>
    public const long MaxCells = 50_000_000;

    private int _line;
    private double _valueSum;

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
        var text = NextText() ?? throw Error($"unexpected end of file, expected {what}");
        var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != count) throw Error($"expected {what} ({count} fields), found {fields.Length} fields: '{text.Trim()}'");
        return fields;
    }

    /// <summary>
    /// Refuses, on the current line and before anything is allocated, an instance larger than the solvers take:
    /// more than <see cref="WtaProblem.MaxWeapons"/> weapons or <see cref="MaxCells"/> kill probabilities.
    /// </summary>
    public void CheckSize(int m, int n, long weapons, string weaponsText)
    {
        if (weapons > WtaProblem.MaxWeapons)
            throw Error($"{weaponsText} = {weapons.ToString(CultureInfo.InvariantCulture)} weapons; at most {WtaProblem.MaxWeapons.ToString(CultureInfo.InvariantCulture)} are supported");
        if ((long)m * n > MaxCells)
            throw Error($"{m.ToString(CultureInfo.InvariantCulture)} x {n.ToString(CultureInfo.InvariantCulture)} = {((long)m * n).ToString(CultureInfo.InvariantCulture)} kill probabilities; at most {MaxCells.ToString(CultureInfo.InvariantCulture)} are supported");
    }

    /// <summary>A target or asset value: finite, >= 0, and keeping the sum of all values finite (the objective is at most that sum).</summary>
    public double Value(string s, string field)
    {
        var v = Real(s, field, 0, double.MaxValue);
        _valueSum += v;
        if (double.IsInfinity(_valueSum)) throw Error($"{field} {s} makes the sum of the values overflow (the objective would be infinite)");
        return v;
    }

    public int Int(string s, string field, int min, int max) =>
        int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v
            : throw Error($"{field} '{s}' is not an integer in [{min}, {max}]");

    public double Real(string s, string field, double min, double max) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v
            : throw Error($"{field} '{s}' is not a number in [{min}, {max}]");

    /// <summary>
    /// Reads the m·n lines <c>i j p_ij</c> (0-based, each pair once) into a weapon-major matrix; anything but blank
    /// lines and comments after them is an error (a pair given again, even with another value, or stray text).
    /// </summary>
    public double[] KillProbabilities(int m, int n, string target)
    {
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
        if (NextText() is { } extra)
        {
            var f = extra.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length == 3 && int.TryParse(f[0], CultureInfo.InvariantCulture, out var i) && int.TryParse(f[1], CultureInfo.InvariantCulture, out var j) && i >= 0 && i < m && j >= 0 && j < n)
                throw Error($"p[{i},{j}] is given twice (all {m}x{n} kill probabilities were already read)");
            throw Error($"unexpected text after the {m}x{n} kill probabilities: '{extra.Trim()}'");
        }
        return kill;
    }

    /// <summary>The next line that is not blank or a comment, or null at the end of the file.</summary>
    private string? NextText()
    {
        while (reader.ReadLine() is { } text)
        {
            _line++;
            if (!string.IsNullOrWhiteSpace(text) && !text.TrimStart().StartsWith('#')) return text;
        }
        _line++;
        return null;
    }

    private WtaFormatException Error(string message) => new($"{name}:{_line}: {message}");
}
