using System.Globalization;
using Canopy.Assignment;
using Canopy.Server.Decisions;
using Canopy.Server.Replay;
using Canopy.Server.Store;
using Canopy.ThreatEvaluation;

namespace Canopy.Server.Approval;

/// <summary>What became of an operator's decision: the decision recorded, or why it was refused (nothing changed).</summary>
public sealed record DecisionOutcome(Decision? Decision, string? Refusal)
{
    public static DecisionOutcome Refused(string reason) => new(null, reason);
}

/// <summary>
/// Puts an operator between the assigner and the fire units without touching the pipeline: it decorates the real
/// <see cref="IWeaponAssigner"/>, holds its proposals as pending <see cref="Recommendation"/>s and passes to the
/// engagement stage only those released by the mode (approved by the operator, past the semi-automatic delay, or
/// automatic). Each step:
/// <list type="bullet">
/// <item>A pending pairing (fire unit on track) is kept while it is still feasible and worth its price, asked of the
/// assigner for that unit and track alone (hysteresis: a track does not flip between units from one step to the next);
/// the other threats and units go to the assigner together.</item>
/// <item>A vetoed pairing is never proposed again; the assigner is asked for another unit for that track at once.</item>
/// <item>A held track is not offered to the assigner at all until released.</item>
/// </list>
/// A pending recommendation the assigner stops proposing (out of reach, unit busy, replaced) is dropped, and the reason
/// is kept for an operator who then approves it. An approval is refused, with the reason, when the recommendation is
/// no longer pending (replaced, dropped, decided) or its intercept is no longer feasible (track gone, intercept after the
/// predicted impact or already past, not enough rounds); an approval naming an older version of figures of the same
/// pairing is accepted and records both versions. Every decision goes to the decision log first, and fails closed: a
/// decision the log cannot take changes nothing (it throws <see cref="RecordStoreException"/>, a release by the system
/// is not made and waits for the next step), and <see cref="RecordProblem"/> says why until a record is written again.
/// Not thread-safe: the caller serialises calls with the pipeline's steps.
/// </summary>
public sealed class OperatorApprovalAssigner(
    IWeaponAssigner inner, IDecisionLog log, string runId, TimeProvider clock) : IWeaponAssigner
{
    /// <summary>Everything released to the fire units so far, for after-action replay.</summary>
    public ReleaseLog Released { get; } = new();

    /// <summary>Operator name recorded for releases made by the system.</summary>
    public const string SystemOperator = "system";

    private readonly Dictionary<(string Effector, int Track), Recommendation> _pending = [];
    private readonly Dictionary<int, TrackHold> _holds = [];
    private readonly HashSet<(string Effector, int Track)> _vetoed = [];
    private readonly Dictionary<int, string> _gone = [];
    private readonly Dictionary<int, ThreatAssessment> _threats = [];
    private readonly Dictionary<string, FireUnitState> _units = new(StringComparer.Ordinal);
    private int _nextId = 1;
    private double _time;
    private double _semiSince;
    private ApprovalMode _mode = ApprovalMode.Manual;

    /// <summary>The approval mode; a change to semi-automatic starts every pending recommendation's delay afresh.</summary>
    public ApprovalMode Mode
    {
        get => _mode;
        set
        {
            if (value == ApprovalMode.SemiAutomatic && _mode != value) _semiSince = _time;
            _mode = value;
        }
    }

    /// <summary>Simulated seconds a recommendation waits in semi-automatic mode before it fires on its own.</summary>
    public double SemiAutomaticDelay { get; set; } = 30;

    /// <summary>Recommendations waiting for a decision, oldest first.</summary>
    public IReadOnlyList<Recommendation> Pending => [.. _pending.Values.OrderBy(r => r.Id)];

    /// <summary>Why the last decision could not be recorded (so it changed nothing), or null while records are written.</summary>
    public string? RecordProblem { get; private set; }

    /// <summary>Tracks the operator holds fire on, by track id.</summary>
    public IReadOnlyDictionary<int, TrackHold> Holds => _holds;

    /// <summary>The simulated time of the last step.</summary>
    public double Time => _time;

    /// <summary>The threat assessment of a track at the last step, if it was a threat.</summary>
    public ThreatAssessment? ThreatOf(int trackId) => _threats.GetValueOrDefault(trackId);

    /// <summary>When a pending recommendation fires on its own in semi-automatic mode; null in other modes.</summary>
    public double? ReleaseAt(Recommendation rec) =>
        Mode == ApprovalMode.SemiAutomatic ? Math.Max(rec.ProposedAt, _semiSince) + SemiAutomaticDelay : null;

    public IReadOnlyList<WeaponAssignment> Assign(double time, IReadOnlyList<ThreatAssessment> threats, IReadOnlyList<FireUnitState> fireUnits)
    {
        _time = time;
        _threats.Clear();
        foreach (var t in threats) _threats[t.Track.Id] = t;
        _units.Clear();
        foreach (var u in fireUnits) _units[u.Spec.Id] = u;
        var proposals = Propose(time, [.. threats.Where(t => !_holds.ContainsKey(t.Track.Id))], fireUnits);

        var released = new List<WeaponAssignment>();
        var proposed = new Dictionary<(string Effector, int Track), Recommendation>();
        foreach (var a in proposals)
        {
            var key = (a.Effector.Id, a.TrackId);
            var rec = _pending.TryGetValue(key, out var known)
                ? known with { Assignment = a, Version = Recommendation.FiguresDiffer(known.Assignment, a) ? known.Version + 1 : known.Version }
                : new Recommendation(_nextId++, a, time, false, 1, Mode == ApprovalMode.Automatic ? "" : Why(time, a, fireUnits));
            proposed[key] = rec;
        }
        foreach (var (key, rec) in _pending)
            if (!proposed.ContainsKey(key)) _gone[rec.Id] = Dropped(rec, proposed.Values);
        _pending.Clear();
        foreach (var (key, rec) in proposed)
        {
            if (Release(rec, time))
            {
                _gone[rec.Id] = $"recommendation {rec.Id} was released to {rec.Assignment.Effector.Id} at {time:0} s";
                released.Add(rec.Assignment);
            }
            else _pending[key] = rec;
        }
        Released.Add(time, released);
        return released;
    }

    /// <summary>
    /// The assigner's proposals with the pending pairings kept while feasible and vetoed pairings replaced by another unit
    /// where one can engage.
    /// </summary>
    private List<WeaponAssignment> Propose(double time, List<ThreatAssessment> offered, IReadOnlyList<FireUnitState> fireUnits)
    {
        var engaged = new HashSet<int>();
        foreach (var u in fireUnits) engaged.UnionWith(u.Engaging);
        var usedUnits = new HashSet<string>(StringComparer.Ordinal);
        var usedTracks = new HashSet<int>();
        var kept = new List<WeaponAssignment>();
        var byTrack = offered.ToDictionary(t => t.Track.Id);
        foreach (var rec in _pending.Values.OrderBy(r => r.Id))
        {
            var (unitId, trackId) = (rec.Assignment.Effector.Id, rec.Assignment.TrackId);
            if (usedUnits.Contains(unitId) || usedTracks.Contains(trackId) || engaged.Contains(trackId)
                || !byTrack.TryGetValue(trackId, out var threat) || !_units.TryGetValue(unitId, out var unit))
                continue;
            if (inner.Assign(time, [threat], [unit]).FirstOrDefault(a => a.TrackId == trackId && a.Effector.Id == unitId) is not { } again) continue;
            kept.Add(again);
            usedUnits.Add(unitId);
            usedTracks.Add(trackId);
        }
        var rest = inner.Assign(time, [.. offered.Where(t => !usedTracks.Contains(t.Track.Id))],
            [.. fireUnits.Where(u => !usedUnits.Contains(u.Spec.Id))]);
        var refused = new List<int>();
        foreach (var a in rest)
        {
            if (_vetoed.Contains((a.Effector.Id, a.TrackId))) refused.Add(a.TrackId);
            else
            {
                kept.Add(a);
                usedUnits.Add(a.Effector.Id);
            }
        }
        foreach (var trackId in refused)
        {
            var units = fireUnits.Where(u => !usedUnits.Contains(u.Spec.Id) && !_vetoed.Contains((u.Spec.Id, trackId))).ToList();
            if (units.Count == 0) continue;
            if (inner.Assign(time, [byTrack[trackId]], units).FirstOrDefault(a => a.TrackId == trackId) is not { } other) continue;
            kept.Add(other);
            usedUnits.Add(other.Effector.Id);
        }
        return kept;
    }

    /// <summary>Why this unit: its figures, and the best other unit for the track (asked of the assigner without this one).</summary>
    private string Why(double time, WeaponAssignment a, IReadOnlyList<FireUnitState> fireUnits)
    {
        var chosen = string.Create(CultureInfo.InvariantCulture,
            $"best marginal return of the assigner: {a.Rounds} rd, Pk {a.KillProbability:0.00} for ${a.Cost.Dollars:N0}");
        if (!_threats.TryGetValue(a.TrackId, out var threat)) return chosen;
        var others = fireUnits.Where(u => u.Spec.Id != a.Effector.Id && !_vetoed.Contains((u.Spec.Id, a.TrackId))).ToList();
        var alternative = others.Count == 0 ? null : inner.Assign(time, [threat], others).FirstOrDefault(x => x.TrackId == a.TrackId);
        return alternative is null
            ? chosen + "; no other unit has a worthwhile intercept now"
            : chosen + string.Create(CultureInfo.InvariantCulture,
                $"; alternative {alternative.Effector.Id}: {alternative.Rounds} rd, Pk {alternative.KillProbability:0.00} for ${alternative.Cost.Dollars:N0}");
    }

    /// <summary>Why a pending recommendation is no longer proposed, in words for an operator who then approves it.</summary>
    private static string Dropped(Recommendation rec, IEnumerable<Recommendation> proposed)
    {
        var (unit, track) = (rec.Assignment.Effector.Id, rec.Assignment.TrackId);
        var list = proposed.ToList();
        return list.FirstOrDefault(r => r.Assignment.TrackId == track) is { } other
            ? $"recommendation {rec.Id} ({unit} on track {track}) was replaced by recommendation {other.Id} ({other.Assignment.Effector.Id} on track {track})"
            : list.FirstOrDefault(r => r.Assignment.Effector.Id == unit) is { } moved
                ? $"recommendation {rec.Id} ({unit} on track {track}) was replaced by recommendation {moved.Id} ({unit} on track {moved.Assignment.TrackId})"
                : $"recommendation {rec.Id} ({unit} on track {track}) is no longer proposed: no worthwhile intercept now (out of reach, busy, track gone or engaged)";
    }

    private bool Release(Recommendation rec, double time)
    {
        if (rec.Approved) return true;
        if (Mode == ApprovalMode.Automatic || (ReleaseAt(rec) is { } at && time >= at))
        {
            try
            {
                Record(rec, DecisionKind.Auto, SystemOperator, null, null);
                return true;
            }
            catch (RecordStoreException)
            {
                return false; // no record, no shot: it stays pending, and the next step tries again
            }
        }
        return false;
    }

    /// <summary>
    /// Approves a pending recommendation as the operator saw it (<paramref name="seenVersion"/>; null: none named): it fires
    /// at the next step if its pairing is still feasible then.
    /// </summary>
    /// <returns>The decision, or why it was refused (nothing approved).</returns>
    /// <exception cref="RecordStoreException">The decision could not be recorded: nothing was approved.</exception>
    public DecisionOutcome Approve(int recommendationId, int? seenVersion, string operatorName)
    {
        if (Find(recommendationId, seenVersion) is { } refusal) return refusal;
        var rec = _pending.Values.First(r => r.Id == recommendationId);
        if (Infeasible(rec) is { } why) return DecisionOutcome.Refused($"recommendation {rec.Id} ({rec.Assignment.Effector.Id} on track {rec.Assignment.TrackId}): {why}");
        var decision = Record(rec, DecisionKind.Approve, operatorName, seenVersion, Stale(rec, seenVersion));
        _pending[(rec.Assignment.Effector.Id, rec.Assignment.TrackId)] = rec with { Approved = true };
        return new(decision, null);
    }

    /// <summary>Vetoes a pending recommendation: that fire unit is never proposed against that track again; another unit may be.</summary>
    /// <returns>The decision, or why it was refused (nothing vetoed).</returns>
    /// <exception cref="RecordStoreException">The decision could not be recorded: nothing was vetoed.</exception>
    public DecisionOutcome Veto(int recommendationId, int? seenVersion, string operatorName)
    {
        if (Find(recommendationId, seenVersion) is { } refusal) return refusal;
        var rec = _pending.Values.First(r => r.Id == recommendationId);
        var decision = Record(rec, DecisionKind.Veto, operatorName, seenVersion, Stale(rec, seenVersion));
        var key = (rec.Assignment.Effector.Id, rec.Assignment.TrackId);
        _vetoed.Add(key);
        _pending.Remove(key);
        _gone[rec.Id] = $"recommendation {rec.Id} was vetoed by {operatorName}";
        return new(decision, null);
    }

    /// <summary>Holds fire on a track: its pending recommendations are dropped and none is made until it is released.</summary>
    /// <exception cref="RecordStoreException">The hold could not be recorded: nothing changed.</exception>
    public DecisionOutcome Hold(int trackId, string operatorName)
    {
        if (_holds.TryGetValue(trackId, out var held))
            return DecisionOutcome.Refused($"track {trackId} is already held (by {held.Operator} at {held.SimulatedTime:0} s)");
        if (!_threats.ContainsKey(trackId) && !_pending.Keys.Any(k => k.Track == trackId))
            return DecisionOutcome.Refused($"track {trackId} is not a threat in the picture now");
        var decision = RecordTrack(DecisionKind.Hold, trackId, operatorName);
        _holds[trackId] = new TrackHold(trackId, operatorName, _time, decision.DecidedAt);
        foreach (var (key, rec) in _pending.Where(p => p.Key.Track == trackId).ToList())
        {
            _pending.Remove(key);
            _gone[rec.Id] = $"recommendation {rec.Id}: fire on track {trackId} is held by {operatorName}";
        }
        return new(decision, null);
    }

    /// <summary>Releases a hold: the track is offered to the assigner again from the next step.</summary>
    /// <exception cref="RecordStoreException">The release could not be recorded: the track stays held.</exception>
    public DecisionOutcome Release(int trackId, string operatorName)
    {
        if (!_holds.ContainsKey(trackId)) return DecisionOutcome.Refused($"track {trackId} is not held");
        var decision = RecordTrack(DecisionKind.Release, trackId, operatorName);
        _holds.Remove(trackId);
        return new(decision, null);
    }

    /// <summary>Records a change of mode by <paramref name="operatorName"/> (before -> after in the detail); the caller changes it after.</summary>
    /// <exception cref="RecordStoreException">The change could not be recorded: the caller must not change the mode.</exception>
    public Decision RecordMode(string detail, string operatorName) => Add(new Decision(runId, 0, DecisionKind.Mode, operatorName, _time,
        clock.GetUtcNow(), "", -1, 0, 0, 0, 0, null, null, detail), $"the mode change ({detail})");

    /// <summary>Null when the recommendation is pending and undecided (and the version named was shown), else the refusal.</summary>
    private DecisionOutcome? Find(int id, int? seenVersion)
    {
        var rec = _pending.Values.FirstOrDefault(r => r.Id == id);
        if (rec is null)
            return DecisionOutcome.Refused(_gone.TryGetValue(id, out var why) ? why : $"recommendation {id} was never made");
        if (rec.Approved) return DecisionOutcome.Refused($"recommendation {id} is already approved");
        if (seenVersion is { } v && (v < 1 || v > rec.Version))
            return DecisionOutcome.Refused($"recommendation {id} has no version {v} (its latest is {rec.Version})");
        return null;
    }

    /// <summary>Why the intercept recommended is no longer feasible at the last step's picture, or null.</summary>
    private string? Infeasible(Recommendation rec)
    {
        var a = rec.Assignment;
        if (!_threats.TryGetValue(a.TrackId, out var threat)) return $"track {a.TrackId} is no longer a threat in the picture";
        if (_units.TryGetValue(a.Effector.Id, out var unit) && unit.RoundsLeft < a.Rounds)
            return $"{a.Effector.Id} has {unit.RoundsLeft} rounds left; the salvo needs {a.Rounds}";
        if (a.InterceptTime <= _time) return string.Create(CultureInfo.InvariantCulture, $"its intercept time {a.InterceptTime:0} s has passed");
        var impact = _time + threat.TimeToGo;
        if (threat.TimeToGo > 0 && double.IsFinite(impact) && a.InterceptTime > impact)
            return string.Create(CultureInfo.InvariantCulture, $"its intercept at {a.InterceptTime:0} s comes after the predicted impact at {impact:0} s");
        return null;
    }

    private static string? Stale(Recommendation rec, int? seenVersion) => seenVersion is { } v && v != rec.Version
        ? $"the operator saw version {v}; the figures recorded are of version {rec.Version} (same fire unit and track)"
        : null;

    private Decision Record(Recommendation rec, DecisionKind kind, string operatorName, int? seenVersion, string? detail)
    {
        var a = rec.Assignment;
        return Add(new Decision(runId, rec.Id, kind, operatorName, _time, clock.GetUtcNow(), a.Effector.Id, a.TrackId, a.Rounds,
            a.KillProbability, a.Cost.Dollars, a.InterceptTime, rec.Version, seenVersion, detail),
            $"{kind} of recommendation {rec.Id} ({a.Effector.Id} on track {a.TrackId})");
    }

    private Decision RecordTrack(DecisionKind kind, int trackId, string operatorName) =>
        Add(new Decision(runId, 0, kind, operatorName, _time, clock.GetUtcNow(), "", trackId, 0, 0, 0, 0), $"{kind} of track {trackId}");

    private Decision Add(Decision decision, string what)
    {
        try
        {
            log.Add(decision);
        }
        catch (Exception e) // whatever the log's failure, the decision is not on record: fail closed
        {
            RecordProblem = $"{what} was not recorded, so nothing was released: " +
                            (e is RecordStoreException ? e.Message : $"the decision log failed ({e.Message})");
            throw new RecordStoreException(RecordProblem, e);
        }
        RecordProblem = null;
        return decision;
    }
}
