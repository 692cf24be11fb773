using System.Runtime.InteropServices;
using Canopy.Assignment;
using Canopy.Core.Defence;
using Canopy.Pipeline;
using Canopy.Simulation.Results;
using Canopy.Tracking;
using Canopy.World;
using Canopy.World.Raids;

namespace Canopy.Simulation.Running;

/// <summary>
/// Watches a run from outside (it alone sees both the truth and the pipeline) and keeps score: what happened to every
/// threat, what the defence spent, the time line. A confirmed track is credited to the nearest flying threat within
/// <see cref="TrackAssociationDistance"/> when it is confirmed.
/// </summary>
/// <remarks>
/// Expected damage is the pipeline's own belief: for each threat, the expected damage of its last assessment (what it
/// would do undefended), and that times the probability that every salvo fired at its tracks missed (after defence).
/// Interceptors saved by the impact-point rule: threats the rule excluded at their last assessment that one of the fire
/// units (with a full magazine) could have engaged while excluded, and that were never engaged; each is priced at the cheapest salvo that
/// could have engaged it. Such threats that went on to hit an asset are counted as hits the rule let through.
/// Aircraft are never threats, leakers or part of the expected damage: they are counted apart by identity (flown, tracked,
/// assessed as a threat at least once, engaged, destroyed). The classification confusion counts, over every threat and
/// aircraft the pipeline assessed, its true class against the class of its last assessment.
/// The expected value saved is the truth's counterpart, comparable with the clairvoyant bound: each threat's value at risk
/// (<see cref="SimulatedWorld.ValueAtRisk"/>) times the probability that one of the salvos fired at its tracks killed it,
/// with each salvo's kill probability against the threat's true class.
/// </remarks>
public sealed class RunRecorder
{
    public const double TrackAssociationDistance = 3000;

    private readonly string _scenario;
    private readonly int _seed;
    private readonly SimulatedWorld _world;
    private readonly IReadOnlyList<DefendedAsset> _assets;
    private readonly Dictionary<int, SimulatedThreat> _threatById;
    private readonly HashSet<int> _detected = [];
    private readonly HashSet<int> _tracked = [];
    private readonly HashSet<int> _engaged = [];
    private readonly Dictionary<int, int> _threatOfTrack = [];
    private readonly HashSet<int> _falseTracks = [];
    private readonly Dictionary<EffectorClass, (int Engagements, int Rounds, double Cost)> _spend = [];
    private readonly List<TimelineEvent> _events = [];

    private readonly HashSet<EffectorClass> _effectorClasses;

    /// <summary>Seconds between two checks of a track the impact-point rule excludes.</summary>
    private const double RuleCheckPeriod = 5;

    private readonly DefencePolicy _policy;
    private readonly LaunchWindowFinder _windows;
    private readonly FireUnitState[] _fullUnits;
    private readonly Dictionary<int, double> _lastExpectedDamage = [];
    private readonly Dictionary<int, double> _survival = [];
    private readonly Dictionary<int, double> _trueSurvival = [];
    private readonly Dictionary<int, double> _ruleSavedPrice = [];
    private readonly Dictionary<int, double> _ruleLastCheck = [];
    private readonly HashSet<int> _hitAnAsset = [];
    private readonly HashSet<int> _aircraftAssessed = [];
    private readonly Dictionary<int, ThreatClass> _lastAssessedClass = [];

    public RunRecorder(string scenario, int seed, SimulatedWorld world, DefenceLayout layout)
    {
        _effectorClasses = [.. layout.Effectors.Select(e => e.Class)];
        _scenario = scenario;
        _seed = seed;
        _world = world;
        _assets = layout.Assets;
        _policy = layout.Policy;
        _windows = new LaunchWindowFinder(layout);
        _fullUnits = [.. layout.Effectors.Select(e => new FireUnitState(e, layout.Frame.ToEnu(e.Position), e.Magazine, 0, new HashSet<int>()))
            .OrderBy(SalvoPrice)];
        _threatById = world.Threats.ToDictionary(t => t.Id);
    }

    /// <summary>The time line so far, in the order recorded (a look or a kill may be recorded after a later event).</summary>
    public IReadOnlyList<TimelineEvent> Events => _events;

