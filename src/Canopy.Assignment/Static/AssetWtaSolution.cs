namespace Canopy.Assignment.Static;

/// <summary>
/// What an asset-based WTA solver returns: its best plan, that plan's expected surviving asset value, the wall time
/// and a proven upper bound on the optimum (positive infinity when the solver proves none).
/// </summary>
public sealed record AssetWtaSolution(WtaPlan Plan, double SurvivingValue, TimeSpan Elapsed, double UpperBound = double.PositiveInfinity)
{
    /// <summary>Relative gap (bound - surviving value) / bound; infinity without a bound, 0 when the bound is 0.</summary>
    public double Gap => double.IsFinite(UpperBound)
        ? (UpperBound <= 0 ? 0 : Math.Max(0, (UpperBound - SurvivingValue) / UpperBound))
        : double.PositiveInfinity;
}
