using Canopy.Assignment.Static;
using Canopy.ThreatEvaluation;

namespace Canopy.Assignment.Horizon;

/// <summary>
/// The static weapon-target problem of one re-plan over the next minutes: the salvos (slots) each fire unit can still
/// launch within the horizon, a reload apart, and the threats with a window in it. Slot s of a unit launches no earlier
/// than its first launch plus s reloads, so it can take a threat only when that threat's window is still open then.
/// Maximise the expected value saved less the spend: Σ_threats value x (1 - Π_(slots on it) (1 - Pk)) - Σ_(used slots) price.
/// </summary>
/// <param name="Threats">The threats planned for, by index.</param>
/// <param name="Values">What a sure kill of each threat is worth, in dollars.</param>
/// <param name="Slots">The salvos within the horizon, by index.</param>
public sealed class HorizonProblem(IReadOnlyList<ThreatAssessment> threats, double[] values, IReadOnlyList<HorizonSlot> slots, double[] kill,
    IReadOnlyDictionary<(int Unit, int Threat), EngagementWindow> windows)
{
    /// <summary>The threats planned for, by index.</summary>
    public IReadOnlyList<ThreatAssessment> Threats { get; } = threats;

    /// <summary>What a sure kill of each threat is worth, in dollars.</summary>
    public IReadOnlyList<double> Values { get; } = values;

    /// <summary>The salvos within the horizon, by index.</summary>
    public IReadOnlyList<HorizonSlot> Slots { get; } = slots;

    /// <summary>Kill probability of slot <paramref name="slot"/>'s salvo against threat <paramref name="threat"/> (debris counted), 0 when it cannot take it.</summary>
    public double Kill(int slot, int threat) => kill[slot * Threats.Count + threat];

    /// <summary>The window of a unit against a threat (present for every pair some slot can take).</summary>
    public EngagementWindow Window(int unit, int threat) => windows[(unit, threat)];

    /// <summary>Expected value saved less spend of a plan giving each slot a threat (or -1: the slot stays unused).</summary>
    public double Net(IReadOnlyList<int> threatOfSlot)
    {
        ArgumentNullException.ThrowIfNull(threatOfSlot);
        var survival = new double[Threats.Count];
        Array.Fill(survival, 1.0);
        var net = 0.0;
        for (var s = 0; s < Slots.Count; s++)
        {
            if (threatOfSlot[s] is var j && j < 0) continue;
            survival[j] *= 1 - Kill(s, j);
            net -= Slots[s].Cost;
        }
        for (var j = 0; j < survival.Length; j++) net += Values[j] * (1 - survival[j]);
        return net;
    }

    /// <summary>
    /// Maximum marginal return on the net, a plan that takes no clock: repeatedly fire the free slot whose best threat
    /// gains the most (value x survival so far x Pk - price), while some gain is positive. Gains only fall as threats are
    /// shot, so a lazy priority queue over the slots keeps every choice exact.
    /// </summary>
    public int[] MarginalReturn()
    {
        var threatOf = new int[Slots.Count];
        Array.Fill(threatOf, -1);
        var survival = new double[Threats.Count];
        Array.Fill(survival, 1.0);
        double Best(int s, out int threat)
        {
            threat = -1;
            var best = 0.0;
            for (var j = 0; j < Threats.Count; j++)
            {
                var gain = Values[j] * survival[j] * Kill(s, j) - Slots[s].Cost;
                if (gain > best) (best, threat) = (gain, j);
            }
            return best;
        }
        var queue = new PriorityQueue<int, (double, int)>();
        for (var s = 0; s < Slots.Count; s++)
            if (Best(s, out _) is var gain && gain > 0) queue.Enqueue(s, (-gain, s));
        while (queue.TryDequeue(out var slot, out _))
        {
            var gain = Best(slot, out var threat);
            if (threat < 0) continue;
            if (queue.TryPeek(out _, out var next) && gain < -next.Item1)
            {
                queue.Enqueue(slot, (-gain, slot));
                continue;
            }
            threatOf[slot] = threat;
            survival[threat] *= 1 - Kill(slot, threat);
        }
        return threatOf;
    }

    /// <summary>
    /// The problem as an asset-based static WTA: one weapon per slot; each threat its own asset (its value, lethality 1);
    /// and for each slot a stand-in threat only that slot kills (with certainty), guarding an asset worth the slot's price.
    /// A slot left on its stand-in keeps its price; fired at a threat it spends it. So the surviving value is
    /// Σ value - (value saved - spend), and maximising it maximises the net.
    /// </summary>
    public AssetWtaProblem ToAssetProblem()
    {
        int m = Slots.Count, n = Threats.Count, all = n + m;
        var assets = new double[all];
        var aimed = new int[all];
        var lethality = new double[all];
        var p = new double[m * all];
        for (var j = 0; j < all; j++)
        {
            aimed[j] = j;
            lethality[j] = 1;
            assets[j] = j < n ? Values[j] : Slots[j - n].Cost;
        }
        for (var s = 0; s < m; s++)
        {
            for (var j = 0; j < n; j++) p[s * all + j] = Kill(s, j);
            p[s * all + n + s] = 1;
        }
        return new AssetWtaProblem(Enumerable.Repeat(1, m).ToArray(), assets, aimed, lethality, p);
    }

    /// <summary>The threat each slot fires at in an asset-problem plan (-1: kept).</summary>
    public int[] Decode(WtaPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var threatOf = new int[Slots.Count];
        Array.Fill(threatOf, -1);
        for (var s = 0; s < Slots.Count; s++)
            for (var j = 0; j < Threats.Count; j++)
                if (plan[s, j] > 0 && Kill(s, j) > 0) threatOf[s] = j;
        return threatOf;
    }
}

/// <summary>One salvo a fire unit can launch within the horizon.</summary>
/// <param name="Unit">Index of the unit among the fire units given to the assigner.</param>
/// <param name="Index">0 for the unit's next salvo, 1 for the one after, ...</param>
/// <param name="EarliestLaunch">No earlier than the unit's first launch plus <paramref name="Index"/> reloads.</param>
/// <param name="Cost">Price of the salvo, in dollars.</param>
public readonly record struct HorizonSlot(int Unit, int Index, double EarliestLaunch, double Cost);
