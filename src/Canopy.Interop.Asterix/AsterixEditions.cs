using System.Globalization;
using Canopy.Interop.Asterix.Categories;
using Canopy.Interop.Asterix.Coding;

namespace Canopy.Interop.Asterix;

/// <summary>One edition of a category that Canopy reads and writes: its version and its UAP.</summary>
public sealed record AsterixEdition(byte Category, string Version, Uap Uap)
{
    /// <summary>As the command line writes it: "21=0.23".</summary>
    public override string ToString() => $"{Category}={Version}";
}

/// <summary>
/// The editions Canopy reads and writes per category, and a choice of one edition per category (by default the newest).
/// Older editions listed beside the newest have the same UAP and the same layout of every item Canopy types (checked field by
/// field against tshark's dissector of each edition); CAT021 0.23 has its own UAP and record (<see cref="Cat021V023Codec"/>).
/// A choice is written "CAT=EDITION" ("21=0.23"), one per category.
/// </summary>
public sealed class AsterixEditions
{
    private static readonly Dictionary<byte, IReadOnlyList<AsterixEdition>> Registry = new()
    {
        [Cat048Codec.Category] = Same(Cat048Codec.Uap, "1.30", "1.29", "1.28", "1.27"),
        [Cat034Codec.Category] = Same(Cat034Codec.Uap, "1.28", "1.27"),
        [Cat062Codec.Category] = Same(Cat062Codec.Uap, "1.18", "1.17"),
        [Cat021Codec.Category] = [.. Same(Cat021Codec.Uap, "2.5", "2.4"), new AsterixEdition(Cat021V023Codec.Category, Cat021V023Codec.Edition, Cat021V023Codec.Uap)],
    };

    private AsterixEditions(AsterixEdition cat048, AsterixEdition cat034, AsterixEdition cat062, AsterixEdition cat021)
    {
        Cat048 = cat048;
        Cat034 = cat034;
        Cat062 = cat062;
        Cat021 = cat021;
    }

    /// <summary>The newest edition of every category (the default).</summary>
    public static AsterixEditions Newest { get; } = new(Registry[48][0], Registry[34][0], Registry[62][0], Registry[21][0]);

    /// <summary>Every supported edition, per category, newest first.</summary>
    public static IReadOnlyDictionary<byte, IReadOnlyList<AsterixEdition>> Supported => Registry;

    /// <summary>The supported editions as a readable list: "CAT048 1.31 1.30 ...; CAT034 ...".</summary>
    public static string Listing => string.Join("; ", Registry.Select(kv => $"CAT{kv.Key:000} " + string.Join(' ', kv.Value.Select(e => e.Version))));

    public AsterixEdition Cat048 { get; }
    public AsterixEdition Cat034 { get; }
    public AsterixEdition Cat062 { get; }
    public AsterixEdition Cat021 { get; }

    /// <summary>Whether CAT021 is read and written in edition 0.23 (its own record type) rather than 2.x.</summary>
    public bool Cat021V023 => Cat021.Version == Cat021V023Codec.Edition;

    /// <summary>Newest editions changed by options "CAT=EDITION" (each a category once); a bad option fails naming the supported editions.</summary>
    public static AsterixEditions Parse(IEnumerable<string>? options)
    {
        var chosen = Newest;
        var seen = new HashSet<byte>();
        foreach (var option in options ?? [])
        {
            var edition = Find(option);
            if (!seen.Add(edition.Category)) throw new FormatException($"edition '{option}': CAT{edition.Category:000} given twice");
            chosen = chosen.With(edition);
        }
        return chosen;
    }

    /// <summary>The edition an option "CAT=EDITION" names, or a <see cref="FormatException"/> listing the supported ones.</summary>
    public static AsterixEdition Find(string option)
    {
        ArgumentNullException.ThrowIfNull(option);
        var parts = option.Split('=', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !byte.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var category))
            throw new FormatException($"edition '{option}': CAT=EDITION expected, for example 21=0.23 (supported: {Listing})");
        if (!Registry.TryGetValue(category, out var editions))
            throw new FormatException($"edition '{option}': category {category} not supported (supported: {Listing})");
        return editions.FirstOrDefault(e => e.Version == parts[1])
            ?? throw new FormatException($"edition '{option}': CAT{category:000} edition '{parts[1]}' not supported (supported: CAT{category:000} {string.Join(' ', editions.Select(e => e.Version))})");
    }

    /// <summary>This choice with one category's edition replaced.</summary>
    public AsterixEditions With(AsterixEdition edition)
    {
        ArgumentNullException.ThrowIfNull(edition);
        return edition.Category switch
        {
            Cat048Codec.Category => new(edition, Cat034, Cat062, Cat021),
            Cat034Codec.Category => new(Cat048, edition, Cat062, Cat021),
            Cat062Codec.Category => new(Cat048, Cat034, edition, Cat021),
            _ => new(Cat048, Cat034, Cat062, edition),
        };
    }

    /// <summary>The chosen edition of a category, or null when Canopy does not read it.</summary>
    public AsterixEdition? For(byte category) => category switch
    {
        Cat048Codec.Category => Cat048,
        Cat034Codec.Category => Cat034,
        Cat062Codec.Category => Cat062,
        Cat021Codec.Category => Cat021,
        _ => null,
    };

    /// <summary>"CAT048 1.31, CAT034 1.29, ...".</summary>
    public override string ToString() => $"CAT048 {Cat048.Version}, CAT034 {Cat034.Version}, CAT062 {Cat062.Version}, CAT021 {Cat021.Version}";

    private static AsterixEdition[] Same(Uap newest, params string[] older) =>
        [new AsterixEdition(newest.Category, newest.Edition, newest), .. older.Select(v => new AsterixEdition(newest.Category, v, newest.WithEdition(v)))];
}
