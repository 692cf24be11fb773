using System.Globalization;
using Canopy.Assignment;
using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.ThreatEvaluation;
using Canopy.Tracking;

namespace Canopy.Interop.Cot;

/// <summary>
/// Turns the pipeline's picture (tracks, threat assessments, weapon assignments) into CoT events: one per track, uid
/// <c>{prefix}.track.{id}</c> stable for the track's life, and one engagement cue per assignment at its predicted
/// intercept point. A track with an assessment is hostile and typed by its threat class; a track the identity stage names
/// civil (ADS-B) is a neutral civil fixed-wing, one it names friendly (IFF) a friendly military fixed-wing; any other
/// track is unknown air.
/// </summary>
public sealed class CotPictureEncoder(LocalFrame frame, CotOptions options)
{
    public const string How = "m-f";

    /// <summary>Appends the events for one moment of the picture to <paramref name="output"/>.</summary>
    /// <param name="identities">What the identity stage named each track at this moment; a track absent is unknown.</param>
    public void Encode(double time, IReadOnlyList<Track> tracks, IReadOnlyList<ThreatAssessment> threats,
        IReadOnlyList<WeaponAssignment> assignments, IReadOnlyDictionary<int, AirIdentity> identities, List<CotEvent> output)
    {
        foreach (var track in tracks)
        {
            if (track.Status != TrackStatus.Confirmed) continue;
            var threat = FindThreat(threats, track.Id);
            output.Add(threat is not null ? ThreatEvent(time, threat) : TrackEvent(time, track, identities.GetValueOrDefault(track.Id)));
        }
        foreach (var assignment in assignments)
            if (FindThreat(threats, assignment.TrackId) is { } threat) output.Add(EngagementCue(time, assignment, threat));
    }

    /// <summary>The uid of a track's events.</summary>
    public string TrackUid(int trackId) => string.Create(CultureInfo.InvariantCulture, $"{options.UidPrefix}.track.{trackId}");

    /// <summary>A track that is not a threat, typed by its identity: neutral civil fixed-wing, friendly military fixed-wing or unknown air.</summary>
    public CotEvent TrackEvent(double time, Track track, AirIdentity identity)
    {
        var type = CotTypes.Air(identity);
        var remarks = string.Create(CultureInfo.InvariantCulture, $"Canopy track {track.Id}, {track.Updates} updates, identity {identity}");
        return AirEvent(time, track, type, remarks);
    }

    /// <summary>A threat: hostile, typed by its class, with the predicted impact and time to go in the remarks.</summary>
    public CotEvent ThreatEvent(double time, ThreatAssessment threat)
    {
        var type = CotTypes.Air(CotAffiliation.Hostile, CotTypes.PlatformOf(threat.Class));
        var impact = frame.ToGeodetic(threat.PredictedImpact);
        var remarks = string.Create(CultureInfo.InvariantCulture,
            $"Canopy track {threat.Track.Id}: {threat.Class} ({threat.Confidence:P0}), impact {impact.LatitudeDeg:F5} {impact.LongitudeDeg:F5} in {threat.TimeToGo:F0} s, target {threat.TargetAsset?.Name ?? "none"}, score {threat.Score:F1}");
        return AirEvent(time, threat.Track, type, remarks);
    }

    /// <summary>
    /// An engagement cue for the assigned fire unit: which threat (linked by uid), where (the predicted intercept point)
    /// and when (in the remarks; the cue goes stale a minute after the intercept time).
    /// </summary>
    public CotEvent EngagementCue(double time, WeaponAssignment assignment, ThreatAssessment threat)
    {
        var at = frame.ToGeodetic(assignment.InterceptPoint);
        var intercept = options.At(assignment.InterceptTime);
        var remarks = string.Create(CultureInfo.InvariantCulture,
            $"Cue for {assignment.Effector.Id}: engage {threat.Class} track {assignment.TrackId} with {assignment.Rounds} round(s), launch {options.At(assignment.LaunchTime):HH:mm:ss}Z, expected at {intercept:HH:mm:ss}Z, Pk {assignment.KillProbability:F2}");
        var uid = string.Create(CultureInfo.InvariantCulture, $"{options.UidPrefix}.cue.{assignment.Effector.Id}.{assignment.TrackId}");
        var now = options.At(time);
        var stale = intercept.AddMinutes(1);
        var detail = new CotDetail(Callsign: "Cue " + assignment.Effector.Id, Remarks: remarks, LinkUid: TrackUid(assignment.TrackId));
        var covariance = threat.Track.Covariance;
        return new CotEvent(CotTypes.EngagementCue, uid, now, now, stale > now ? stale : now.AddSeconds(options.StaleAfterS), How,
            at.LatitudeDeg, at.LongitudeDeg, at.HeightM, CotErrors.CircularError(covariance), CotErrors.LinearError(covariance), detail);
    }

    private CotEvent AirEvent(double time, Track track, string type, string remarks)
    {
        var p = frame.ToGeodetic(track.Position);
        var now = options.At(time);
        var detail = new CotDetail(string.Create(CultureInfo.InvariantCulture, $"Track {track.Id}"), Course(track.Velocity), remarks);
        var covariance = track.Covariance;
        return new CotEvent(type, TrackUid(track.Id), now, now, now.AddSeconds(options.StaleAfterS), How,
            p.LatitudeDeg, p.LongitudeDeg, p.HeightM, CotErrors.CircularError(covariance), CotErrors.LinearError(covariance), detail);
    }

    /// <summary>Course (degrees clockwise from north, [0, 360)) and ground speed of an ENU velocity.</summary>
    public static CotTrack Course(Vec3 velocity) =>
        new(Angles.WrapTwoPi(Math.Atan2(velocity.X, velocity.Y)) * 180 / Math.PI, velocity.HorizontalLength);

    private static ThreatAssessment? FindThreat(IReadOnlyList<ThreatAssessment> threats, int trackId)
    {
        foreach (var t in threats)
            if (t.Track.Id == trackId) return t;
        return null;
    }
}
