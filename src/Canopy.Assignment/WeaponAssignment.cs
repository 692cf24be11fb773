using Canopy.Core.Defence;
using Canopy.Core.Geometry;
using Canopy.Core.Quantities;

namespace Canopy.Assignment;

/// <summary>A proposed engagement: <paramref name="Rounds"/> from one fire unit at one track.</summary>
/// <param name="LaunchTime">When the rounds leave (after the unit's reaction time).</param>
/// <param name="InterceptTime">When they meet the threat.</param>
/// <param name="InterceptPoint">Where, in the common ENU frame.</param>
/// <param name="KillProbability">Probability that the salvo kills the threat (all rounds together).</param>
public sealed record WeaponAssignment(
    EffectorSpec Effector,
    int TrackId,
    int Rounds,
    double LaunchTime,
    double InterceptTime,
    Vec3 InterceptPoint,
    double KillProbability,
    Money Cost);

/// <summary>A fire unit as the pipeline believes it to be now.</summary>
/// <param name="Position">Its position in the common ENU frame.</param>
/// <param name="ReadyAt">Earliest time it can launch its next salvo.</param>
/// <param name="Engaging">Track ids it has rounds in the air against.</param>
public sealed record FireUnitState(EffectorSpec Spec, Vec3 Position, int RoundsLeft, double ReadyAt, IReadOnlySet<int> Engaging);
