using Canopy.Assignment;
using Canopy.Core.Quantities;

namespace Canopy.Engagement;

/// <summary>Timing of the look after an intercept.</summary>
/// <param name="LookDelay">How long after the intercept time the track is first looked at.</param>
/// <param name="LookTimeout">How long after the intercept time a track that is still there but has not been
/// updated is declared a survivor.</param>
public sealed record ShootLookShootOptions(Duration LookDelay, Duration LookTimeout)
{
    /// <summary>Look at <see cref="EngagementTiming"/>'s look delay after the intercept (the one the assigners plan with);
    /// give up waiting for an update after 30 s.</summary>
    public static ShootLookShootOptions Default { get; } = new(EngagementTiming.Default.LookDelay, Duration.FromSeconds(30));
}
