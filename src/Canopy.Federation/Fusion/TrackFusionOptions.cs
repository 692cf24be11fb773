namespace Canopy.Federation.Fusion;

/// <summary>Tuning of <see cref="CovarianceIntersectionTrackFuser"/>; SI units.</summary>
public sealed record TrackFusionOptions
{
    /// <summary>
    /// Gate on the squared Mahalanobis distance between two local tracks' states, over the sum of their covariances
    /// (the cross-covariance being unknown): chi-square with 6 degrees of freedom at 99.9 %.
    /// </summary>
    public double Gate { get; init; } = 22.458;

    /// <summary>
    /// Only tracks within this horizontal distance (m) of each other are tested against the gate: a confirmed track's
    /// position is known to a few hundred metres, so 10 km leaves every plausible pair in.
    /// </summary>
    public double SearchRadius { get; init; } = 10_000;

    /// <summary>White-acceleration noise density q (m²/s³) predicting a partner's track to the fusion time (as the tracker's slow tracks).</summary>
    public double ProcessNoiseDensity { get; init; } = 2;

    /// <summary>q (m²/s³) for tracks faster than <see cref="FastSpeed"/> (gravity on a ballistic arc).</summary>
    public double FastProcessNoiseDensity { get; init; } = 100;

    /// <summary>Speed (m/s) above which a track is predicted with <see cref="FastProcessNoiseDensity"/>.</summary>
    public double FastSpeed { get; init; } = 600;

    /// <summary>A local track older than this (s) at the fusion time is left out (its nation has stopped reporting it).</summary>
    public double MaxAge { get; init; } = 20;

    /// <summary>What covariance intersection's ω minimises.</summary>
    public IntersectionCriterion Criterion { get; init; } = IntersectionCriterion.Trace;

    /// <summary>The nation whose tracks seed the picture (its own, at a national node); null: nations in code order.</summary>
    public string? OwnNation { get; init; }

    /// <summary>Every rule the options break, empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var broken = new List<string>();
        if (!(Gate > 0) || !double.IsFinite(Gate)) broken.Add("Gate: must be a positive chi-square value");
        if (!(SearchRadius > 0) || !double.IsFinite(SearchRadius)) broken.Add("SearchRadius: must be a positive length (m)");
        if (!(ProcessNoiseDensity >= 0) || !double.IsFinite(ProcessNoiseDensity)) broken.Add("ProcessNoiseDensity: must be finite and 0 or more (m²/s³)");
        if (!(FastProcessNoiseDensity >= 0) || !double.IsFinite(FastProcessNoiseDensity)) broken.Add("FastProcessNoiseDensity: must be finite and 0 or more (m²/s³)");
        if (!(FastSpeed > 0)) broken.Add("FastSpeed: must be a positive speed (m/s)");
        if (!(MaxAge >= 0) || !double.IsFinite(MaxAge)) broken.Add("MaxAge: must be finite and 0 or more (s)");
        if (!Enum.IsDefined(Criterion)) broken.Add("Criterion: must be trace or determinant");
        return broken;
    }
}
