namespace Canopy.Assignment.Static;

/// <summary>
/// The static weapon-target assignment role: an anytime solver that returns the best plan found when it
/// finishes, when <c>budget</c> runs out or when cancelled, whichever comes first.
/// </summary>
public interface IStaticWtaSolver
{
    /// <summary>Solves <paramref name="problem"/> within <paramref name="budget"/> of wall time.</summary>
    WtaSolution Solve(WtaProblem problem, TimeSpan budget, CancellationToken cancellationToken);
}
