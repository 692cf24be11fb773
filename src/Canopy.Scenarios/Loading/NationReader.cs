using System.Text.RegularExpressions;

namespace Canopy.Scenarios.Loading;

/// <summary>Reads the optional <c>nation</c> key of the scenario, an asset, a sensor or an effector: 2 or 3 capital letters (UA, PL, GBR).</summary>
internal static partial class NationReader
{
    public const string Key = "nation";

    /// <summary>The nation code, or null when the key is absent (or wrong: then the error is reported).</summary>
    public static string? Read(MappingReader r, ValueReader values)
    {
        if (r.Find(Key) is not { } node || values.Text(node, Key) is not { } code) return null;
        if (Code().IsMatch(code)) return code;
        values.Errors.Add(node, $"nation '{code}' is not a nation code: 2 or 3 capital letters A to Z (e.g. UA, PL)");
        return null;
    }

    [GeneratedRegex("^[A-Z]{2,3}$")]
    private static partial Regex Code();
}
