using Canopy.Federation.Fusion;

namespace Canopy.Federation.Coordination;

/// <summary>Where a support request stands. Pending moves once, to one of the other three, and never back.</summary>
public enum SupportState { Pending, Approved, Refused, Expired }

/// <summary>Who decided a support request: one of the partner's signed-in operators, or its automatic mode.</summary>
/// <param name="Operator">The operator's account name; null for the nation's automatic mode.</param>
public sealed record SupportDecider(string Nation, string? Operator)
{
    public static SupportDecider Automatic(string nation) => new(nation, null);

    public override string ToString() => Operator is null ? $"{Nation} (automatic)" : $"{Operator} ({Nation})";
}

/// <summary>
/// A nation's request that a partner engage a target for it, by <see cref="Deadline"/> (s, the night's clock).
/// </summary>
/// <param name="Id">Unique among the requests of the federation (e.g. the requester's code and its sequence number).</param>
public sealed record SupportRequest(string Id, string From, string To, IReadOnlyList<TrackKey> Target, double RequestedAt, double Deadline, string? Reason)
{
    public SupportState State { get; init; } = SupportState.Pending;

    /// <summary>Who approved or refused it (null while pending and once expired).</summary>
    public SupportDecider? DecidedBy { get; init; }

    /// <summary>When it was approved, refused or expired.</summary>
    public double? DecidedAt { get; init; }
}

/// <summary>Why a decision on a support request was not taken.</summary>
public enum SupportDecisionError { None, UnknownRequest, NotTheAddressee, NotPending, DeadlinePassed }