    public void Record(IReadOnlyList<WorldEvent> worldEvents, IReadOnlyList<int> detections, PipelineStep step)
    {
        foreach (var e in worldEvents) RecordWorldEvent(e);
        foreach (var id in detections)
            if (_detected.Add(id)) Add(step.Time, TimelineEventKind.FirstDetection, _threatById[id], -1, null, "");
        // Tracks are large values: read in place when they come as a list.
        if (step.Tracks is List<Track> list)
        {
            foreach (ref readonly var track in CollectionsMarshal.AsSpan(list))
                if (track.Status == TrackStatus.Confirmed && !_threatOfTrack.ContainsKey(track.Id) && !_falseTracks.Contains(track.Id))
                    Associate(step.Time, in track);
        }
        else
        {
            foreach (var track in step.Tracks)
                if (track.Status == TrackStatus.Confirmed && !_threatOfTrack.ContainsKey(track.Id) && !_falseTracks.Contains(track.Id))
                    Associate(step.Time, in track);
        }
        foreach (var threat in step.Threats)
            RecordAssessment(step.Time, threat);
        foreach (var shot in step.Engagements.Shots)
        {
            var a = shot.Assignment;
            if (_threatOfTrack.TryGetValue(a.TrackId, out var shotAt))
            {
                _survival[shotAt] = _survival.GetValueOrDefault(shotAt, 1) * (1 - a.KillProbability);
                var truePk = a.Effector.KillProbabilityAgainst(_threatById[shotAt].Class).Value;
                _trueSurvival[shotAt] = _trueSurvival.GetValueOrDefault(shotAt, 1) * Math.Pow(1 - truePk, a.Rounds);
            }
            var c = a.Effector.Class;
            var s = _spend.GetValueOrDefault(c);
            _spend[c] = (s.Engagements + 1, s.Rounds + a.Rounds, s.Cost + a.Cost.Dollars);
            var threat = _threatOfTrack.TryGetValue(a.TrackId, out var tid) ? _threatById[tid] : null;
            if (threat is not null) _engaged.Add(threat.Id);
            Add(step.Time, TimelineEventKind.Engagement, threat, a.TrackId, a.Effector.Id,
                FormattableString.Invariant($"{a.Rounds} round(s), Pk {a.KillProbability:0.00}, intercept at {RunClock(a.InterceptTime)}"));
        }
        foreach (var look in step.Engagements.Looks)
        {
            var threat = _threatOfTrack.TryGetValue(look.TrackId, out var tid) ? _threatById[tid] : null;
            Add(look.Time, TimelineEventKind.Look, threat, look.TrackId, null, look.Result == Engagement.LookResult.TrackGone ? "track gone" : "track survived");
        }
    }

    private void RecordAssessment(double time, ThreatEvaluation.ThreatAssessment threat)
    {
        if (!_threatOfTrack.TryGetValue(threat.Track.Id, out var id))
            return;
        _lastAssessedClass[id] = threat.Class;
        if (_threatById[id].Aircraft is not null)
        {
            _aircraftAssessed.Add(id);
            return;
        }
        _lastExpectedDamage[id] = threat.ExpectedDamage;
        if (threat.ThreatensDefendedArea)
            _ruleSavedPrice.Remove(id);
        if (!_policy.EngageOnlyThreatsToDefendedAreas || threat.ThreatensDefendedArea || _ruleSavedPrice.ContainsKey(id)
            || time < _ruleLastCheck.GetValueOrDefault(id, double.NegativeInfinity) + RuleCheckPeriod)
            return;
        _ruleLastCheck[id] = time;
        // Units in order of their salvo's price (a full unit's window costs exactly that): the first with a window is the cheapest.
        var cheapest = double.PositiveInfinity;
        foreach (var unit in _fullUnits)
        {
            if (SalvoPrice(unit) >= cheapest) break;
            if (_windows.Find(time, threat, unit) is { } w)
                cheapest = Math.Min(cheapest, w.Cost);
        }
        if (cheapest < double.PositiveInfinity)
            _ruleSavedPrice[id] = cheapest;
    }

    /// <summary>The price of a salvo of a unit with a full magazine, as its launch window counts it.</summary>
    private static double SalvoPrice(FireUnitState unit) => unit.Spec.CostPerShot.Dollars * Math.Min(unit.Spec.SalvoSize, unit.RoundsLeft);

    private void Associate(double time, in Track track)
    {
        SimulatedThreat? best = null;
        var bestD2 = TrackAssociationDistance * TrackAssociationDistance;
        foreach (var t in _world.Threats)
        {
            if (!t.IsFlying) continue;
            var d2 = (t.Enu - track.Position).LengthSquared;
            if (d2 < bestD2)
            {
                bestD2 = d2;
                best = t;
            }
        }
        if (best is null)
        {
            _falseTracks.Add(track.Id);
            return;
        }
        _threatOfTrack[track.Id] = best.Id;
        if (_tracked.Add(best.Id)) Add(time, TimelineEventKind.TrackConfirmed, best, track.Id, null, "");
    }

    private void RecordWorldEvent(WorldEvent e)
    {
        var threat = e.ThreatId >= 0 ? _threatById[e.ThreatId] : null;
        var shot = e.Shot?.Assignment;
        switch (e.Kind)
        {
            case WorldEventKind.Launch:
                Add(e.Time, TimelineEventKind.Launch, threat, -1, null, threat!.Aircraft is { } flight
                    ? $"aircraft {flight.Name} ({IdentityName(flight.Identity)})"
                    : $"wave {threat.Wave}");
                break;
            case WorldEventKind.Kill:
                _engaged.Add(threat!.Id);
                Add(e.Time, TimelineEventKind.Kill, threat, shot!.TrackId, shot.Effector.Id, "");
                break;
            case WorldEventKind.Miss:
                if (threat is not null) _engaged.Add(threat.Id);
                Add(e.Time, TimelineEventKind.Miss, threat, shot!.TrackId, shot.Effector.Id, e.Detail ?? "");
                break;
            case WorldEventKind.Impact:
                if (e.Detail is not null) _hitAnAsset.Add(threat!.Id);
                Add(e.Time, TimelineEventKind.Impact, threat, -1, null, e.Detail is null ? "open ground" : $"hit {e.Detail}");
                break;
        }
    }

