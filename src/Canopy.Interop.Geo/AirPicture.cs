using Canopy.Assignment;
using Canopy.Core.Defence;
using Canopy.Core.Geometry;
using Canopy.ThreatEvaluation;
using Canopy.Tracking;

namespace Canopy.Interop.Geo;

/// <summary>
/// The air picture at one moment, as the pipeline believes it: tracks with their history, threat assessments,
/// current assignments, and the defence layout (frame, sensors, fire units, defended assets).
/// </summary>
/// <param name="History">Each track's past positions (common ENU frame), oldest first, ending at its position now.</param>
/// <param name="Assignments">Engagements decided and still due: their intercept time is not yet past and their track still held.</param>
/// <param name="Effectors">The fire units where they are at this moment (mobile fire groups moved by their CoT reports); null: the layout's.</param>
public sealed record AirPicture(
    double Time,
    DefenceLayout Layout,
    IReadOnlyList<Track> Tracks,
    IReadOnlyDictionary<int, IReadOnlyList<Vec3>> History,
    IReadOnlyList<ThreatAssessment> Threats,
    IReadOnlyList<WeaponAssignment> Assignments,
    IReadOnlyList<EffectorSpec>? Effectors = null);

/// <summary>
/// Watches the pipeline's output step by step, keeping every confirmed track's history, and holds the picture of the
/// last step at or before <paramref name="at"/> (every step when null, so the picture ends as the run ends).
/// </summary>
public sealed class AirPictureRecorder(DefenceLayout layout, double? at = null)
{
    private readonly Dictionary<int, List<Vec3>> _history = [];
    private readonly Dictionary<(string Effector, int Track), WeaponAssignment> _due = [];
    private AirPicture? _last;

    /// <summary>The picture kept so far (histories up to its time), or null before the first step.</summary>
    public AirPicture? Picture => _last is null ? null : _last with { History = Histories(_last.Tracks) };

    /// <param name="effectors">The fire units where the pipeline has them now (they move with CoT reports); null: the layout's.</param>
    public void Observe(double time, IReadOnlyList<Track> tracks, IReadOnlyList<ThreatAssessment> threats, IReadOnlyList<WeaponAssignment> assignments,
        IReadOnlyList<EffectorSpec>? effectors = null)
    {
        if (at is { } limit && time > limit) return;
        foreach (var track in tracks)
        {
            if (track.Status != TrackStatus.Confirmed) continue;
            if (!_history.TryGetValue(track.Id, out var list)) _history[track.Id] = list = [];
            list.Add(track.Position);
        }
        foreach (var a in assignments) _due[(a.Effector.Id, a.TrackId)] = a;
        foreach (var key in _due.Keys.ToArray())
            if (_due[key].InterceptTime < time || !tracks.Any(t => t.Id == key.Track)) _due.Remove(key);
        _last = new AirPicture(time, layout, tracks.ToArray(), new Dictionary<int, IReadOnlyList<Vec3>>(), threats.ToArray(), _due.Values.ToArray(), effectors);
    }

    private Dictionary<int, IReadOnlyList<Vec3>> Histories(IReadOnlyList<Track> tracks)
    {
        var history = new Dictionary<int, IReadOnlyList<Vec3>>();
        foreach (var track in tracks)
            if (_history.TryGetValue(track.Id, out var list)) history[track.Id] = list.ToArray();
        return history;
    }
}
