using Canopy.Core.Quantities;

namespace Canopy.Assignment;

/// <summary>Tuning of <see cref="MarginalReturnWeaponAssigner"/>.</summary>
/// <param name="TimeBudget">Wall time per re-plan; when it runs out the best plan so far is returned (threats are
/// considered in score order, so the most urgent first). Null: no budget, and the plan depends only on the inputs
/// (what simulations use, so that a seed gives the same result on any machine).</param>
/// <param name="DebrisPenalty">Fraction of the prevented damage lost when the intercept point lies above a defended
/// asset (the debris falls on it), so such shots rank lower.</param>
/// <param name="OpenGroundValue">Damage, in asset value units, credited to a threat to no defended area when the
/// Iron Dome rule is off (otherwise such a threat would never be worth a shot).</param>
public sealed record MarginalReturnOptions(Duration? TimeBudget = null, double DebrisPenalty = 0.25, double OpenGroundValue = 5)
{
    /// <summary>The look delay and intercept deadlines; null for <see cref="EngagementTiming.Default"/>.</summary>
    public EngagementTiming? Timing { get; init; }

    /// <summary>No time budget, a quarter of the value lost to debris, 5 value units for open ground.</summary>
    public static MarginalReturnOptions Default { get; } = new();
}
