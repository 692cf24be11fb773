namespace Canopy.Federation.Messages;

/// <summary>
/// Checks a decoded payload's shape before anything uses it: JSON leaves absent members null, so every list and array is
/// checked present, of its length, with finite numbers where a number is a quantity, and within count limits.
/// </summary>
public static class MessageShape
{
    /// <summary>At most this many items in one list (tracks, plots, units, claims).</summary>
    public const int MaxItems = 200_000;

    public static bool IsWellFormed(object payload) => payload switch
    {
        Heartbeat m => Code(m.Nation) && double.IsFinite(m.Time) && Enum.IsDefined(m.Mode),
        LocalTrackBatch m => Code(m.Nation) && double.IsFinite(m.Time) && m.Origin is not null && List(m.Tracks, t => Track(t, m.Nation)),
        FireUnitBatch m => Code(m.Nation) && double.IsFinite(m.Time) && List(m.Units, u => Unit(u, m.Nation)),
        EngagementClaimBatch m => Code(m.Nation) && double.IsFinite(m.Time) && Enum.IsDefined(m.Phase) && List(m.Claims, c => Claim(c, m.Nation)),
        SupportRequest m => Request(m),
        SupportReply m => Code(m.FromNation) && Code(m.ToNation) && m.RequestId is not null && m.Operator is not null && m.Reason is not null
            && double.IsFinite(m.Time),
        SnapshotRequest m => Code(m.Nation) && double.IsFinite(m.Time),
        StateSnapshot m => Code(m.Nation) && double.IsFinite(m.Time) && m.Origin is not null
            && List(m.Tracks, t => Track(t, m.Nation)) && List(m.Units, u => Unit(u, m.Nation)) && List(m.Claims, c => Claim(c, m.Nation))
            && List(m.OpenRequests, Request),
        WorldTick m => Code(m.ToNation) && double.IsFinite(m.Time) && List(m.Plots, p => p is not null && p.Kind <= 2)
            && List(m.Iff, i => i is not null && Vector(i.Position, 3)) && List(m.Adsb, a => a is not null && Vector(a.Position, 3)),
        TickDone m => Code(m.Nation) && double.IsFinite(m.Time) && List(m.Shots, s => s is not null && s.UnitId is not null
            && Vector(s.InterceptPoint, 3) && Vector(s.TrackState, 6) && s.Rounds is > 0 and < 1000 && double.IsFinite(s.InterceptTime)),
        _ => false,
    };

    private static bool Track(LocalTrackReport? t, string nation) => t is not null && t.Nation == nation && double.IsFinite(t.Time)
        && Vector(t.State, LocalTrackReport.StateSize) && Vector(t.Covariance, LocalTrackReport.CovarianceSize) && t.Class is not null
        && t.Confidence is >= 0 and <= 1 && double.IsFinite(t.LastUpdateTime);

    private static bool Unit(FireUnitStatus? u, string nation) => u is not null && u.Nation == nation && u.UnitId is not null
        && u.Class is not null && Vector(u.Position, 3) && u.RoundsLeft >= 0 && Enum.IsDefined(u.Readiness) && u.Engaging is not null;

    private static bool Claim(EngagementClaim? c, string nation) => c is not null && c.Nation == nation && c.UnitId is not null
        && c.SystemTrackKey is not null && List(c.LocalTrackIds, s => s is not null) && Vector(c.InterceptPoint, 3)
        && double.IsFinite(c.PlannedInterceptTime) && double.IsFinite(c.ExpiresAt) && c.KillProbability is >= 0 and <= 1
        && double.IsFinite(c.ExpectedCost) && (c.TargetVelocity is null || Vector(c.TargetVelocity, 3));

    private static bool Request(SupportRequest? m) => m is not null && Code(m.FromNation) && Code(m.ToNation) && m.RequestId is not null
        && m.SystemTrackKey is not null && List(m.LocalTrackIds, s => s is not null) && Vector(m.TrackPosition, 3)
        && double.IsFinite(m.Deadline) && m.Reason is not null;

    private static bool List<T>(IReadOnlyList<T>? items, Func<T, bool> ok) => items is not null && items.Count <= MaxItems && items.All(ok);

    private static bool Vector(double[]? v, int length) => v is not null && v.Length == length && v.All(double.IsFinite);

    private static bool Code(string? nation) => nation is { Length: 2 or 3 } && nation.All(c => c is >= 'A' and <= 'Z');
}
