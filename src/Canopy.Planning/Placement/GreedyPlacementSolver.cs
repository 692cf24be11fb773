namespace Canopy.Planning.Placement;

/// <summary>
/// The baseline: one unit at a time, the kind and free site with the largest marginal gain, until no unit adds value.
/// A unit's gain is its magazine spent greedily on the corridors where a salvo saves most (value x kill probability),
/// against the threats the units placed before it leave alive. The value returned is that of those allocations, a
/// feasible solution of the model, so at most what <see cref="CbcPlacementSolver.Evaluate"/> gives the same placement.
/// </summary>
public sealed class GreedyPlacementSolver : IPlacementSolver
{
    public Placement Solve(PlacementProblem problem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var (kinds, sites, corridors) = (problem.Kinds.Count, problem.Sites.Count, problem.Corridors.Count);
        var kindAt = Enumerable.Repeat(-1, sites).ToArray();
        var alive = problem.Corridors.Select(c => c.Threats).ToArray();
        var placed = new int[kinds];
        var spent = 0.0;
        var total = 0.0;
        var blocked = new bool[sites];
        var neighbours = Enumerable.Range(0, sites).Select(_ => new List<int>()).ToArray();
        foreach (var (a, b) in problem.Conflicts)
        {
            neighbours[a].Add(b);
            neighbours[b].Add(a);
        }
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (bestGain, bestT, bestS) = (1e-12, -1, -1);
            for (var t = 0; t < kinds; t++)
            {
                if (problem.Kinds[t].Count is { } n && placed[t] >= n) continue;
                if (problem.Budget is { } budget && spent + problem.Kinds[t].UnitCost > budget + 1e-9) continue;
                for (var s = 0; s < sites; s++)
                {
                    if (blocked[s]) continue;
                    var gain = Allocate(problem, t, s, alive, commit: false);
                    if (gain > bestGain) (bestGain, bestT, bestS) = (gain, t, s);
                }
            }
            if (bestT < 0) break;
            total += Allocate(problem, bestT, bestS, alive, commit: true);
            kindAt[bestS] = bestT;
            placed[bestT]++;
            spent += problem.Kinds[bestT].UnitCost;
            blocked[bestS] = true;
            foreach (var other in neighbours[bestS]) blocked[other] = true;
        }
        return new Placement(kindAt, total, Proven: false);
    }

    /// <summary>The value a unit of kind t at site s saves against the threats still alive; with <paramref name="commit"/> its kills are taken off.</summary>
    private static double Allocate(PlacementProblem problem, int t, int s, double[] alive, bool commit)
    {
        var order = Enumerable.Range(0, problem.Corridors.Count)
            .Where(j => problem.Exposure[t, s, j] > 0 && problem.SalvoKill[t, j] > 0 && problem.Corridors[j].ValuePerThreat > 0)
            .OrderByDescending(j => problem.Corridors[j].ValuePerThreat * problem.SalvoKill[t, j])
            .ThenBy(j => j);
        double salvos = problem.Kinds[t].Salvos, gain = 0;
        foreach (var j in order)
        {
            if (salvos <= 0) break;
            var pk = problem.SalvoKill[t, j];
            var fired = Math.Min(salvos, Math.Min(problem.Exposure[t, s, j] * problem.Corridors[j].Threats, alive[j] / pk));
            if (fired <= 0) continue;
            salvos -= fired;
            gain += problem.Corridors[j].ValuePerThreat * pk * fired;
            if (commit) alive[j] -= pk * fired;
        }
        return gain;
    }
}
