using Canopy.Core.Defence;
using Canopy.Tracking;

namespace Canopy.ThreatEvaluation;

/// <summary>
/// The identity stage of a defence that hears both ADS-B and IFF: civil when ADS-B says so (<see cref="AdsbCorrelator"/>),
/// else friendly when IFF says so (<see cref="IffCorrelator"/>), else unknown. Feed each its reports.
/// </summary>
public sealed class CooperativeIdentityCorrelator(AdsbCorrelator adsb, IffCorrelator iff) : IIdentityCorrelator
{
    /// <summary>A correlator with default gates whose friendly Mode 3/A codes are the policy's.</summary>
    public static CooperativeIdentityCorrelator For(DefencePolicy policy) =>
        new(new AdsbCorrelator(), new IffCorrelator(policy.FriendlySquawks));

    /// <summary>The ADS-B side: feed it <see cref="AdsbReport"/>s.</summary>
    public AdsbCorrelator Adsb => adsb;

    /// <summary>The IFF side: feed it <see cref="IffReply"/>s.</summary>
    public IffCorrelator Iff => iff;

    public AirIdentity Identify(Track track, double time) =>
        adsb.Identify(track, time) is AirIdentity.Civil ? AirIdentity.Civil : iff.Identify(track, time);
}
