using Canopy.Assignment;

namespace Canopy.Server.Approval;

/// <summary>
/// An engagement the assigner proposes and the operator has not yet decided on. Its <see cref="Assignment"/> is the
/// assigner's latest solution for the same fire unit and track; <see cref="Id"/> stays the same while that pairing is
/// proposed, and <see cref="Version"/> goes up by one each time a figure the console shows changes (rounds, launch or
/// intercept time to the second, Pk to the hundredth, cost). A new pairing (another unit, another track) is a new id.
/// </summary>
/// <param name="ProposedAt">Simulated time the assigner first proposed this pairing (the semi-automatic delay runs from it, whatever the version).</param>
/// <param name="Approved">The operator approved it; it goes to the fire unit with the next solution.</param>
/// <param name="Version">1 when first proposed, then one more at each change of the figures shown.</param>
/// <param name="Why">Why this unit, in words, as the pairing was first proposed (see <see cref="OperatorApprovalAssigner"/>).</param>
public sealed record Recommendation(int Id, WeaponAssignment Assignment, double ProposedAt, bool Approved, int Version = 1, string Why = "")
{
    /// <summary>Whether <paramref name="next"/> shows other figures than <paramref name="shown"/> (as the console rounds them).</summary>
    public static bool FiguresDiffer(WeaponAssignment shown, WeaponAssignment next) =>
        shown.Rounds != next.Rounds || Math.Round(shown.LaunchTime) != Math.Round(next.LaunchTime)
        || Math.Round(shown.InterceptTime) != Math.Round(next.InterceptTime)
        || Math.Round(shown.KillProbability, 2) != Math.Round(next.KillProbability, 2) || Math.Round(shown.Cost.Dollars) != Math.Round(next.Cost.Dollars);
}

/// <summary>A track the operator holds fire on: nothing is proposed or fired against it until released.</summary>
/// <param name="SimulatedTime">Simulated seconds when the hold was set.</param>
/// <param name="At">Wall-clock time the hold was set (UTC).</param>
public sealed record TrackHold(int TrackId, string Operator, double SimulatedTime, DateTimeOffset At);
