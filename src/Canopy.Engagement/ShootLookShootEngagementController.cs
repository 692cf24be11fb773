using System.Runtime.InteropServices;
using Canopy.Assignment;
using Canopy.Core.Defence;
using Canopy.Core.Geometry;
using Canopy.Tracking;

namespace Canopy.Engagement;

/// <summary>
/// Shoot-look-shoot: fires each assignment that is still possible, then, once the look delay after its intercept has
/// passed, looks at the track. A track that is gone was killed (or lost); one updated after the intercept survived and
/// is released so the assigner can engage it again. A track that is still there but has not been updated is waited for
/// until the look timeout, then counted as a survivor. Kills are never drawn here: the world resolves the shots and
/// the controller sees their effect only through the tracks.
/// </summary>
public sealed class ShootLookShootEngagementController : IEngagementController
{
    private readonly ShootLookShootOptions _options;
    private readonly Core.Geodesy.LocalFrame _frame;
    private readonly UnitState[] _units;
    private readonly List<OpenEngagement> _open = [];
    private readonly Dictionary<int, int> _lastUpdate = [];
    private FireUnitState[]? _snapshot;
    private int _nextShotId = 1;

    public ShootLookShootEngagementController(DefenceLayout layout, ShootLookShootOptions? options = null)
    {
        _options = options ?? ShootLookShootOptions.Default;
        _frame = layout.Frame;
        _units = layout.Effectors.Select(e => new UnitState(e, layout.Frame.ToEnu(e.Position))).ToArray();
        FireUnits = Snapshot();
    }

    public IReadOnlyList<FireUnitState> FireUnits { get; private set; }

    public void Relocate(IEffectorPositions positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        var moved = false;
        foreach (var unit in _units)
        {
            if (!positions.TryGetPosition(unit.Spec.Id, out var position) || position == unit.Spec.Position) continue;
            unit.Spec = unit.Spec with { Position = position };
            unit.Position = _frame.ToEnu(position);
            unit.Changed = moved = true;
        }
        if (moved) FireUnits = Snapshot();
    }

    public EngagementStep Step(double time, IReadOnlyList<Track> tracks, IReadOnlyList<WeaponAssignment> assignments)
    {
        var looks = Look(time, tracks);
        var shots = Fire(assignments);
        FireUnits = Snapshot();
        return new EngagementStep(shots, looks);
    }

    private List<EngagementLook> Look(double time, IReadOnlyList<Track> tracks)
    {
        var looks = new List<EngagementLook>();
        if (_open.Count == 0) return looks;
        var lookDelay = _options.LookDelay.Seconds;
        var due = false;
        foreach (var engagement in _open) due |= time >= engagement.Assignment.InterceptTime + lookDelay;
        if (!due) return looks;
        // Each track's last update by id, taken without copying the tracks (whose covariances are large).
        _lastUpdate.Clear();
        for (var i = 0; i < tracks.Count; i++) _lastUpdate.Add(TrackId(tracks, i), i);
        var kept = 0;
        for (var k = 0; k < _open.Count; k++)
        {
            var engagement = _open[k];
            _open[kept++] = engagement;
            var intercept = engagement.Assignment.InterceptTime;
            if (time < intercept + lookDelay)
                continue;
            LookResult result;
            if (!_lastUpdate.TryGetValue(engagement.Assignment.TrackId, out var index))
                result = LookResult.TrackGone;
            else if (LastUpdateTime(tracks, index) > intercept || time >= intercept + _options.LookTimeout.Seconds)
                result = LookResult.TrackSurvived;
            else
                continue;
            kept--;
            engagement.Unit.Engaging.Remove(engagement.Assignment.TrackId);
            engagement.Unit.Changed = true;
            looks.Add(new EngagementLook(engagement.ShotId, engagement.Assignment.TrackId, time, result));
        }
        _open.RemoveRange(kept, _open.Count - kept);
        return looks;
    }

    private static int TrackId(IReadOnlyList<Track> tracks, int i) =>
        tracks is List<Track> list ? CollectionsMarshal.AsSpan(list)[i].Id : tracks[i].Id;

    private static double LastUpdateTime(IReadOnlyList<Track> tracks, int i) =>
        tracks is List<Track> list ? CollectionsMarshal.AsSpan(list)[i].LastUpdateTime : tracks[i].LastUpdateTime;

    private List<ShotOrder> Fire(IReadOnlyList<WeaponAssignment> assignments)
    {
        var shots = new List<ShotOrder>();
        foreach (var assignment in assignments)
        {
            var unit = Array.Find(_units, u => u.Spec.Id == assignment.Effector.Id);
            if (unit is null || !unit.CanFire(assignment) || Array.Exists(_units, u => u.Engaging.Contains(assignment.TrackId)))
                continue;
            unit.RoundsLeft -= assignment.Rounds;
            unit.ReadyAt = assignment.LaunchTime + unit.Spec.ReloadTime.Seconds;
            unit.Engaging.Add(assignment.TrackId);
            unit.Changed = true;
            var shot = new ShotOrder(_nextShotId++, assignment);
            _open.Add(new OpenEngagement(shot.ShotId, assignment, unit));
            shots.Add(shot);
        }
        return shots;
    }

    /// <summary>
    /// The units' states: a new array with a new state for each unit that changed since the last one (fired, looked,
    /// moved), the last one when none did. States once handed out never change.
    /// </summary>
    private IReadOnlyList<FireUnitState> Snapshot()
    {
        if (_snapshot is not null && !Array.Exists(_units, u => u.Changed)) return _snapshot;
        var snapshot = new FireUnitState[_units.Length];
        for (var i = 0; i < _units.Length; i++)
        {
            var u = _units[i];
            snapshot[i] = u.Changed || _snapshot is null
                ? new FireUnitState(u.Spec, u.Position, u.RoundsLeft, u.ReadyAt, u.Engaging.ToHashSet())
                : _snapshot[i];
            u.Changed = false;
        }
        return _snapshot = snapshot;
    }

    /// <summary>A fire unit's mutable state; ready from time 0 with a full magazine.</summary>
    private sealed class UnitState(EffectorSpec spec, Vec3 position)
    {
        public EffectorSpec Spec { get; set; } = spec;
        public Vec3 Position { get; set; } = position;
        public int RoundsLeft { get; set; } = spec.Magazine;
        public double ReadyAt { get; set; }
        public HashSet<int> Engaging { get; } = [];

        /// <summary>Whether it changed since the last snapshot of the units.</summary>
        public bool Changed { get; set; }

        public bool CanFire(WeaponAssignment a) => a.Rounds >= 1 && a.Rounds <= RoundsLeft && a.LaunchTime >= ReadyAt;
    }

    private sealed record OpenEngagement(int ShotId, WeaponAssignment Assignment, UnitState Unit);
}
