using Canopy.Assignment;
using Canopy.Server.Decisions;
using Canopy.Server.Replay;
using Canopy.Server.Store;
using Canopy.ThreatEvaluation;

namespace Canopy.Server.Approval;

/// <summary>
/// Puts an operator between the assigner and the fire units without touching the pipeline: it decorates the real
/// <see cref="IWeaponAssigner"/>, holds its proposals as pending <see cref="Recommendation"/>s and passes to the
/// engagement stage only those released by the mode (approved by the operator, past the semi-automatic delay, or
/// automatic). A vetoed track is held: it is not offered to the assigner again in this run. A pending recommendation
/// the assigner stops proposing (out of reach, unit busy) is dropped. Every decision goes to the decision log first, and
/// fails closed: a decision the log cannot take changes nothing (an approval or veto throws
/// <see cref="RecordStoreException"/>, a release by the system is not made and waits for the next step), and
/// <see cref="RecordProblem"/> says why until a record is written again. Not thread-safe: the caller serialises calls with the pipeline's steps.
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

    /// <summary>Why the last decision could not be recorded (so it changed nothing), or null while records are written.</summary>
    public string? RecordProblem { get; private set; }

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
            try
            {
                Record(rec, DecisionKind.Auto, SystemOperator);
                return true;
            }
            catch (RecordStoreException)
            {
                return false; // no record, no shot: it stays pending, and the next step tries again
            }
        }
        return false;
    }

    /// <summary>Approves a pending recommendation: it fires at the next step if the assigner still proposes it.</summary>
    /// <returns>The decision, or null if no pending recommendation has that id.</returns>
    /// <exception cref="RecordStoreException">The decision could not be recorded: nothing was approved.</exception>
    public Decision? Approve(int recommendationId, string operatorName)
    {
        if (Find(recommendationId) is not { } rec) return null;
        var decision = Record(rec, DecisionKind.Approve, operatorName);
        _pending[(rec.Assignment.Effector.Id, rec.Assignment.TrackId)] = rec with { Approved = true };
        return decision;
    }

    /// <summary>Vetoes a pending recommendation: its track is held (never engaged) for the rest of the run.</summary>
    /// <returns>The decision, or null if no pending recommendation has that id.</returns>
    /// <exception cref="RecordStoreException">The decision could not be recorded: nothing was vetoed.</exception>
    public Decision? Veto(int recommendationId, string operatorName)
    {
        if (Find(recommendationId) is not { } rec) return null;
        var decision = Record(rec, DecisionKind.Veto, operatorName);
        var track = rec.Assignment.TrackId;
        _heldTracks.Add(track);
        foreach (var key in _pending.Keys.Where(k => k.Track == track).ToList()) _pending.Remove(key);
        return decision;
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
        try
        {
            log.Add(decision);
        }
        catch (Exception e) // whatever the log's failure, the decision is not on record: fail closed
        {
            RecordProblem = $"{kind} of recommendation {rec.Id} ({a.Effector.Id} on track {a.TrackId}) was not recorded, so nothing was released: " +
                            (e is RecordStoreException ? e.Message : $"the decision log failed ({e.Message})");
            throw new RecordStoreException(RecordProblem, e);
        }
        RecordProblem = null;
        return decision;
    }
}
