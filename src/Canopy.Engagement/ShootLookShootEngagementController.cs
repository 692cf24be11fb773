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
            moved = true;
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
        var byId = tracks.ToDictionary(t => t.Id);
        var looks = new List<EngagementLook>();
        foreach (var engagement in _open.ToList())
        {
            var intercept = engagement.Assignment.InterceptTime;
            if (time < intercept + _options.LookDelay.Seconds)
                continue;
            LookResult result;
            if (!byId.TryGetValue(engagement.Assignment.TrackId, out var track))
                result = LookResult.TrackGone;
            else if (track.LastUpdateTime > intercept || time >= intercept + _options.LookTimeout.Seconds)
                result = LookResult.TrackSurvived;
            else
                continue;
            _open.Remove(engagement);
            engagement.Unit.Engaging.Remove(engagement.Assignment.TrackId);
            looks.Add(new EngagementLook(engagement.ShotId, engagement.Assignment.TrackId, time, result));
        }
        return looks;
    }

    private List<ShotOrder> Fire(IReadOnlyList<WeaponAssignment> assignments)
    {
        var shots = new List<ShotOrder>();
        foreach (var assignment in assignments)
        {
            var unit = _units.FirstOrDefault(u => u.Spec.Id == assignment.Effector.Id);
            if (unit is null || !unit.CanFire(assignment) || _units.Any(u => u.Engaging.Contains(assignment.TrackId)))
                continue;
            unit.RoundsLeft -= assignment.Rounds;
            unit.ReadyAt = assignment.LaunchTime + unit.Spec.ReloadTime.Seconds;
            unit.Engaging.Add(assignment.TrackId);
            var shot = new ShotOrder(_nextShotId++, assignment);
            _open.Add(new OpenEngagement(shot.ShotId, assignment, unit));
            shots.Add(shot);
        }
        return shots;
    }

    private FireUnitState[] Snapshot() =>
        _units.Select(u => new FireUnitState(u.Spec, u.Position, u.RoundsLeft, u.ReadyAt, u.Engaging.ToHashSet())).ToArray();

    /// <summary>A fire unit's mutable state; ready from time 0 with a full magazine.</summary>
    private sealed class UnitState(EffectorSpec spec, Vec3 position)
    {
        public EffectorSpec Spec { get; set; } = spec;
        public Vec3 Position { get; set; } = position;
        public int RoundsLeft { get; set; } = spec.Magazine;
        public double ReadyAt { get; set; }
        public HashSet<int> Engaging { get; } = [];

        public bool CanFire(WeaponAssignment a) => a.Rounds >= 1 && a.Rounds <= RoundsLeft && a.LaunchTime >= ReadyAt;
    }

    private sealed record OpenEngagement(int ShotId, WeaponAssignment Assignment, UnitState Unit);
}
