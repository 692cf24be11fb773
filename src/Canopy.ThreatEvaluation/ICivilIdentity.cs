using Canopy.Tracking;

namespace Canopy.ThreatEvaluation;

/// <summary>The identity stage: which tracks are known civil aircraft, and so never candidate threats.</summary>
public interface ICivilIdentity
{
    /// <summary>True when the track is identified as a civil aircraft at <paramref name="time"/>.</summary>
    bool IsCivil(Track track, double time);
}
