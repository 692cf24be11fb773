using System.Globalization;

namespace Canopy.Tracking.Files;

/// <summary>
/// A small reader of the numeric CSV files Canopy shares with other trackers: a header naming the columns, then
/// comma-separated numbers in invariant culture (a point for the decimal separator); blank lines are skipped.
/// Every fault is reported as file:line with the column's name.
/// </summary>
internal sealed class CsvTable
{
    private readonly string _file;
    private readonly string[] _columns;
    private string[] _fields = [];

    private CsvTable(string file, string[] columns)
    {
        _file = file;
        _columns = columns;
    }

    /// <summary>The header the file has: one of <paramref name="headers"/>.</summary>
    public int Header { get; private set; }

    /// <summary>Line number (1-based) of the current row.</summary>
    public int Line { get; private set; }

    /// <summary>
    /// Reads <paramref name="path"/>, whose first line must be one of <paramref name="headers"/>, calling
    /// <paramref name="row"/> for each data row.
    /// </summary>
    public static void Read(string path, IReadOnlyList<string> headers, Action<CsvTable> row)
    {
        using var reader = Open(path);
        Read(reader, path, headers, row);
    }

    /// <summary>As <see cref="Read(string, IReadOnlyList{string}, Action{CsvTable})"/> on text already open; <paramref name="file"/> labels errors.</summary>
    public static void Read(TextReader reader, string file, IReadOnlyList<string> headers, Action<CsvTable> row)
    {
        var first = reader.ReadLine();
        var header = first is null ? -1 : IndexOf(headers, Normalise(first));
        if (header < 0)
        {
            var expected = string.Join(" or ", headers.Select(h => $"'{h}'"));
            throw new TrackingFileException(first is null
                ? $"{file}:1: the file is empty; expected the header {expected}"
                : $"{file}:1: header '{first.Trim()}' is not {expected}");
        }
        var table = new CsvTable(file, headers[header].Split(',')) { Header = header, Line = 1 };
        for (var text = reader.ReadLine(); text is not null; text = reader.ReadLine())
        {
            table.Line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            table._fields = text.Split(',');
            if (table._fields.Length != table._columns.Length)
                throw table.Error($"{table._fields.Length} values, expected {table._columns.Length} ({headers[header]})");
            row(table);
        }
    }

    /// <summary>The finite number in column <paramref name="column"/> of the current row.</summary>
    public double Number(int column)
    {
        var text = _fields[column].Trim();
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw Error($"column '{_columns[column]}': '{text}' is not a finite number");
        return value;
    }

    /// <summary>The integer in column <paramref name="column"/> of the current row.</summary>
    public int Integer(int column)
    {
        var text = _fields[column].Trim();
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            throw Error($"column '{_columns[column]}': '{text}' is not an integer");
        return value;
    }

    /// <summary>An error at the current row.</summary>
    public TrackingFileException Error(string message) => new($"{_file}:{Line}: {message}");

    /// <summary>Times to the microsecond.</summary>
    public const string Time = "0.######";

    /// <summary>Metres and metres per second to the millimetre.</summary>
    public const string Metres = "0.###";

    /// <summary>Radians to the nanoradian (0.2 mm at 200 km).</summary>
    public const string Radians = "0.#########";

    /// <summary>Formats a number in invariant culture with <paramref name="format"/> (one of the constants above).</summary>
    public static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>Writes a comma (unless <paramref name="first"/>) and <paramref name="value"/> formatted as <see cref="Format(double, string)"/>, without allocating.</summary>
    public static void Write(TextWriter writer, double value, string format, bool first = false)
    {
        Span<char> text = stackalloc char[64];
        if (!first) writer.Write(',');
        if (value.TryFormat(text, out var n, format, CultureInfo.InvariantCulture)) writer.Write(text[..n]);
        else writer.Write(Format(value, format));
    }

    /// <summary>Writes a comma and <paramref name="value"/>, without allocating.</summary>
    public static void Write(TextWriter writer, int value)
    {
        Span<char> text = stackalloc char[16];
        writer.Write(',');
        value.TryFormat(text, out var n, provider: CultureInfo.InvariantCulture);
        writer.Write(text[..n]);
    }

    private static StreamReader Open(string path)
    {
        try
        {
            return new StreamReader(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new TrackingFileException($"{path}: cannot read the file: {e.Message}", e);
        }
    }

    private static string Normalise(string header) => string.Join(',', header.Split(',').Select(c => c.Trim()));

    private static int IndexOf(IReadOnlyList<string> headers, string header)
    {
        for (var i = 0; i < headers.Count; i++)
        {
            if (string.Equals(headers[i], header, StringComparison.Ordinal)) return i;
        }
        return -1;
    }
}
