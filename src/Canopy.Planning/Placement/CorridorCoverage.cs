using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Scenarios.Model;

namespace Canopy.Planning.Placement;

/// <summary>
/// Builds the <see cref="PlacementProblem"/> of a plan: one corridor per raid family and aim point, and for every system
/// and site the share of the corridor's threats that pass within the unit's reach.
/// </summary>
/// <remarks>
/// A corridor runs from the launch centre through the waypoints to the aim point. Threats spread across it: uniformly
/// within ± the launch radius at the launch, ± the route spread at each waypoint, ± the aim error at the aim point,
/// linearly in between. A unit at lateral offset e from the corridor, with reach R, engages the share of threats whose
/// offset lies in [e - R, e + R]; the largest share over the corridor's legs counts. The reach is the engagement range
/// cut by the 4/3-earth radar horizon d = 4.12 (√h1 + √h2) km (heights in metres: the site's terrain plus the unit's
/// mast; the threat's altitude, averaged over its altitude band); a threat above the unit's ceiling is out of reach.
/// A ballistic corridor is reached only at its aim point (terminal defence). A unit does not count against a corridor
/// where a salvo's expected saving (value per threat x the policy's dollars per value unit x salvo kill probability) is
/// less than the salvo's price: the assigner would not fire it.
/// </remarks>
public static class CorridorCoverage
{
    /// <summary>Altitudes averaged over a threat's altitude band.</summary>
    private const int AltitudeSamples = 8;

    /// <summary>Radar horizon on a 4/3 earth, metres, for heights in metres.</summary>
    public static double HorizonM(double h1, double h2) => 4120 * (Math.Sqrt(Math.Max(0, h1)) + Math.Sqrt(Math.Max(0, h2)));

    /// <summary>The problem for the plan, with raids scaled by <paramref name="growth"/>, and its corridors' names.</summary>
    /// <param name="extraSites">More sites (e.g. a shipped scenario's unit positions) after the plan's, with no conflicts among them.</param>
    public static PlacementProblem Build(PlacementPlan plan, double growth = 1, IReadOnlyList<CandidateSite>? extraSites = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var frame = new LocalFrame(plan.Base.Region.Centre);
        var sites = plan.Sites.Concat(extraSites ?? []).ToList();
        var siteXy = sites.Select(s => Xy(frame, s.Position)).ToArray();
        var assets = plan.Base.Assets.ToDictionary(a => a.Name);
        var corridors = new List<Corridor>();
        var shapes = new List<(ThreatWave Wave, (double X, double Y, double Spread)[] Nodes)>();
        foreach (var wave in plan.Raids)
        {
            var weights = wave.Targets.Sum(t => t.Weight);
            foreach (var target in wave.Targets)
            {
                var value = target.Asset is { } a && assets.TryGetValue(a, out var asset) ? asset.Value * wave.Lethality : 0;
                var name = target.Asset is { } n ? $"{wave.Name}->{n}" : $"{wave.Name}->{target.Position}";
                corridors.Add(new Corridor(name, wave.Count * growth * target.Weight / weights, value));
                var nodes = new List<(double, double, double)>();
                var (lx, ly) = Xy(frame, wave.LaunchCentre);
                nodes.Add((lx, ly, wave.LaunchRadius.Metres));
                foreach (var via in wave.Via)
                {
                    var (vx, vy) = Xy(frame, via);
                    nodes.Add((vx, vy, wave.RouteSpread.Metres));
                }
                var (tx, ty) = Xy(frame, target.Position);
                nodes.Add((tx, ty, wave.AimError.Metres));
                shapes.Add((wave, [.. nodes]));
            }
        }
        var kinds = plan.Systems.Select(s => new UnitKind(s.Name, s.Count, s.Type.Magazine / s.Type.SalvoSize, s.UnitCost.Dollars)).ToList();
        var exposure = new double[kinds.Count, sites.Count, corridors.Count];
        var kill = new double[kinds.Count, corridors.Count];
        for (var t = 0; t < kinds.Count; t++)
        {
            var type = plan.Systems[t].Type;
            for (var j = 0; j < corridors.Count; j++)
            {
                var pk = type.KillProbabilityAgainst(shapes[j].Wave.Class).Value;
                kill[t, j] = 1 - Math.Pow(1 - pk, type.SalvoSize);
                // The assigner fires only when the value a salvo saves, at the policy's rate, exceeds its price.
                if (corridors[j].ValuePerThreat * plan.Base.Policy.DollarsPerValueUnit * kill[t, j] < type.CostPerShot.Dollars * type.SalvoSize) kill[t, j] = 0;
                if (kill[t, j] <= 0) continue;
                for (var s = 0; s < sites.Count; s++)
                    exposure[t, s, j] = Share(shapes[j].Wave, shapes[j].Nodes, siteXy[s], sites[s].Position.HeightM + plan.Systems[t].MastHeight.Metres, type);
            }
        }
        var conflicts = new List<(int, int)>();
        for (var a = 0; a < plan.Sites.Count; a++)
            for (var b = a + 1; b < plan.Sites.Count; b++)
                if (Distance(siteXy[a], siteXy[b]) < plan.MinDistance.Metres) conflicts.Add((a, b));
        return new PlacementProblem(kinds, [.. sites.Select(s => s.Name)], corridors, exposure, kill, conflicts, plan.Budget?.Dollars);
    }

