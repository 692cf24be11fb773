namespace Canopy.Assignment.Static;

/// <summary>
/// What a static WTA solver returns: its best plan, that plan's objective, a proven lower bound on the optimum
/// (negative infinity when the solver proves none) and the wall time it took.
/// </summary>
public sealed record WtaSolution(WtaPlan Plan, double Objective, double LowerBound, TimeSpan Elapsed)
{
    /// <summary>Relative gap (objective - bound) / objective; infinity without a bound, 0 when the objective is 0.</summary>
    public double Gap => double.IsFinite(LowerBound)
        ? (Objective <= 0 ? 0 : Math.Max(0, (Objective - LowerBound) / Objective))
        : double.PositiveInfinity;
}
