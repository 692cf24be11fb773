using Canopy.Core.Defence;
using Canopy.Core.Quantities;

namespace Canopy.ThreatEvaluation;

/// <summary>Tuning of <see cref="KinematicThreatEvaluator"/>. The defaults suit the scenarios shipped with Canopy.</summary>
/// <param name="BallisticSpeed">Above this speed a track is ballistic whatever its flight path angle.</param>
/// <param name="SteepBallisticSpeed">Above this speed a steep dive or climb is ballistic too.</param>
/// <param name="SteepAngle">Flight path angle (above or below the horizontal) counted as steep.</param>
/// <param name="CruiseSpeed">Above this ground speed a track that is not ballistic is a cruise missile or an aircraft; below it a drone.</param>
/// <param name="CorridorMargin">How far outside an asset's radius a closest approach still threatens it.</param>
/// <param name="LookAhead">How far ahead straight-line threats are projected.</param>
/// <param name="MinTimeToGo">Floor of the time to go in the score, so imminent threats do not get unbounded scores.</param>
/// <param name="DroneLethality">Fraction of an asset's value one drone destroys.</param>
/// <param name="CruiseLethality">Fraction of an asset's value one cruise missile destroys.</param>
/// <param name="BallisticLethality">Fraction of an asset's value one ballistic missile destroys.</param>
/// <param name="FreeFallTolerance">How close (m/s²) a track's fitted vertical acceleration must be to −g to count as a ballistic arc.</param>
/// <param name="MinReachProbability">A ballistic threat whose impact ellipse gives every asset less than this probability threatens no defended area.</param>
public sealed record ThreatEvaluationOptions(
    Speed BallisticSpeed,
    Speed SteepBallisticSpeed,
    Angle SteepAngle,
    Speed CruiseSpeed,
    Length CorridorMargin,
    Duration LookAhead,
    Duration MinTimeToGo,
    double DroneLethality = 0.02,
    double CruiseLethality = 0.1,
    double BallisticLethality = 0.2,
    double FreeFallTolerance = 3,
    double MinReachProbability = 0.01)
{
    /// <summary>At or above this height a fast track in level flight or a turn is an aircraft; below it a cruise missile.</summary>
    public Length AircraftAltitude { get; init; } = Length.FromKilometres(2);

    /// <summary>Fraction of an asset's value one hostile aircraft destroys (its bombs or missiles).</summary>
    public double AircraftLethality { get; init; } = DefencePolicy.DefaultAircraftLethality;

    /// <summary>
    /// Floor of an aircraft's time to go in the score. An aircraft is a platform: over an asset it may strike now or later,
    /// so its damage is spread over this time. With the defaults (lethality 0.05, 10 min) a hostile aircraft scores at most
    /// value x 8.3e-5 per second, below a ballistic missile on the same asset (lethality 0.2) whenever the missile's
    /// reach probability over its time to go exceeds 1/2400 s, i.e. for any likely hit within 20 minutes.
    /// </summary>
    public Duration AircraftMinTimeToGo { get; init; } = Duration.FromMinutes(10);

    /// <summary>Least history (s) over which a vertical acceleration is fitted.</summary>
    public Duration MinArcSpan { get; init; } = Duration.FromSeconds(10);

    /// <summary>
    /// The defaults: 1000 m/s ballistic, 600 m/s and 30° steep ballistic, 100 m/s cruise, 2 km aircraft altitude, 3 km corridor,
    /// 2 h look-ahead, 10 s floor (10 min for aircraft).
    /// </summary>
    public static ThreatEvaluationOptions Default { get; } = new(
        Speed.FromMetresPerSecond(1000),
        Speed.FromMetresPerSecond(600),
        Angle.FromDegrees(30),
        Speed.FromMetresPerSecond(100),
        Length.FromKilometres(3),
        Duration.FromHours(2),
        Duration.FromSeconds(10));

    /// <summary>Fraction of an asset's value a threat of class <paramref name="c"/> destroys; decoys destroy nothing.</summary>
    public double Lethality(ThreatClass c) => c switch
    {
        ThreatClass.Drone => DroneLethality,
        ThreatClass.Cruise => CruiseLethality,
        ThreatClass.Ballistic => BallisticLethality,
        ThreatClass.Aircraft => AircraftLethality,
        _ => 0,
    };
}
