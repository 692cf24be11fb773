namespace Canopy.Planning.Placement;

/// <summary>One kind of fire unit to place: how many there are, how many salvos a magazine holds, what one costs.</summary>
/// <param name="Count">Units of this kind available (null: limited only by the budget).</param>
/// <param name="Salvos">Salvos in one magazine (magazine / salvo size).</param>
/// <param name="UnitCost">Price of one unit, for a budget (0 when the plan has none).</param>
public sealed record UnitKind(string Name, int? Count, int Salvos, double UnitCost);

/// <summary>
/// One approach corridor: <paramref name="Threats"/> threats expected along it in a night, each destroying
/// <paramref name="ValuePerThreat"/> of asset value if it gets through.
/// </summary>
public sealed record Corridor(string Name, double Threats, double ValuePerThreat);

/// <summary>
/// The placement model in numbers, whatever geometry built it: unit kinds, candidate sites, corridors, and for every
/// kind, site and corridor the share of the corridor's threats a unit there can engage (<see cref="Exposure"/>) and its
/// salvo kill probability against them (<see cref="SalvoKill"/>).
/// </summary>
/// <remarks>
/// Model (a mixed-integer program, solved by <see cref="CbcPlacementSolver"/>): binary x[t,s] places a unit of kind t at
/// site s; continuous a[t,s,j] are the salvos it fires into corridor j; k[j] the expected kills there.
/// maximise Σ_j value_j k_j subject to k_j ≤ threats_j, k_j ≤ Σ_{t,s} pk[t,j] a[t,s,j] (layers add up),
/// a[t,s,j] ≤ exposure[t,s,j] threats_j x[t,s] (one salvo per threat that passes within reach),
/// Σ_j a[t,s,j] ≤ salvos_t x[t,s] (the magazine), at most one unit per site, no two units on sites closer than the
/// minimum distance (<see cref="Conflicts"/>), Σ_s x[t,s] ≤ count_t, and Σ cost_t x[t,s] ≤ budget.
/// </remarks>
public sealed record PlacementProblem(
    IReadOnlyList<UnitKind> Kinds,
    IReadOnlyList<string> Sites,
    IReadOnlyList<Corridor> Corridors,
    double[,,] Exposure,
    double[,] SalvoKill,
    IReadOnlyList<(int A, int B)> Conflicts,
    double? Budget)
{
    /// <summary>Value at risk: Σ threats x value per threat over the corridors.</summary>
    public double ValueAtRisk => Corridors.Sum(c => c.Threats * c.ValuePerThreat);

    /// <summary>Whether a placement (kind per site, -1 for none) keeps every count, conflict and the budget.</summary>
    public bool Feasible(IReadOnlyList<int> kindAtSite)
    {
        ArgumentNullException.ThrowIfNull(kindAtSite);
        for (var t = 0; t < Kinds.Count; t++)
            if (Kinds[t].Count is { } n && kindAtSite.Count(k => k == t) > n) return false;
        foreach (var (a, b) in Conflicts)
            if (kindAtSite[a] >= 0 && kindAtSite[b] >= 0) return false;
        if (Budget is { } budget && kindAtSite.Where(k => k >= 0).Sum(k => Kinds[k].UnitCost) > budget + 1e-9) return false;
        return true;
    }

    /// <summary>A unit of kind t at site s can do something there (engage some corridor).</summary>
    public bool Useful(int t, int s)
    {
        for (var j = 0; j < Corridors.Count; j++)
            if (Exposure[t, s, j] > 0 && SalvoKill[t, j] > 0 && Corridors[j].ValuePerThreat > 0) return true;
        return false;
    }
}

/// <summary>A placement: the kind at every site (-1 for none) and the expected value it protects in the model.</summary>
public sealed record Placement(IReadOnlyList<int> KindAtSite, double ProtectedValue, bool Proven);

/// <summary>Chooses sites for the units of a <see cref="PlacementProblem"/>.</summary>
public interface IPlacementSolver
{
    Placement Solve(PlacementProblem problem, CancellationToken cancellationToken = default);
}
