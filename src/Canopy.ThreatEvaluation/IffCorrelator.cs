using Canopy.Core.Geometry;
using Canopy.Tracking;

namespace Canopy.ThreatEvaluation;

/// <summary>
/// One IFF reply heard by an interrogator: when, where (common ENU frame, from the reply's range and bearing and its
/// Mode C altitude), the Mode 3/A code it gave (0 to 4095, or -1 for none), whether its Mode 5 reply was valid, and the
/// standard deviation of its horizontal position (the larger of the range error and the bearing error times the range).
/// </summary>
public readonly record struct IffReply(double Time, Vec3 Position, int Mode3A, bool Mode5Valid, double HorizontalSigma = 0);

/// <summary>
/// Identifies friendly aircraft by their IFF replies: a reply is friendly when its Mode 5 is valid or its Mode 3/A code is
/// one of the friendly codes; a track whose position, carried to a friendly reply's time, lies within that reply's gate
/// (by default 2 km horizontally, 300 m vertically, at most 15 s old, about one and a half radar revisits, each widened
/// to three standard deviations of the track's and the reply's errors: <see cref="ReportGate"/>) is friendly and
/// stays friendly for as long as the track lives. Replies that are not friendly identify nothing: a hostile aircraft
/// does not answer, and a neutral code proves nothing.
/// </summary>
public sealed class IffCorrelator(IReadOnlyCollection<int> friendlySquawks, double horizontalGate = 2000, double verticalGate = 300,
    double maxAge = 15) : IIdentityCorrelator
{
    private readonly HashSet<int> _friendlyCodes = [.. friendlySquawks];
    private readonly ReportGate _gate = new(horizontalGate, verticalGate, maxAge);
    private readonly List<IffReply> _friendly = [];
    private readonly HashSet<int> _friendlyTracks = [];

    /// <summary>Tracks identified friendly so far.</summary>
    public int FriendlyTracks => _friendlyTracks.Count;

    /// <summary>Whether a reply identifies a friend: a valid Mode 5, or a friendly Mode 3/A code.</summary>
    public bool IsFriendly(IffReply reply) => reply.Mode5Valid || _friendlyCodes.Contains(reply.Mode3A);

    /// <summary>Takes a reply; friendly ones are kept until they are older than the gate's age limit.</summary>
    public void Report(IffReply reply)
    {
        if (!IsFriendly(reply)) return;
        _friendly.RemoveAll(r => r.Time < reply.Time - maxAge);
        _friendly.Add(reply);
    }

    /// <summary><see cref="AirIdentity.Friendly"/> when a recent friendly reply falls in the track's gate (or once did), else unknown.</summary>
    public AirIdentity Identify(Track track, double time)
    {
        if (_friendlyTracks.Contains(track.Id)) return AirIdentity.Friendly;
        foreach (var reply in _friendly)
        {
            if (!_gate.Contains(track, time, reply.Time, reply.Position, reply.HorizontalSigma * reply.HorizontalSigma)) continue;
            _friendlyTracks.Add(track.Id);
            return AirIdentity.Friendly;
        }
        return AirIdentity.Unknown;
    }
}
