using System.Diagnostics;

namespace Canopy.Pipeline;

/// <summary>The stages of a simulated night whose time <see cref="StageTimes"/> adds up.</summary>
public enum Stage
{
    /// <summary>Threats and interceptors moved, launches, intercepts, impacts; shots handed to the world.</summary>
    World,

    /// <summary>Sensor models (radar, acoustic, position), IFF interrogators and ADS-B receivers.</summary>
    Sensors,

    Tracker,
    Evaluator,
    Assigner,
    Engagement,

    /// <summary>The run's score keeping (outside the pipeline: it alone sees the truth).</summary>
    Recorder,
}

/// <summary>
/// Wall time spent in each <see cref="Stage"/>, summed over the steps it is handed to (`canopy bench simulate`): two
/// <see cref="Stopwatch.GetTimestamp"/> reads per stage and step, nothing allocated. Optional: a pipeline or session
/// without one measures nothing.
/// </summary>
public sealed class StageTimes
{
    private readonly long[] _ticks = new long[Enum.GetValues<Stage>().Length];

    /// <summary>Adds the time from <paramref name="since"/> (a <see cref="Stopwatch.GetTimestamp"/>) to now to <paramref name="stage"/>; returns now.</summary>
    public long Lap(Stage stage, long since)
    {
        var now = Stopwatch.GetTimestamp();
        _ticks[(int)stage] += now - since;
        return now;
    }

    /// <summary>Time spent in <paramref name="stage"/> so far.</summary>
    public TimeSpan this[Stage stage] => Stopwatch.GetElapsedTime(0, _ticks[(int)stage]);

    /// <summary>Time spent in every stage so far.</summary>
    public TimeSpan Total => Stopwatch.GetElapsedTime(0, _ticks.Sum());

    /// <summary>Sets every stage back to zero.</summary>
    public void Clear() => Array.Clear(_ticks);
}
