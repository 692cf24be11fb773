using Canopy.Federation.Fusion;

namespace Canopy.Federation.Coordination;

/// <summary>
/// Every node's copy of the federation's engagement claims, and the deterministic rule that deconflicts them. A claim
/// lives while its nation is heard from (the claim refreshed, or a heartbeat) within <see cref="ClaimOptions.Expiry"/>;
/// among the live claims on one target (claims linked by a common local track) the first by
/// <see cref="EngagementClaim.Precedence"/> owns it; another claim may engage too only when both it and the owner's claim
/// are flagged as a planned salvo. So no threat is engaged by two nations unless a salvo was planned, and a target whose
/// owner falls silent passes to the next claim. Pure: times are given, nothing is read from a clock; nodes that have
/// received the same claims and heartbeats decide the same.
/// </summary>
public sealed class EngagementClaimBoard
{
    private readonly ClaimOptions _options;
    private readonly Dictionary<(string Nation, string FireUnit, TrackKey Anchor), EngagementClaim> _claims = [];
    private readonly Dictionary<string, double> _heard = new(StringComparer.Ordinal);

    public EngagementClaimBoard(ClaimOptions? options = null)
    {
        _options = options ?? new ClaimOptions();
        if (_options.Validate() is { Count: > 0 } broken) throw new ArgumentException(string.Join("; ", broken), nameof(options));
    }

    /// <summary>Every claim held, live or expired, by nation then fire unit.</summary>
    public IReadOnlyList<EngagementClaim> Claims =>
        [.. _claims.Values.OrderBy(c => c.Nation, StringComparer.Ordinal).ThenBy(c => c.FireUnit, StringComparer.Ordinal).ThenBy(c => c.Anchor)];

    /// <summary>Adds the claim, or replaces its fire unit's claim on the same target (same <see cref="EngagementClaim.Anchor"/>); it also counts as hearing from its nation.</summary>
    public void Publish(EngagementClaim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        _claims[Key(claim)] = claim;
        Heard(claim.Nation, claim.IssuedAt);
    }

    /// <summary>A heartbeat (or any message) from <paramref name="nation"/> at <paramref name="time"/>: its claims stay alive.</summary>
    public void Heard(string nation, double time)
    {
        ArgumentNullException.ThrowIfNull(nation);
        if (!_heard.TryGetValue(nation, out var last) || time > last) _heard[nation] = time;
    }

    /// <summary>Removes every claim of a fire unit (it gave its targets up); false when it had none.</summary>
    public bool Withdraw(string nation, string fireUnit)
    {
        var keys = _claims.Keys.Where(k => k.Nation == nation && k.FireUnit == fireUnit).ToList();
        foreach (var k in keys) _claims.Remove(k);
        return keys.Count > 0;
    }

    /// <summary>Removes one claim (its engagement is over); false when it was not held.</summary>
    public bool Withdraw(EngagementClaim claim) => _claims.Remove(Key(claim));

    /// <summary>Removes the claims <paramref name="lapsed"/> selects (e.g. those whose intercept time has passed); returns how many.</summary>
    public int WithdrawWhere(Func<EngagementClaim, bool> lapsed)
    {
        ArgumentNullException.ThrowIfNull(lapsed);
        var keys = _claims.Where(p => lapsed(p.Value)).Select(p => p.Key).ToList();
        foreach (var k in keys) _claims.Remove(k);
        return keys.Count;
    }

    private static (string, string, TrackKey) Key(EngagementClaim c) => (c.Nation, c.FireUnit, c.Anchor);

    /// <summary>True when the claim's nation has not been heard from within the expiry at <paramref name="now"/>.</summary>
    public bool IsExpired(EngagementClaim claim, double now)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var last = Math.Max(claim.IssuedAt, _heard.GetValueOrDefault(claim.Nation, double.NegativeInfinity));
        return now - last > _options.Expiry;
    }

    /// <summary>The standing of every claim at <paramref name="now"/>, by nation then fire unit.</summary>
    public IReadOnlyList<ClaimDecision> Decide(double now)
    {
        var claims = Claims;
        var live = claims.Where(c => !IsExpired(c, now)).ToList();
        var decisions = new List<ClaimDecision>(claims.Count);
        foreach (var c in claims)
        {
            if (IsExpired(c, now))
            {
                decisions.Add(new ClaimDecision(c, ClaimStanding.Expired, null));
                continue;
            }
            var owner = OwnerAmong(live, c);
            var standing = ReferenceEquals(owner, c) ? ClaimStanding.Owner
                : owner.Salvo && c.Salvo ? ClaimStanding.SalvoPartner
                : ClaimStanding.Denied;
            decisions.Add(new ClaimDecision(c, standing, owner));
        }
        return decisions;
    }

    /// <summary>
    /// Whether a new claim would be allowed to engage at <paramref name="now"/> against the live claims held (its fire
    /// unit's earlier claim on the same target left out): it would own the target, or join a planned salvo.
    /// </summary>
    public ClaimStanding Evaluate(EngagementClaim candidate, double now)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var live = _claims.Values.Where(c => !IsExpired(c, now) && Key(c) != Key(candidate)).ToList();
        live.Add(candidate);
        var owner = OwnerAmong(live, candidate);
        return ReferenceEquals(owner, candidate) ? ClaimStanding.Owner
            : owner.Salvo && candidate.Salvo ? ClaimStanding.SalvoPartner
            : ClaimStanding.Denied;
    }

    /// <summary>The first by precedence of the live claims on the same target as <paramref name="claim"/> (linked transitively by common tracks).</summary>
    private static EngagementClaim OwnerAmong(List<EngagementClaim> live, EngagementClaim claim)
    {
        var group = new List<EngagementClaim> { claim };
        var grown = true;
        while (grown)
        {
            grown = false;
            foreach (var c in live)
            {
                if (group.Contains(c) || !group.Exists(g => g.SameTargetAs(c))) continue;
                group.Add(c);
                grown = true;
            }
        }
        group.Sort(EngagementClaim.Precedence);
        return group[0];
    }
}