    /// <summary>The share of a corridor's threats a unit of <paramref name="type"/> at <paramref name="site"/> can engage.</summary>
    internal static double Share(ThreatWave wave, (double X, double Y, double Spread)[] nodes, (double X, double Y) site, double siteHeight, EffectorSpec type)
    {
        var range = type.MaxRange.Metres;
        if (wave.Class == ThreatClass.Ballistic)
            return Distance(site, (nodes[^1].X, nodes[^1].Y)) <= range ? 1 : 0;
        var (low, high) = (Math.Max(1, wave.Altitude.Metres - wave.AltitudeSpread.Metres), wave.Altitude.Metres + wave.AltitudeSpread.Metres);
        var sum = 0.0;
        for (var i = 0; i < AltitudeSamples; i++)
        {
            var h = low + (high - low) * (i + 0.5) / AltitudeSamples;
            if (h > type.MaxAltitude.Metres) continue;
            var reach = Math.Min(range, HorizonM(siteHeight, h));
            var best = 0.0;
            for (var k = 0; k + 1 < nodes.Length; k++)
                best = Math.Max(best, LegShare(nodes[k], nodes[k + 1], site, reach));
            sum += best;
        }
        return sum / AltitudeSamples;
    }

    /// <summary>The share of threats on one leg passing within <paramref name="reach"/> of the site, at the leg's closest point.</summary>
    private static double LegShare((double X, double Y, double Spread) a, (double X, double Y, double Spread) b, (double X, double Y) site, double reach)
    {
        var (dx, dy) = (b.X - a.X, b.Y - a.Y);
        var length2 = dx * dx + dy * dy;
        var u = length2 > 0 ? Math.Clamp(((site.X - a.X) * dx + (site.Y - a.Y) * dy) / length2, 0, 1) : 0;
        var (px, py) = (a.X + u * dx, a.Y + u * dy);
        var offset = Distance(site, (px, py));
        var spread = a.Spread + u * (b.Spread - a.Spread);
        return Overlap(offset, reach, spread);
    }

    /// <summary>Length of [e - r, e + r] ∩ [-σ, σ] over 2σ (for σ near 0: whether e ≤ r).</summary>
    internal static double Overlap(double offset, double reach, double spread)
    {
        if (spread < 1) return offset <= reach ? 1 : 0;
        var low = Math.Max(offset - reach, -spread);
        var high = Math.Min(offset + reach, spread);
        return Math.Clamp((high - low) / (2 * spread), 0, 1);
    }

    private static (double X, double Y) Xy(LocalFrame frame, Geodetic p)
    {
        var e = frame.ToEnu(p.WithHeight(0));
        return (e.X, e.Y);
    }

    private static double Distance((double X, double Y) a, (double X, double Y) b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));
}
