namespace Canopy.Server.Decisions;

/// <summary>
/// One act that changes what the defence may do or who may do it (a sign-in, a mode or clock change, an account change, a
/// fire unit moved by a report), for the record.
/// Engagement decisions are kept by <see cref="IDecisionLog"/>.
/// </summary>
/// <param name="Kind">What happened, as a short word: "sign-in", "sign-in-failed", "sign-out", "mode", "clock", "step",
/// "run-start", "run-stop", "account-add", "account-change", "account-password", "account-remove", "relocation".</param>
/// <param name="Actor">The signed-in account (or "system") that did it; for "relocation", the report's source.</param>
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
