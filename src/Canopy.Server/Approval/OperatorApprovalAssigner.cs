using Canopy.Assignment;
using Canopy.Server.Decisions;
using Canopy.Server.Replay;
using Canopy.ThreatEvaluation;

namespace Canopy.Server.Approval;

/// <summary>
/// Puts an operator between the assigner and the fire units without touching the pipeline: it decorates the real
/// <see cref="IWeaponAssigner"/>, holds its proposals as pending <see cref="Recommendation"/>s and passes to the
/// engagement stage only those released by the mode (approved by the operator, past the semi-automatic delay, or
/// automatic). A vetoed track is held: it is not offered to the assigner again in this run. A pending recommendation
/// the assigner stops proposing (out of reach, unit busy) is dropped. Every decision goes to the decision log.
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
    private readonly HashSet<int> _heldTracks = [];
    private readonly List<ThreatAssessment> _offered = [];
    private readonly HashSet<(string Effector, int Track)> _proposed = [];
    private int _nextId = 1;
    private double _time;

    public ApprovalMode Mode { get; set; } = ApprovalMode.Manual;

    /// <summary>Simulated seconds a recommendation waits in semi-automatic mode before it fires on its own.</summary>
    public double SemiAutomaticDelay { get; set; } = 30;

    /// <summary>Recommendations waiting for a decision, oldest first.</summary>
    public IReadOnlyList<Recommendation> Pending => [.. _pending.Values.OrderBy(r => r.Id)];

    /// <summary>Tracks the operator vetoed.</summary>
    public IReadOnlySet<int> HeldTracks => _heldTracks;

    public IReadOnlyList<WeaponAssignment> Assign(double time, IReadOnlyList<ThreatAssessment> threats, IReadOnlyList<FireUnitState> fireUnits)
    {
        _time = time;
        _offered.Clear();
        foreach (var t in threats)
            if (!_heldTracks.Contains(t.Track.Id)) _offered.Add(t);
        var proposals = inner.Assign(time, _offered, fireUnits);
        _proposed.Clear();
        var released = new List<WeaponAssignment>();
        foreach (var a in proposals)
        {
            var key = (a.Effector.Id, a.TrackId);
            _proposed.Add(key);
            var rec = _pending.TryGetValue(key, out var known) ? known with { Assignment = a } : new Recommendation(_nextId++, a, time, false);
            if (Release(rec, time))
            {
                _pending.Remove(key);
                released.Add(a);
            }
            else _pending[key] = rec;
        }
        foreach (var key in _pending.Keys.Where(k => !_proposed.Contains(k)).ToList()) _pending.Remove(key);
        Released.Add(time, released);
        return released;
    }

    private bool Release(Recommendation rec, double time)
    {
        if (rec.Approved) return true;
        if (Mode == ApprovalMode.Automatic || (Mode == ApprovalMode.SemiAutomatic && time - rec.ProposedAt >= SemiAutomaticDelay))
        {
            Record(rec, DecisionKind.Auto, SystemOperator);
            return true;
        }
        return false;
    }

    /// <summary>Approves a pending recommendation: it fires at the next step if the assigner still proposes it.</summary>
    /// <returns>The decision, or null if no pending recommendation has that id.</returns>
    public Decision? Approve(int recommendationId, string operatorName)
    {
        if (Find(recommendationId) is not { } rec) return null;
        _pending[(rec.Assignment.Effector.Id, rec.Assignment.TrackId)] = rec with { Approved = true };
        return Record(rec, DecisionKind.Approve, operatorName);
    }

    /// <summary>Vetoes a pending recommendation: its track is held (never engaged) for the rest of the run.</summary>
    /// <returns>The decision, or null if no pending recommendation has that id.</returns>
    public Decision? Veto(int recommendationId, string operatorName)
    {
        if (Find(recommendationId) is not { } rec) return null;
        var track = rec.Assignment.TrackId;
        _heldTracks.Add(track);
        foreach (var key in _pending.Keys.Where(k => k.Track == track).ToList()) _pending.Remove(key);
        return Record(rec, DecisionKind.Veto, operatorName);
    }

    private Recommendation? Find(int id)
    {
        foreach (var rec in _pending.Values)
            if (rec.Id == id && !rec.Approved) return rec;
        return null;
    }

    private Decision Record(Recommendation rec, DecisionKind kind, string operatorName)
    {
        var a = rec.Assignment;
        var decision = new Decision(runId, rec.Id, kind, operatorName, _time, clock.GetUtcNow(), a.Effector.Id, a.TrackId, a.Rounds,
            a.KillProbability, a.Cost.Dollars, a.InterceptTime);
        log.Add(decision);
        return decision;
    }
}
