namespace Canopy.Assignment.Bound;

/// <summary>
/// A whole night's weapon assignment as an offline planner with perfect knowledge sees it: what each threat would destroy,
/// each fire unit's salvos and reload, and every (unit, threat) launch window with the salvo's kill probability and price.
/// </summary>
/// <param name="ThreatValues">Value each threat would destroy if it got through (value units), by threat index.</param>
/// <param name="Units">The fire units, by unit index.</param>
/// <param name="Opportunities">Every window in which a unit can launch a salvo that meets a threat before it strikes.</param>
public sealed record NightAssignmentProblem(
    IReadOnlyList<double> ThreatValues,
    IReadOnlyList<NightFireUnit> Units,
    IReadOnlyList<EngagementOpportunity> Opportunities)
{
    /// <summary>Most salvos opportunity <paramref name="k"/> can hold: one per reload time of its window, and no more than the magazine.</summary>
    public int Capacity(int k)
    {
        var o = Opportunities[k];
        var unit = Units[o.Unit];
        var byReload = unit.ReloadTime > 0 ? (int)Math.Floor((o.LatestLaunch - o.EarliestLaunch) / unit.ReloadTime + 1e-9) + 1 : unit.Salvos;
        return Math.Min(unit.Salvos, byReload);
    }

    /// <summary>Expected value saved by a plan (salvos per opportunity): Σ value x (1 - Π (1 - Pk)^salvos).</summary>
    public double ExpectedValueSaved(IReadOnlyList<int> salvos)
    {
        var survival = new double[ThreatValues.Count];
        Array.Fill(survival, 1.0);
        for (var k = 0; k < Opportunities.Count; k++)
            survival[Opportunities[k].Threat] *= Math.Pow(1 - Opportunities[k].KillProbability, salvos[k]);
        var saved = 0.0;
        for (var i = 0; i < survival.Length; i++) saved += ThreatValues[i] * (1 - survival[i]);
        return saved;
    }

    /// <summary>Price of a plan: Σ salvo cost x salvos.</summary>
    public double Spend(IReadOnlyList<int> salvos)
    {
        var spend = 0.0;
        for (var k = 0; k < Opportunities.Count; k++) spend += Opportunities[k].Cost * salvos[k];
        return spend;
    }

    /// <summary>
    /// Whether a plan keeps every unit's limits as the bound models them: its salvos within the magazine, and at most
    /// floor(length / reload) + 1 salvos launched from windows that all lie inside one window of the unit (they must launch
    /// inside it, a reload apart).
    /// </summary>
    public bool Respects(IReadOnlyList<int> salvos)
    {
        for (var k = 0; k < Opportunities.Count; k++)
            if (salvos[k] < 0 || salvos[k] > Capacity(k)) return false;
        for (var u = 0; u < Units.Count; u++)
        {
            var total = 0;
            for (var k = 0; k < Opportunities.Count; k++)
                if (Opportunities[k].Unit == u) total += salvos[k];
            if (total > Units[u].Salvos) return false;
        }
        foreach (var (unit, start, end, limit) in ReloadIntervals())
        {
            var inside = 0;
            for (var k = 0; k < Opportunities.Count; k++)
                if (Inside(k, unit, start, end)) inside += salvos[k];
            if (inside > limit) return false;
        }
        return true;
    }

    /// <summary>Whether opportunity <paramref name="k"/> is of <paramref name="unit"/> and its window lies in [start, end].</summary>
    internal bool Inside(int k, int unit, double start, double end) =>
        Opportunities[k].Unit == unit && Opportunities[k].EarliestLaunch >= start - 1e-9 && Opportunities[k].LatestLaunch <= end + 1e-9;

    /// <summary>
    /// The reload rows: for each window, the window itself and the window stretched by a minute, with the most salvos a
    /// unit can launch in it (floor(length / reload) + 1). Any interval gives a valid row; these catch the crowded ones.
    /// </summary>
    internal IEnumerable<(int Unit, double Start, double End, int Limit)> ReloadIntervals()
    {
        var seen = new HashSet<(int, double, double)>();
        foreach (var o in Opportunities)
        {
            var reload = Units[o.Unit].ReloadTime;
            if (reload <= 0) continue;
            foreach (var end in new[] { o.LatestLaunch, o.LatestLaunch + ReloadStretch })
                if (seen.Add((o.Unit, o.EarliestLaunch, end)))
                    yield return (o.Unit, o.EarliestLaunch, end, (int)Math.Floor((end - o.EarliestLaunch) / reload + 1e-9) + 1);
        }
    }

    /// <summary>Seconds by which each window is also stretched to make a second reload row.</summary>
    internal const double ReloadStretch = 60;
}

/// <summary>A fire unit of a <see cref="NightAssignmentProblem"/>.</summary>
/// <param name="Salvos">Salvos in its magazine (rounds / salvo size, rounded up).</param>
/// <param name="ReloadTime">Least seconds between two launches.</param>
public sealed record NightFireUnit(string Id, int Salvos, double ReloadTime);

/// <summary>One unit's launch window against one threat.</summary>
/// <param name="KillProbability">Kill probability of one salvo against the threat's true class.</param>
/// <param name="Cost">Price of one salvo.</param>
public readonly record struct EngagementOpportunity(int Unit, int Threat, double EarliestLaunch, double LatestLaunch,
    double KillProbability, double Cost);
