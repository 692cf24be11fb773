using Canopy.Federation.Fusion;

namespace Canopy.Federation.Coordination;

/// <summary>
/// A nation's intent to engage a target with one of its fire units, as it publishes it to its partners. The target is
/// named by the local tracks of its system track (nations number system tracks each their own way; the local tracks'
/// (nation, track id) pairs are common to all): two claims are on the same target when their tracks overlap.
/// </summary>
/// <param name="Nation">The claiming nation (the one whose fire unit it is).</param>
/// <param name="FireUnit">The fire unit's id.</param>
/// <param name="Target">The local tracks of the claimed system track.</param>
/// <param name="InterceptTime">Planned intercept time, s (the night's clock).</param>
/// <param name="ExpectedCost">Expected cost of the engagement (price of the rounds), $.</param>
/// <param name="Salvo">The engagement is planned as part of a joint salvo: another nation's unit that also flags its claim
/// as a salvo may engage the same target.</param>
/// <param name="IssuedAt">When the claim was made or last refreshed, s.</param>
public sealed record EngagementClaim(string Nation, string FireUnit, IReadOnlyList<TrackKey> Target, double InterceptTime, double ExpectedCost,
    bool Salvo, double IssuedAt)
{
    /// <summary>
    /// The unit has fired on the claim: an engagement under way cannot be called back, so the claim owns its target
    /// against every claim whose unit has not fired.
    /// </summary>
    public bool Engaged { get; init; }

    /// <summary>
    /// The local track that identifies the claim among its unit's claims (a unit may engage several targets at once):
    /// the claiming nation's own track of the target when it has one, else the first.
    /// </summary>
    public TrackKey Anchor => Target.Count == 0 ? default : Target.FirstOrDefault(k => k.Nation == Nation, Target[0]);

    /// <summary>True when the two claims name a common local track (so the same target).</summary>
    public bool SameTargetAs(EngagementClaim other) => Overlaps(Target, other.Target);

    public static bool Overlaps(IReadOnlyList<TrackKey> a, IReadOnlyList<TrackKey> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        foreach (var k in a)
        {
            foreach (var l in b)
            {
                if (k == l) return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The deconfliction order: a claim already engaged first, then the earlier intercept, then the cheaper, then the
    /// nation code, then the fire unit id (ordinal): every node ranks the same claims the same way.
    /// </summary>
    public static int Precedence(EngagementClaim a, EngagementClaim b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var c = b.Engaged.CompareTo(a.Engaged);
        if (c == 0) c = a.InterceptTime.CompareTo(b.InterceptTime);
        if (c == 0) c = a.ExpectedCost.CompareTo(b.ExpectedCost);
        if (c == 0) c = string.CompareOrdinal(a.Nation, b.Nation);
        if (c == 0) c = string.CompareOrdinal(a.FireUnit, b.FireUnit);
        return c;
    }
}

/// <summary>How a claim fares: it owns its target, joins the owner's planned salvo, lost to another, or has expired.</summary>
public enum ClaimStanding { Owner, SalvoPartner, Denied, Expired }

/// <summary>The standing of one claim at one time, and the claim that owns its target.</summary>
public sealed record ClaimDecision(EngagementClaim Claim, ClaimStanding Standing, EngagementClaim? Owner);
