using Canopy.Assignment;
using Canopy.ThreatEvaluation;

namespace Canopy.Server.Replay;

/// <summary>
/// An assigner that re-issues, at each simulated time, exactly the engagements a live run's operator released then,
/// so a re-run of the same scenario and seed unfolds as the live night did.
/// </summary>
public sealed class ScriptedWeaponAssigner(ReleaseLog releases) : IWeaponAssigner
{
    public IReadOnlyList<WeaponAssignment> Assign(double time, IReadOnlyList<ThreatAssessment> threats, IReadOnlyList<FireUnitState> fireUnits) =>
        releases.At(time);
}
