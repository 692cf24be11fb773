namespace Canopy.Federation.Messages;

/// <summary>
/// A nation's intent (claim) to engage a threat with one of its own units, published before it fires so that partners
/// do not engage the same threat unless a salvo was planned. The claim holds until <see cref="ExpiresAt"/> unless renewed;
/// a claim whose owner falls silent expires, and another unit may take the threat.
/// </summary>
/// <param name="Nation">The claiming nation (owner of <paramref name="UnitId"/>).</param>
/// <param name="UnitId">The claiming nation's fire unit.</param>
/// <param name="SystemTrackKey">The fused (system) track's key as the claimant's fusion names it; partners resolve it by
/// <paramref name="LocalTrackIds"/> and <paramref name="InterceptPoint"/>.</param>
/// <param name="LocalTrackIds">Contributing local tracks, as "NATION:trackId" (e.g. "PL:17"), that make up the system track.</param>
/// <param name="Time">Simulated time of the claim.</param>
/// <param name="PlannedInterceptTime">Planned intercept time (simulated seconds).</param>
/// <param name="InterceptPoint">Planned intercept point x, y, z (m) in the common ENU frame.</param>
/// <param name="Rounds">Rounds in the engagement.</param>
/// <param name="KillProbability">Planned probability of kill of the engagement, 0 to 1.</param>
/// <param name="Salvo">A salvo was planned with partners: the threat may be engaged by several nations.</param>
/// <param name="ExpiresAt">Simulated time after which the claim lapses unless renewed.</param>
/// <param name="Fired">The unit has fired (the claim stands until the intercept), false while only intended.</param>
/// <param name="ExpectedCost">Price of the engagement's rounds, $ (a deconfliction tie-breaker).</param>
/// <param name="TargetVelocity">The claimed target's velocity vx, vy, vz (m/s) in the common ENU frame as the claimant's fusion
/// holds it, or null when unknown; with <paramref name="InterceptPoint"/> it places the target along its path, so that two
/// claims on one target are recognised without a common local track (see <see cref="Coordination.EngagementClaim.SameTargetAs"/>).</param>
public sealed record EngagementClaim(
    string Nation, string UnitId, string SystemTrackKey, IReadOnlyList<string> LocalTrackIds, double Time,
    double PlannedInterceptTime, double[] InterceptPoint, int Rounds, double KillProbability, bool Salvo, double ExpiresAt, bool Fired,
    double ExpectedCost = 0, double[]? TargetVelocity = null);

/// <summary>Which claims a batch carries: a step's proposals (before deconfliction) or the engagements it fired.</summary>
public enum ClaimPhase : byte { Proposed, Fired }

/// <summary>A node's claims at one step, of one phase.</summary>
public sealed record EngagementClaimBatch(string Nation, long Tick, double Time, IReadOnlyList<EngagementClaim> Claims, ClaimPhase Phase = ClaimPhase.Proposed);

/// <summary>
/// A request from one nation to a partner to engage a threat with the partner's units; shown on the partner's console to
/// approve or refuse before <see cref="Deadline"/>.
/// </summary>
/// <param name="RequestId">Unique per requesting nation (e.g. "UA-12").</param>
/// <param name="TrackPosition">The threat's last position x, y, z (m) in the common ENU frame, for the partner to find it.</param>
public sealed record SupportRequest(
    string RequestId, string FromNation, string ToNation, string SystemTrackKey, IReadOnlyList<string> LocalTrackIds,
    double Time, double Deadline, double[] TrackPosition, string Reason);

/// <summary>The partner's answer to a <see cref="SupportRequest"/>: approved (with the unit it engages with) or refused.</summary>
/// <param name="Operator">Account that decided, or "auto" for the automatic mode.</param>
public sealed record SupportReply(
    string RequestId, string FromNation, string ToNation, bool Approved, string? UnitId, string Operator, double Time, string Reason);
