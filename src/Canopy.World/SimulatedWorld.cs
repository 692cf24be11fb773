using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Engagement;
using Canopy.World.Raids;

namespace Canopy.World;

/// <summary>
/// The simulated world: threats and aircraft flying their paths, interceptors flying to their intercept points, kills and impacts.
/// An aircraft that reaches the end of its route leaves the world (no impact).
/// The defence pipeline never sees it; it sees only the plots the sensor models make of it.
/// </summary>
public sealed class SimulatedWorld
{
    /// <summary>
    /// The least distance from the point an interceptor is sent to within which it finds its threat. Guided interceptors
    /// (midcourse updates, seekers) correct more the longer they fly: the basket grows by <see cref="DivertPerMetreFlown"/>
    /// of the launcher-to-intercept distance.
    /// </summary>
    public const double AcquisitionBasket = 1500;

    public const double DivertPerMetreFlown = 0.1;

    private readonly LocalFrame _frame;
    private readonly IReadOnlyList<DefendedAsset> _assets;
    private readonly Random _killRng;
    private readonly List<SimulatedThreat> _threats;
    private readonly List<SimulatedThreat> _byLaunch;
    private readonly List<(ShotOrder Shot, SimulatedThreat? Target)> _inFlight = [];
    private readonly List<WorldEvent> _events = [];
    private int _nextLaunch;

    /// <param name="killRng">The source of every kill draw.</param>
    public SimulatedWorld(IReadOnlyList<SimulatedThreat> threats, IReadOnlyList<DefendedAsset> assets, LocalFrame frame, Random killRng)
    {
        _threats = [.. threats];
        _byLaunch = [.. threats.OrderBy(t => t.LaunchTime).ThenBy(t => t.Id)];
        _assets = assets;
        _frame = frame;
        _killRng = killRng;
        foreach (var a in assets)
        {
            AssetDamage[a.Name] = 0;
            AssetHits[a.Name] = 0;
        }
    }

    public IReadOnlyList<SimulatedThreat> Threats => _threats;
    public LocalFrame Frame => _frame;

    /// <summary>Damage so far to each asset, in its value units; never more than its value (hits compound: see <see cref="Impact"/>).</summary>
    public Dictionary<string, double> AssetDamage { get; } = new(StringComparer.Ordinal);

    /// <summary>Impacts so far inside each asset's footprint (decoys included).</summary>
    public Dictionary<string, int> AssetHits { get; } = new(StringComparer.Ordinal);

    /// <summary>True when every threat and aircraft has been launched and has been destroyed, hit the ground or left, and no interceptor is in the air.</summary>
    public bool Finished => _nextLaunch == _byLaunch.Count && _inFlight.Count == 0 && !_threats.Exists(t => t.IsFlying);

    /// <summary>
    /// Fires a salvo. It locks on now to the threat that will be nearest its intercept point at the intercept time (within
    /// the basket; none if no threat will be there) and the kill is drawn at the intercept time.
    /// </summary>
    public void Fire(ShotOrder shot)
    {
        var a = shot.Assignment;
        var launcher = _frame.ToEnu(a.Effector.Position);
        var basket = AcquisitionBasket + DivertPerMetreFlown * (a.InterceptPoint - launcher).Length;
        SimulatedThreat? target = null;
        var bestD2 = basket * basket;
        foreach (var t in _threats)
        {
            if (t.State is ThreatState.Destroyed or ThreatState.Impacted or ThreatState.Departed || t.LaunchTime > a.InterceptTime || t.ImpactTime < a.InterceptTime) continue;
            var d2 = (_frame.EcefToEnu(t.Path.At(a.InterceptTime - t.LaunchTime).Ecef) - a.InterceptPoint).LengthSquared;
            if (d2 <= bestD2)
            {
                bestD2 = d2;
                target = t;
            }
        }
        _inFlight.Add((shot, target));
    }

    /// <summary>Moves the world to <paramref name="time"/>: launches, intercepts, impacts. The events returned are valid until the next call.</summary>
    public IReadOnlyList<WorldEvent> AdvanceTo(double time)
    {
        _events.Clear();
        while (_nextLaunch < _byLaunch.Count && _byLaunch[_nextLaunch].LaunchTime <= time)
        {
            var t = _byLaunch[_nextLaunch++];
            t.State = ThreatState.Flying;
            _events.Add(new WorldEvent(t.LaunchTime, WorldEventKind.Launch, t.Id, null, null));
        }

        foreach (var t in _threats)
        {
            if (!t.IsFlying) continue;
            t.MoveTo(Math.Min(time, t.ImpactTime), _frame);
        }

        ResolveIntercepts(time);

        foreach (var t in _threats)
        {
            if (!t.IsFlying || t.ImpactTime > time) continue;
            if (t.Aircraft is null) Impact(t);
            else t.State = ThreatState.Departed;
        }
        return _events;
    }

    private void ResolveIntercepts(double time)
    {
        for (var i = 0; i < _inFlight.Count; i++)
        {
            var (shot, target) = _inFlight[i];
            if (shot.Assignment.InterceptTime > time) continue;
            _inFlight.RemoveAt(i--);
            if (target is null || !target.IsFlying)
            {
                _events.Add(new WorldEvent(time, WorldEventKind.Miss, target?.Id ?? -1, shot,
                    target is null ? "no threat near the intercept point" : "target already gone"));
                continue;
            }
            var pk = shot.Assignment.Effector.KillProbabilityAgainst(target.Class).Value;
            var salvoPk = 1 - Math.Pow(1 - pk, shot.Assignment.Rounds);
            if (_killRng.NextDouble() < salvoPk)
            {
                target.State = ThreatState.Destroyed;
                _events.Add(new WorldEvent(time, WorldEventKind.Kill, target.Id, shot, null));
            }
            else
            {
                _events.Add(new WorldEvent(time, WorldEventKind.Miss, target.Id, shot, "survived"));
            }
        }
    }

    /// <summary>
    /// Value (asset value units) a threat destroys if it gets through to an intact night: its lethality times the value
    /// of every asset whose footprint holds its aim point; 0 for aircraft and aim points in the open.
    /// </summary>
    public static double ValueAtRisk(SimulatedThreat t, IReadOnlyList<DefendedAsset> assets)
    {
        if (t.Aircraft is not null) return 0;
        var value = 0.0;
        foreach (var a in assets)
            if (Hits(t, a)) value += a.Value * t.Lethality;
        return value;
    }

    private static bool Hits(SimulatedThreat t, DefendedAsset a) => Geodesic.Inverse(a.Position, t.AimPoint).DistanceM <= a.Radius.Metres;

    private void Impact(SimulatedThreat t)
    {
        t.State = ThreatState.Impacted;
        var hits = new List<string>();
        foreach (var a in _assets)
        {
            if (!Hits(t, a)) continue;
            // Each hit destroys its lethality's share of what is left: n hits leave (1 - lethality)^n of the value.
            AssetDamage[a.Name] += (a.Value - AssetDamage[a.Name]) * t.Lethality;
            AssetHits[a.Name]++;
            hits.Add(a.Name);
        }
        _events.Add(new WorldEvent(t.ImpactTime, WorldEventKind.Impact, t.Id, null, hits.Count > 0 ? string.Join(", ", hits) : null));
    }
}

public enum WorldEventKind : byte { Launch, Kill, Miss, Impact }

/// <summary>Something that happened in the world. Impact detail names the assets hit; miss detail says why.</summary>
public sealed record WorldEvent(double Time, WorldEventKind Kind, int ThreatId, ShotOrder? Shot, string? Detail);
