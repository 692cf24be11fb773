namespace Canopy.Assignment.Static;

/// <summary>What an asset-based WTA solver returns: its best plan, that plan's expected surviving asset value and the wall time.</summary>
public sealed record AssetWtaSolution(WtaPlan Plan, double SurvivingValue, TimeSpan Elapsed);
