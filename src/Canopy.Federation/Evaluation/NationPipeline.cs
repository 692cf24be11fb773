using System.Runtime.InteropServices;
using Canopy.Assignment;
using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.Core.Sensing;
using Canopy.Engagement;
using Canopy.Federation.Coordination;
using Canopy.Federation.Fusion;
using Canopy.Pipeline;
using Canopy.Scenarios.Model;
using Canopy.ThreatEvaluation;
using Canopy.Tracking;

namespace Canopy.Federation.Evaluation;

/// <summary>
/// One nation's pipeline in a federation, shared by the in-process <see cref="FederatedNight"/> and the networked
/// <see cref="Node.NationNode"/> so that both decide alike: its sensors' plots into its tracker, every nation's confirmed
/// tracks fused into its picture, its threat evaluation, its assigner over its own fire units, its claims, and its
/// engagement controller.
/// </summary>
internal sealed class NationPipeline
{
    private readonly KalmanTracker _tracker;
    private readonly CovarianceIntersectionTrackFuser _fuser;
    private readonly KinematicThreatEvaluator _evaluator;
    private readonly IWeaponAssigner _assigner;
    private readonly ShootLookShootEngagementController _engagement;
    private readonly List<Track> _picture = [];
    private readonly Dictionary<int, IReadOnlyList<TrackKey>> _contributors = [];
    private readonly Dictionary<int, double> _firstSeen = [];
    private readonly Dictionary<int, int> _updates = [];
    private IReadOnlyList<ThreatAssessment> _threats = [];

    public NationPipeline(string nation, int index, Scenario scenario, LocalFrame frame)
    {
        Nation = nation;
        Index = index;
        Layout = new DefenceLayout(frame, scenario.Assets, [.. scenario.Sensors.Where(s => (s.Nation ?? scenario.Nation) == nation)],
            [.. scenario.Effectors.Where(e => scenario.NationOf(e) == nation)], scenario.Policy);
        _tracker = new KalmanTracker(Layout);
        _fuser = new CovarianceIntersectionTrackFuser(new TrackFusionOptions { OwnNation = nation });
        Identity = CooperativeIdentityCorrelator.For(Layout.Policy);
        _evaluator = new KinematicThreatEvaluator(Layout, identity: Identity);
        _assigner = DefaultPipeline.CreateAssigner(Layout, AssignerKind.MarginalReturn);
        _engagement = new ShootLookShootEngagementController(Layout);
    }

    public string Nation { get; }
    public int Index { get; }
    public DefenceLayout Layout { get; }
    public CooperativeIdentityCorrelator Identity { get; }

    /// <summary>This tick's plots of the nation's own sensors (filled by the caller before <see cref="TrackPlots"/>).</summary>
    public List<Plot> Plots { get; } = [];

    public IReadOnlyList<WeaponAssignment> Proposals { get; private set; } = [];

    /// <summary>The fused picture of the last step (ids: <see cref="FederatedNight.NationIdStride"/>·index + system track id).</summary>
    public IReadOnlyList<Track> Picture => _picture;

    public IReadOnlyList<ThreatAssessment> Threats => _threats;
    public IReadOnlyList<FireUnitState> FireUnits => _engagement.FireUnits;

    /// <summary>Tracks this tick's plots; returns the confirmed tracks it shares.</summary>
    public List<SourceTrack> TrackPlots(double time)
    {
        var tracks = _tracker.Update(time, CollectionsMarshal.AsSpan(Plots));
        var shared = new List<SourceTrack>();
        foreach (var t in tracks)
        {
            if (t.Status == TrackStatus.Confirmed) shared.Add(SourceTrack.From(Nation, t));
        }
        return shared;
    }

    /// <summary>Fuses every nation's shared tracks into its picture, evaluates it and proposes engagements for its own units.</summary>
    public void Propose(double time, IReadOnlyList<SourceTrack> shared)
    {
        _picture.Clear();
        _contributors.Clear();
        foreach (var s in _fuser.Fuse(time, shared))
        {
            var id = Index * FederatedNight.NationIdStride + s.Id;
            var first = _firstSeen.TryGetValue(id, out var f) ? f : _firstSeen[id] = time;
            var updates = _updates[id] = _updates.GetValueOrDefault(id) + 1;
            _picture.Add(new Track(id, TrackStatus.Confirmed, time, s.Position, s.Velocity, s.Covariance, first, s.LastUpdateTime, updates));
            _contributors[id] = s.Contributors;
        }
        _threats = _evaluator.Evaluate(time, _picture);
        Proposals = _assigner.Assign(time, _threats, _engagement.FireUnits);
    }

    /// <summary>The velocity of a track of <see cref="Picture"/>, or null.</summary>
    public Vec3? VelocityOf(int trackId)
    {
        foreach (var t in _picture)
        {
            if (t.Id == trackId) return t.Velocity;
        }
        return null;
    }

    /// <summary>The nations' local tracks contributing to a track of <see cref="Picture"/>.</summary>
    public IReadOnlyList<TrackKey> Contributors(int trackId) => _contributors.TryGetValue(trackId, out var k) ? k : [];

    /// <summary>The intent to engage a proposal: its target's local tracks, intercept point and velocity.</summary>
    public EngagementClaim Claim(WeaponAssignment a, double time) =>
        new(Nation, a.Effector.Id, Contributors(a.TrackId), a.InterceptTime, a.Cost.Dollars, Salvo: false, time)
        {
            InterceptPoint = a.InterceptPoint,
            TargetVelocity = VelocityOf(a.TrackId),
        };

    /// <summary>The intent once fired: engaged, at the fired assignment's intercept time and point.</summary>
    public static EngagementClaim Fired(EngagementClaim intent, WeaponAssignment fired) =>
        intent with { Engaged = true, InterceptTime = fired.InterceptTime, InterceptPoint = fired.InterceptPoint };

    /// <summary>True when one of the shots fired the proposal (same fire unit, same track); an intent not fired lapses at once.</summary>
    public static bool WasFired(WeaponAssignment a, IReadOnlyList<ShotOrder> shots) =>
        shots.Any(s => s.Assignment.Effector.Id == a.Effector.Id && s.Assignment.TrackId == a.TrackId);

    public PipelineStep Engage(double time, IReadOnlyList<WeaponAssignment> allowed) =>
        new(time, _picture, _threats, allowed, _engagement.Step(time, _picture, allowed));
}
