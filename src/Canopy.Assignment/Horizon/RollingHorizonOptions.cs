using Canopy.Core.Quantities;

namespace Canopy.Assignment.Horizon;

/// <summary>Tuning of <see cref="RollingHorizonWeaponAssigner"/>.</summary>
/// <param name="Horizon">Windows that open within this time from now are planned; later ones wait for a later re-plan.</param>
/// <param name="SlotsPerUnit">Most salvos one fire unit is planned to launch within the horizon (a reload apart).</param>
/// <param name="ExactSlots">Up to this many salvos in the horizon the static problem is solved exactly
/// (<see cref="Static.BranchAndBoundAssetSolver"/>, which starts from the heuristic's plan); above it by iterated local search.</param>
/// <param name="TimeBudget">Wall time per re-plan (windows and solve); when it runs out the best plan so far is used. Null:
/// the solve is bounded by <paramref name="SearchSteps"/> instead, so that the plan depends only on the inputs (what
/// simulations use, so that a seed gives the same result on any machine).</param>
/// <param name="SearchSteps">Without a time budget: how many times the solver may look at its clock (a deterministic budget).</param>
/// <param name="Seed">Seed of the local search's random draws.</param>
/// <param name="DebrisPenalty">Fraction of the prevented damage lost when the intercept lies above a defended asset.</param>
/// <param name="OpenGroundValue">Damage, in asset value units, credited to a threat to no defended area when the Iron Dome
/// rule is off.</param>
public sealed record RollingHorizonOptions(
    Duration Horizon,
    int SlotsPerUnit = 3,
    int ExactSlots = 8,
    Duration? TimeBudget = null,
    int SearchSteps = 4000,
    int Seed = 1,
    double DebrisPenalty = 0.25,
    double OpenGroundValue = 5)
{
    /// <summary>The look delay and intercept deadlines; null for <see cref="EngagementTiming.Default"/>.</summary>
    public EngagementTiming? Timing { get; init; }

    /// <summary>A two-minute horizon, three salvos per unit, exact up to eight salvos, deterministic.</summary>
    public static RollingHorizonOptions Default { get; } = new(Duration.FromMinutes(2));

    /// <summary>Throws when an option is out of range.</summary>
    public RollingHorizonOptions Validate()
    {
        if (!(Horizon.Seconds > 0)) throw new ArgumentOutOfRangeException(nameof(Horizon), Horizon, "the horizon must be positive");
        if (SlotsPerUnit < 1) throw new ArgumentOutOfRangeException(nameof(SlotsPerUnit), SlotsPerUnit, "at least one salvo per unit");
        if (ExactSlots < 0) throw new ArgumentOutOfRangeException(nameof(ExactSlots), ExactSlots, "must be >= 0");
        if (TimeBudget is { } b && b.Seconds < 0) throw new ArgumentOutOfRangeException(nameof(TimeBudget), b, "must be >= 0");
        if (SearchSteps < 0) throw new ArgumentOutOfRangeException(nameof(SearchSteps), SearchSteps, "must be >= 0");
        if (!(DebrisPenalty is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(DebrisPenalty), DebrisPenalty, "must lie in [0, 1]");
        if (!(OpenGroundValue >= 0)) throw new ArgumentOutOfRangeException(nameof(OpenGroundValue), OpenGroundValue, "must be >= 0");
        return this;
    }
}
