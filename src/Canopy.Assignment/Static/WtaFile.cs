namespace Canopy.Assignment.Static;

/// <summary>A malformed WTA instance file; the message names the file and line.</summary>
public sealed class WtaFormatException(string message) : Exception(message);

/// <summary>
/// Reads the instance format of Andersen, Pavlikov and Toffolo (2022), plain or gzipped: line 1 `m n mu`,
/// then n lines V_j, then m*n lines `i j p_ij` (0-based). Instances too large for the solvers
/// (<see cref="WtaProblem.MaxWeapons"/>), values whose sum overflows, and lines after the probabilities are refused
/// with the file and line.
/// </summary>
public static class WtaFile
{
    /// <summary>Reads an instance file (gzipped when its name ends in .gz).</summary>
    public static WtaProblem Read(string path) => WtaLineReader.ReadFile(path, Read);

    /// <summary>Reads an instance from text; <paramref name="name"/> is used in error messages.</summary>
    public static WtaProblem Read(TextReader reader, string name)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var r = new WtaLineReader(reader, name);
        var header = r.Next("the header `m n mu`", 3);
        var m = r.Int(header[0], "m", 1, 100_000);
        var n = r.Int(header[1], "n", 1, 100_000);
        var mu = r.Int(header[2], "mu", 0, 1_000_000);
        r.CheckSize(m, n, (long)m * mu, "m x mu");
        var values = new double[n];
        for (var j = 0; j < n; j++) values[j] = r.Value(r.Next($"value V_{j}", 1)[0], $"value V_{j}");
        return new WtaProblem(Enumerable.Repeat(mu, m).ToArray(), values, r.KillProbabilities(m, n, "target"));
    }
}
