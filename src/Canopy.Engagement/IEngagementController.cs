using Canopy.Assignment;
using Canopy.Core.Defence;
using Canopy.Tracking;

namespace Canopy.Engagement;

/// <summary>
/// The engagement stage: turns approved assignments into shot orders, keeps the fire units' state
/// (rounds left, reload, rounds in the air) and, after each intercept, looks at the track again so that
/// survivors can be re-engaged (shoot-look-shoot).
/// </summary>
public interface IEngagementController
{
    /// <summary>The fire units' state as of the last step, in the order of the layout's effectors.</summary>
    IReadOnlyList<FireUnitState> FireUnits { get; }

    /// <summary>Moves the fire units to their reported positions (units not reported stay put), before the assigner reads them.</summary>
    void Relocate(IEffectorPositions positions);

    /// <summary>Closes engagements whose intercept time has passed (looking at the tracks) and fires the new assignments.</summary>
    EngagementStep Step(double time, IReadOnlyList<Track> tracks, IReadOnlyList<WeaponAssignment> assignments);
}
