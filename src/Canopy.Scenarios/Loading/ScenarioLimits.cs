namespace Canopy.Scenarios.Loading;

/// <summary>
/// The largest files and the most demanding nights the loader accepts: each bound keeps reading a file, and simulating
/// the night it describes, within bounded time and memory on a small machine (docs/scenarios.md, "Limits", gives the
/// measurements behind them). The physical range of each single quantity is checked where it is read.
/// </summary>
public static class ScenarioLimits
{
    /// <summary>Largest scenario file, bytes (16 MiB; the shipped record night is 23 kB).</summary>
    public const long MaxFileBytes = 16 << 20;

    /// <summary>Deepest nesting of lists and mappings (a scenario needs five).</summary>
    public const int MaxNesting = 64;

    /// <summary>Most values (scalars, lists, mappings) in a file, every alias counted as the node it stands for.</summary>
    public const long MaxNodes = 1_000_000;

    /// <summary>Most threats (all waves' counts) and aircraft in one night.</summary>
    public const int MaxThreatsPerNight = 5_000;

    /// <summary>Most sensors in one scenario.</summary>
    public const int MaxSensors = 256;

    /// <summary>Most effectors in one scenario.</summary>
    public const int MaxEffectors = 1_000;

    /// <summary>Most defended assets in one scenario.</summary>
    public const int MaxAssets = 1_000;

    /// <summary>Most points in a wave's targets or via list, or in an aircraft's route.</summary>
    public const int MaxRoutePoints = 1_000;

    /// <summary>Mean false plots in one radar scan.</summary>
    public const double MaxFalseAlarmsPerScan = 10_000;

    /// <summary>Mean false plots per second over all radars: the sum of false-alarms-per-scan / revisit.</summary>
    public const double MaxFalseAlarmsPerSecond = 10_000;

    /// <summary>Shortest radar revisit or acoustic report period, seconds.</summary>
    public const double MinScanPeriodSeconds = 0.1;

    /// <summary>Shortest simulation step, seconds.</summary>
    public const double MinTickSeconds = 0.01;

    /// <summary>Longest night, seconds (48 h).</summary>
    public const double MaxDurationSeconds = 48 * 3600;

    /// <summary>Most simulation steps in one night: max-duration / tick.</summary>
    public const double MaxSteps = 1_000_000;
}
