using Canopy.Tracking;

namespace Canopy.ThreatEvaluation;

/// <summary>What cooperative identification (ADS-B, IFF) says a track is. Civil and friendly tracks are never candidate threats.</summary>
public enum AirIdentity { Unknown, Civil, Friendly }

/// <summary>The identity stage: which tracks are known civil or friendly aircraft, from what they report about themselves.</summary>
public interface IIdentityCorrelator
{
    /// <summary>The track's identity at <paramref name="time"/>: <see cref="AirIdentity.Unknown"/> unless a report correlates with it.</summary>
    AirIdentity Identify(Track track, double time);
}
