using Canopy.Tracking;
using Canopy.Core.Defence;
using Canopy.Core.Geometry;

namespace Canopy.ThreatEvaluation;

/// <summary>What the evaluator believes of one track.</summary>
/// <param name="Class">The most likely threat class from kinematics.</param>
/// <param name="Confidence">Probability of that class, in [0, 1].</param>
/// <param name="TargetAsset">The defended asset it most likely threatens, or null if none.</param>
/// <param name="PredictedImpact">Predicted impact or arrival point in the common ENU frame.</param>
/// <param name="TimeToGo">Seconds until impact or arrival at <paramref name="PredictedImpact"/>.</param>
/// <param name="ThreatensDefendedArea">Whether the predicted impact falls inside a defended asset's footprint.</param>
/// <param name="ExpectedDamage">Asset value x probability of reaching it x lethality.</param>
/// <param name="Score">Priority: higher means engage first.</param>
/// <param name="ReachProbability">Probability that it reaches <paramref name="TargetAsset"/> (the most damaged asset).</param>
public sealed record ThreatAssessment(
    Track Track,
    ThreatClass Class,
    double Confidence,
    DefendedAsset? TargetAsset,
    Vec3 PredictedImpact,
    double TimeToGo,
    bool ThreatensDefendedArea,
    double ExpectedDamage,
    double Score,
    double ReachProbability = 0)
{
    private readonly double? _firstArrival;

    /// <summary>
    /// Seconds until it may first strike a defended asset: entry into the footprint of the first asset on its predicted
    /// path that it threatens (a cruise missile aimed at the power plant on the way to the city dives there), or impact
    /// when ballistic. At most <see cref="TimeToGo"/>; equal to it unless set.
    /// </summary>
    public double FirstArrival { get => _firstArrival ?? TimeToGo; init => _firstArrival = value; }

    /// <summary>
    /// The asset at <see cref="FirstArrival"/>: the first threatened asset on its predicted path (where it may dive), which
    /// may differ from <see cref="TargetAsset"/> (the most damaged one); <see cref="TargetAsset"/> unless set.
    /// </summary>
    public DefendedAsset? FirstAsset { get => _firstAssetSet ? _firstAsset : TargetAsset; init => (_firstAsset, _firstAssetSet) = (value, true); }

    private readonly DefendedAsset? _firstAsset;
    private readonly bool _firstAssetSet;

    /// <summary>Standard deviation (s) of <see cref="FirstArrival"/> from the track's position and velocity uncertainty.</summary>
    public double ArrivalSigma { get; init; }
}
