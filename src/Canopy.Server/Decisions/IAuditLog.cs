namespace Canopy.Server.Decisions;

/// <summary>
/// One act that changes what the defence may do or who may do it (a sign-in, a mode, clock or hold change), for the record.
/// Engagement decisions are kept by <see cref="IDecisionLog"/>.
/// </summary>
/// <param name="Kind">What happened, as a short word: "sign-in", "mode", "clock", "hold", "release-hold", ...</param>
/// <param name="Actor">The signed-in account (or "system") that did it.</param>
/// <param name="RunId">The run it applies to, if any.</param>
/// <param name="Detail">What changed, in words (e.g. "manual -> auto").</param>
/// <param name="At">Wall-clock time (UTC).</param>
public sealed record AuditEntry(string Kind, string Actor, string? RunId, string Detail, DateTimeOffset At);

/// <summary>Where the acts recorded as <see cref="AuditEntry"/> are kept, in the order they happened.</summary>
public interface IAuditLog
{
    void Append(AuditEntry entry);

    /// <summary>Every entry, oldest first; of one run when <paramref name="runId"/> is given.</summary>
    IReadOnlyList<AuditEntry> Entries(string? runId = null);
}
