using Canopy.Assignment;

namespace Canopy.Server.Approval;

/// <summary>
/// An engagement the assigner proposes and the operator has not yet decided on. Its <see cref="Assignment"/> is the
/// assigner's latest solution for the same fire unit and track; <see cref="Id"/> stays the same while it is proposed.
/// </summary>
/// <param name="ProposedAt">Simulated time the assigner first proposed it.</param>
/// <param name="Approved">The operator approved it; it goes to the fire unit with the next solution.</param>
public sealed record Recommendation(int Id, WeaponAssignment Assignment, double ProposedAt, bool Approved);
