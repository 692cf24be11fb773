namespace Canopy.Federation.Coordination;

/// <summary>Timing of <see cref="EngagementClaimBoard"/>; seconds.</summary>
public sealed record ClaimOptions
{
    /// <summary>
    /// A claim lapses when neither it nor its nation has been heard of (refresh or heartbeat) for this long: three
    /// missed 1 s heartbeats and a margin, short against a drone's minutes in a fire unit's reach yet long enough that
    /// one lost message does not hand a target over.
    /// </summary>
    public double Expiry { get; init; } = 5;

    public IReadOnlyList<string> Validate() =>
        Expiry > 0 && double.IsFinite(Expiry) ? [] : ["Expiry: must be a positive time (s)"];
}
