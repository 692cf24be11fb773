using Canopy.Core.Geometry;

namespace Canopy.Assignment;

/// <summary>
/// When one fire unit can launch at one threat and still intercept it inside its envelope before the threat reaches
/// its target: launches in [<paramref name="EarliestLaunch"/>, <paramref name="LatestLaunch"/>] (sampled, so a window
/// with a gap inside it is reported whole), and the intercept of the earliest launch.
/// </summary>
/// <param name="KillProbability">Probability that the salvo kills the threat (all rounds together).</param>
/// <param name="OverDefendedArea">The intercept point lies above a defended asset's footprint: debris falls on it.</param>
/// <param name="OpensNow">The earliest launch is the unit's first possible launch: it can fire this scan.</param>
public readonly record struct EngagementWindow(
    double EarliestLaunch,
    double LatestLaunch,
    Intercept Intercept,
    int Rounds,
    double KillProbability,
    double Cost,
    bool OverDefendedArea,
    bool OpensNow);
