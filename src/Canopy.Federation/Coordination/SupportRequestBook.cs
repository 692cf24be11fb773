using Canopy.Federation.Fusion;

namespace Canopy.Federation.Coordination;

/// <summary>
/// Every node's book of support requests and its state machine: pending, then approved or refused by the addressed
/// nation's operators (or its automatic mode) before the deadline, else expired at the deadline. Only the addressee
/// decides; a decision after the deadline, on a request already decided, or by another nation is refused and changes
/// nothing. Pure: times are given (s, the night's clock).
/// </summary>
public sealed class SupportRequestBook
{
    private readonly Dictionary<string, SupportRequest> _requests = new(StringComparer.Ordinal);

    /// <summary>Every request at <paramref name="now"/> (pending ones past their deadline shown expired), by id.</summary>
    public IReadOnlyList<SupportRequest> At(double now) => [.. _requests.Keys.Order(StringComparer.Ordinal).Select(id => Get(id, now)!)];

    /// <summary>Files a request; false when its id is already used, it asks its own nation, or its deadline is not after it was made.</summary>
    public bool Request(SupportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.From == request.To || !(request.Deadline > request.RequestedAt) || request.State != SupportState.Pending) return false;
        return _requests.TryAdd(request.Id, request);
    }

    /// <summary>The request as it stands at <paramref name="now"/>; null when unknown. A pending request past its deadline has expired.</summary>
    public SupportRequest? Get(string id, double now)
    {
        if (!_requests.TryGetValue(id, out var r)) return null;
        if (r.State == SupportState.Pending && now > r.Deadline)
        {
            r = r with { State = SupportState.Expired, DecidedAt = r.Deadline };
            _requests[id] = r;
        }
        return r;
    }

    public SupportDecisionError Approve(string id, SupportDecider decider, double now) => Decide(id, decider, now, SupportState.Approved);

    public SupportDecisionError Refuse(string id, SupportDecider decider, double now) => Decide(id, decider, now, SupportState.Refused);

    /// <summary>The targets <paramref name="nation"/> has approved to engage for its partners (its operators said yes), at <paramref name="now"/>.</summary>
    public IReadOnlyList<SupportRequest> ApprovedFor(string nation, double now) =>
        [.. At(now).Where(r => r.To == nation && r.State == SupportState.Approved)];

    private SupportDecisionError Decide(string id, SupportDecider decider, double now, SupportState state)
    {
        ArgumentNullException.ThrowIfNull(decider);
        if (Get(id, now) is not { } r) return SupportDecisionError.UnknownRequest;
        if (decider.Nation != r.To) return SupportDecisionError.NotTheAddressee;
        if (r.State == SupportState.Expired) return SupportDecisionError.DeadlinePassed;
        if (r.State != SupportState.Pending) return SupportDecisionError.NotPending;
        _requests[id] = r with { State = state, DecidedBy = decider, DecidedAt = now };
        return SupportDecisionError.None;
    }

    /// <summary>True when an approved request of <paramref name="nation"/> names a track of <paramref name="target"/>.</summary>
    public bool MayEngageFor(string nation, IReadOnlyList<TrackKey> target, double now) =>
        ApprovedFor(nation, now).Any(r => EngagementClaim.Overlaps(r.Target, target));
}
