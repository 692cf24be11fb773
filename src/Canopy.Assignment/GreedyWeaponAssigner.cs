using Canopy.Core.Defence;
using Canopy.ThreatEvaluation;

namespace Canopy.Assignment;

/// <summary>
/// Greedy weapon-target assignment: threats in score order, each given to the free feasible fire unit with the least
/// cost per expected kill (salvo cost / salvo kill probability), so cheap guns and interceptor drones take drones and
/// expensive missiles are kept for missiles. A unit takes at most one threat per call; threats already engaged, and
/// (when the policy says so) threats to no defended area, are left alone.
/// </summary>
public sealed class GreedyWeaponAssigner(DefenceLayout layout) : IWeaponAssigner
{
    private readonly EngagementFeasibility _feasibility = new(layout.Frame);

    public IReadOnlyList<WeaponAssignment> Assign(double time, IReadOnlyList<ThreatAssessment> threats,
        IReadOnlyList<FireUnitState> fireUnits)
    {
        var engaged = fireUnits.SelectMany(u => u.Engaging).ToHashSet();
        var busy = new bool[fireUnits.Count];
        var assignments = new List<WeaponAssignment>();
        foreach (var threat in threats.OrderByDescending(t => t.Score))
        {
            if (engaged.Contains(threat.Track.Id)
                || (layout.Policy.EngageOnlyThreatsToDefendedAreas && !threat.ThreatensDefendedArea))
                continue;
            var (unit, best) = Cheapest(time, threat, fireUnits, busy);
            if (best is null)
                continue;
            busy[unit] = true;
            engaged.Add(threat.Track.Id);
            assignments.Add(best);
        }
        return assignments;
    }

    private (int Unit, WeaponAssignment? Assignment) Cheapest(double time, ThreatAssessment threat,
        IReadOnlyList<FireUnitState> fireUnits, bool[] busy)
    {
        (int Unit, WeaponAssignment? Assignment) best = (-1, null);
        for (var i = 0; i < fireUnits.Count; i++)
        {
            if (busy[i] || _feasibility.Evaluate(time, threat, fireUnits[i]) is not { } candidate)
                continue;
            if (best.Assignment is null || IsBetter(candidate, best.Assignment))
                best = (i, candidate);
        }
        return best;
    }

    /// <summary>Lower cost per expected kill wins; on a tie, the earlier intercept.</summary>
    private static bool IsBetter(WeaponAssignment a, WeaponAssignment b)
    {
        var costA = CostPerKill(a);
        var costB = CostPerKill(b);
        return costA < costB || (costA == costB && a.InterceptTime < b.InterceptTime);
    }

    private static double CostPerKill(WeaponAssignment a) => a.Cost.Dollars / a.KillProbability;
}
