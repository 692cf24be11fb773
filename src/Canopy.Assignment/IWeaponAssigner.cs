namespace Canopy.Assignment;

/// <summary>The assignment stage: which fire unit engages which threat, now.</summary>
public interface IWeaponAssigner
{
    /// <summary>
    /// Proposes engagements for this scan from the ranked threats and the fire units' current state.
    /// Threats already being engaged are listed in <see cref="FireUnitState.Engaging"/> and must not be assigned again.
    /// </summary>
    IReadOnlyList<WeaponAssignment> Assign(double time, IReadOnlyList<ThreatEvaluation.ThreatAssessment> threats, IReadOnlyList<FireUnitState> fireUnits);
}