    private void Add(double time, TimelineEventKind kind, SimulatedThreat? threat, int trackId, string? effector, string detail) =>
        _events.Add(new TimelineEvent(time, kind, threat?.Id ?? -1, threat?.Class.ToString() ?? "", trackId, effector, detail));

    private static string IdentityName(Scenarios.Model.AircraftIdentity identity) => identity.ToString().ToLowerInvariant();

    private static string RunClock(double seconds) => TimeSpan.FromSeconds(Math.Round(seconds)).ToString(@"hh\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What became of the aircraft of each identity the scenario flies.</summary>
    private List<AircraftOutcome> AircraftOutcomes() =>
    [
        .. _world.Threats.Where(t => t.Aircraft is not null).GroupBy(t => t.Aircraft!.Identity).OrderBy(g => g.Key)
            .Select(g => new AircraftOutcome(IdentityName(g.Key), g.Count(t => t.State != ThreatState.Waiting),
                g.Count(t => _tracked.Contains(t.Id)), g.Count(t => _aircraftAssessed.Contains(t.Id)),
                g.Count(t => _engaged.Contains(t.Id)), g.Count(t => t.State == ThreatState.Destroyed))),
    ];

    public RunResult Result(double simulatedSeconds)
    {
        var threats = new List<ThreatClassOutcome>();
        foreach (var c in Enum.GetValues<ThreatClass>())
        {
            var of = _world.Threats.Where(t => t.Class == c && t.Aircraft is null).ToList();
            if (of.Count == 0) continue;
            threats.Add(new ThreatClassOutcome(c.ToString(), of.Count(t => t.State != ThreatState.Waiting),
                of.Count(t => _detected.Contains(t.Id)), of.Count(t => _tracked.Contains(t.Id)), of.Count(t => _engaged.Contains(t.Id)),
                of.Count(t => t.State == ThreatState.Destroyed), of.Count(t => t.State == ThreatState.Impacted),
                of.Sum(t => t.UnitCost)));
        }
        // Every effector class the scenario fields, used or not, so that every run of a scenario has the same figures.
        var interceptors = Enum.GetValues<EffectorClass>().Where(_effectorClasses.Contains).Select(c =>
        {
            var (engagements, rounds, cost) = _spend.GetValueOrDefault(c);
            return new EffectorUse(c.ToString(), engagements, rounds, cost);
        }).ToList();
        var defender = interceptors.Sum(i => i.Cost);
        var attacker = _world.Threats.Sum(t => t.UnitCost);
        var destroyed = _world.Threats.Where(t => t.State == ThreatState.Destroyed).Sum(t => t.UnitCost);
        var assets = _assets.Select(a => new AssetDamage(a.Name, a.Kind.ToString(), a.Value, _world.AssetHits[a.Name], _world.AssetDamage[a.Name])).ToList();
        var events = _events.OrderBy(e => e.Time).ThenBy(e => e.Kind).ThenBy(e => e.ThreatId).ToList();
        var expected = _lastExpectedDamage.OrderBy(p => p.Key).Sum(p => p.Value);
        var afterDefence = _lastExpectedDamage.OrderBy(p => p.Key).Sum(p => p.Value * _survival.GetValueOrDefault(p.Key, 1));
        var atRisk = _world.Threats.Select(t => (t.Id, Value: SimulatedWorld.ValueAtRisk(t, _assets))).ToList();
        var saved = _ruleSavedPrice.Where(p => !_engaged.Contains(p.Key)).OrderBy(p => p.Key).ToList();
        var rule = new ImpactRuleOutcome(saved.Count, saved.Sum(p => p.Value), saved.Count(p => _hitAnAsset.Contains(p.Key)));
        return new RunResult(_scenario, _seed, simulatedSeconds, threats, interceptors, defender, attacker, destroyed,
            destroyed > 0 ? defender / destroyed : 0, assets, assets.Sum(a => a.Damage), assets.Sum(a => a.Value),
            _falseTracks.Count, events)
        {
            ExpectedDamage = expected,
            ExpectedDamageAfterDefence = afterDefence,
            ValueAtRisk = atRisk.Sum(t => t.Value),
            ExpectedValueSaved = atRisk.Sum(t => t.Value * (1 - _trueSurvival.GetValueOrDefault(t.Id, 1))),
            ImpactRule = rule,
            Aircraft = AircraftOutcomes(),
            Classification = [.. _lastAssessedClass
                .GroupBy(p => (Truth: _threatById[p.Key].Class, Assessed: p.Value))
                .OrderBy(g => g.Key.Truth).ThenBy(g => g.Key.Assessed)
                .Select(g => new ClassificationCount(g.Key.Truth.ToString(), g.Key.Assessed.ToString(), g.Count()))],
        };
    }
}
