using Canopy.Core.Defence;
using Canopy.ThreatEvaluation;

namespace Canopy.Interop.Cot;

/// <summary>Affiliation, the second atom of a CoT atom type (MIL-STD-2525 standard identity).</summary>
public enum CotAffiliation { Pending, Unknown, AssumedFriend, Friend, Neutral, Suspect, Hostile }

/// <summary>What kind of air object a track is, as far as Canopy can tell.</summary>
public enum AirPlatform { Unknown, Missile, UnmannedAircraft, CivilFixedWing, MilitaryFixedWing }

/// <summary>
/// CoT type codes (the MIL-STD-2525 function tree written as atoms): <c>a-h-A-W-M</c> hostile missile in flight,
/// <c>a-h-A-M-F-Q</c> hostile military fixed-wing unmanned aircraft, <c>a-n-A-C-F</c> neutral civil fixed-wing,
/// <c>a-f-A-M-F</c> friendly military fixed-wing, <c>a-u-A</c> unknown air. Ballistic and cruise missiles are both <c>W-M</c>; drones and decoys (which kinematics cannot
/// tell apart) are both <c>M-F-Q</c>.
/// </summary>
public static class CotTypes
{
    /// <summary>
    /// The engagement cue for a mobile fire group: a sensor point of interest (<c>b-m-p-s-p-i</c>) at the predicted
    /// intercept point, which TAK clients draw as a marker.
    /// </summary>
    public const string EngagementCue = "b-m-p-s-p-i";

    /// <summary>The prefix of every friendly ground unit's type (<c>a-f-G</c>): what CoT in listens for.</summary>
    public const string FriendlyGroundPrefix = "a-f-G";

    /// <summary>The atom type of an air object of this affiliation and platform.</summary>
    public static string Air(CotAffiliation affiliation, AirPlatform platform) =>
        "a-" + AffiliationAtom(affiliation) + "-A" + platform switch
        {
            AirPlatform.Missile => "-W-M",
            AirPlatform.UnmannedAircraft => "-M-F-Q",
            AirPlatform.CivilFixedWing => "-C-F",
            AirPlatform.MilitaryFixedWing => "-M-F",
            _ => "",
        };

    /// <summary>
    /// The atom type of a track that is not a threat, by what cooperative identification says of it: civil (ADS-B) is
    /// <c>a-n-A-C-F</c>, friendly (IFF) <c>a-f-A-M-F</c>, unknown <c>a-u-A</c>.
    /// </summary>
    public static string Air(AirIdentity identity) => identity switch
    {
        AirIdentity.Civil => Air(CotAffiliation.Neutral, AirPlatform.CivilFixedWing),
        AirIdentity.Friendly => Air(CotAffiliation.Friend, AirPlatform.MilitaryFixedWing),
        _ => Air(CotAffiliation.Unknown, AirPlatform.Unknown),
    };

    /// <summary>The platform a threat class flies as.</summary>
    public static AirPlatform PlatformOf(ThreatClass threat) => threat switch
    {
        ThreatClass.Ballistic or ThreatClass.Cruise => AirPlatform.Missile,
        ThreatClass.Aircraft => AirPlatform.MilitaryFixedWing,
        _ => AirPlatform.UnmannedAircraft,
    };

    /// <summary>The one-letter affiliation atom.</summary>
    public static string AffiliationAtom(CotAffiliation affiliation) => affiliation switch
    {
        CotAffiliation.Pending => "p",
        CotAffiliation.AssumedFriend => "a",
        CotAffiliation.Friend => "f",
        CotAffiliation.Neutral => "n",
        CotAffiliation.Suspect => "s",
        CotAffiliation.Hostile => "h",
        _ => "u",
    };
}
