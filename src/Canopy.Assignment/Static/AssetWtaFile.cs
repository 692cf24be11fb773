namespace Canopy.Assignment.Static;

/// <summary>
/// Reads an asset-based WTA instance (docs/wta.md), plain or gzipped: line 1 `m n K` (weapon types, threats,
/// assets), then one line of m weapon counts, K lines of asset values W_k, n lines `k lethality` (the asset threat j
/// aims at and the probability it destroys it), then m*n lines `i j p_ij` (0-based). Blank lines and lines starting
/// with `#` are skipped. Errors, like those of <see cref="WtaFile"/>, name the file and line.
/// </summary>
public static class AssetWtaFile
{
    /// <summary>Reads an instance file (gzipped when its name ends in .gz).</summary>
    public static AssetWtaProblem Read(string path) => WtaLineReader.ReadFile(path, Read);

    /// <summary>Reads an instance from text; <paramref name="name"/> is used in error messages.</summary>
    public static AssetWtaProblem Read(TextReader reader, string name)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var r = new WtaLineReader(reader, name);
        var header = r.Next("the header `m n K`", 3);
        var m = r.Int(header[0], "m", 1, 100_000);
        var n = r.Int(header[1], "n", 1, 100_000);
        var assets = r.Int(header[2], "K", 1, 100_000);
        var countFields = r.Next($"the {m} weapon counts", m);
        var counts = new int[m];
        long weapons = 0;
        for (var i = 0; i < m; i++) weapons += counts[i] = r.Int(countFields[i], $"count of weapon type {i}", 0, 1_000_000);
        r.CheckSize(m, n, weapons, "the counts sum");
        var values = new double[assets];
        for (var k = 0; k < assets; k++) values[k] = r.Value(r.Next($"asset value W_{k}", 1)[0], $"asset value W_{k}");
        var aimedAt = new int[n];
        var lethality = new double[n];
        for (var j = 0; j < n; j++)
        {
            var f = r.Next($"`asset lethality` of threat {j}", 2);
            aimedAt[j] = r.Int(f[0], $"asset of threat {j}", 0, assets - 1);
            lethality[j] = r.Real(f[1], $"lethality of threat {j}", 0, 1);
        }
        return new AssetWtaProblem(counts, values, aimedAt, lethality, r.KillProbabilities(m, n, "threat"));
    }
}
