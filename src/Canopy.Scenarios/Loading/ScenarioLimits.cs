namespace Canopy.Scenarios.Loading;

/// <summary>
/// The largest files and the most demanding quantities the loader accepts: each bound keeps reading a file, and
/// simulating the night it describes, within bounded time and memory (docs/scenarios.md, "Limits", gives the figures
/// behind them).
/// </summary>
public static class ScenarioLimits
{
    /// <summary>Largest scenario file, bytes (16 MiB; the shipped record night is 23 kB).</summary>
    public const long MaxFileBytes = 16 << 20;

    /// <summary>Deepest nesting of lists and mappings (a scenario needs five).</summary>
    public const int MaxNesting = 64;

    /// <summary>Most values (scalars, lists, mappings) in a file, every alias counted as the node it stands for.</summary>
    public const long MaxNodes = 1_000_000;
}
