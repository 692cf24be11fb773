using Canopy.Simulation.MonteCarlo;

namespace Canopy.Planning.Nights;

/// <summary>Means with 95 % Student-t intervals of every figure over a set of nights (a figure missing from a night counts 0).</summary>
public static class NightStatistics
{
    public static IReadOnlyDictionary<string, FigureStatistics> Summarise(IReadOnlyList<NightOutcome> nights)
    {
        ArgumentNullException.ThrowIfNull(nights);
        if (nights.Count == 0) return new Dictionary<string, FigureStatistics>();
        var ordered = nights.OrderBy(n => n.JobId, StringComparer.Ordinal).ToList();
        var names = ordered.SelectMany(n => n.Figures.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return names.ToDictionary(n => n, n => FigureStatistics.From(n, ordered.Select(o => o.Figures.GetValueOrDefault(n)).ToArray()), StringComparer.Ordinal);
    }

    /// <summary>Whether two intervals do not overlap.</summary>
    public static bool Apart(FigureStatistics a, FigureStatistics b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.High95 < b.Low95 || b.High95 < a.Low95;
    }
}
