using System.Runtime.InteropServices;
using Canopy.Assignment;
using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.Core.Sensing;
using Canopy.Engagement;
using Canopy.Federation.Coordination;
using Canopy.Federation.Fusion;
using Canopy.Federation.Messages;
using Canopy.Pipeline;
using Canopy.Scenarios.Model;
using Canopy.ThreatEvaluation;
using Canopy.Tracking;
using WireClaim = Canopy.Federation.Messages.EngagementClaim;

namespace Canopy.Federation.Node;

/// <summary>
/// One nation's decision logic in a federation, without I/O: the same stages, in the same order, as a nation of the
/// in-process <see cref="Evaluation.FederatedNight"/>, cut into the three phases of a tick that each end in messages to the
/// partners. (1) <see cref="TrackPlots"/>: its own plots into its tracker, its confirmed tracks out. (2) <see cref="Propose"/>:
/// every nation's tracks fused (covariance intersection), evaluated, and its assigner's proposals for its own units out as
/// claims. (3) <see cref="Engage"/>: every nation's claims on its copy of the claim board, deconflicted by the board's
/// deterministic rule, its own allowed claims fired, its fired claims out. Partners' fired claims are applied with
/// <see cref="ApplyFired"/>. Nodes that receive the same messages decide the same, as the in-process night does.
/// </summary>
public sealed class NationNode
{
    /// <summary>A fired claim is withdrawn this long (s) after its intercept time (as in the in-process night).</summary>
    private const double ClaimAfterIntercept = 10;

    private readonly Evaluation.NationPipeline _pipeline;
    private readonly EngagementClaimBoard _board = new();
    private readonly List<Coordination.EngagementClaim> _myClaims = [];
    private readonly Dictionary<string, (long Tick, IReadOnlyList<WireClaim> Wire, List<Coordination.EngagementClaim> Claims)> _partnerIntents = new(StringComparer.Ordinal);
    private IReadOnlyList<WeaponAssignment> _proposals = [];
    private IReadOnlyList<SourceTrack> _shared = [];

    public NationNode(Scenario scenario, string nation)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        Nations = NationsOf(scenario);
        Index = Nations.ToList().IndexOf(nation);
        if (Index < 0) throw new ArgumentException($"nation {nation} has no sensor or fire unit in scenario '{scenario.Name}' (nations: {string.Join(", ", Nations)})", nameof(nation));
        Nation = nation;
        Frame = new LocalFrame(scenario.Region.Centre);
        Origin = new FrameOrigin(scenario.Region.Centre.LatitudeDeg, scenario.Region.Centre.LongitudeDeg, scenario.Region.Centre.HeightM);
        _pipeline = new Evaluation.NationPipeline(nation, Index, scenario, Frame);
    }

    /// <summary>Every nation with a sensor or a fire unit, in code order (as the in-process night orders its nodes).</summary>
    public static IReadOnlyList<string> NationsOf(Scenario scenario) =>
        [.. scenario.Sensors.Select(s => s.Nation ?? scenario.Nation).Concat(scenario.Effectors.Select(scenario.NationOf))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    public string Nation { get; }
    public IReadOnlyList<string> Nations { get; }
    public int Index { get; }
    public LocalFrame Frame { get; }
    public FrameOrigin Origin { get; }
    public DefenceLayout Layout => _pipeline.Layout;

    /// <summary>The fused picture of the last step (ids: <see cref="Evaluation.FederatedNight.NationIdStride"/>·index + system track id).</summary>
    public IReadOnlyList<Track> Picture => _pipeline.Picture;

    /// <summary>The nations contributing to a track of <see cref="Picture"/>.</summary>
    public IReadOnlyList<TrackKey> Contributors(int trackId) => _pipeline.Contributors(trackId);

    public IReadOnlyList<ThreatAssessment> Threats => _pipeline.Threats;
    public IReadOnlyList<FireUnitState> FireUnits => _pipeline.FireUnits;
    public IReadOnlyList<Coordination.EngagementClaim> Claims => _board.Claims;
    public long LastTick { get; private set; } = -1;
    public double Time { get; private set; }
    public int Proposed { get; private set; }
    public int Deconflicted { get; private set; }
    public int Shots { get; private set; }

    /// <summary>Phase 1: the tick's identity reports and plots into the tracker; the confirmed tracks to share.</summary>
    public LocalTrackBatch TrackPlots(WorldTick tick)
    {
        ArgumentNullException.ThrowIfNull(tick);
        Time = tick.Time;
        var identity = _pipeline.Identity;
        foreach (var r in tick.Iff) identity.Iff.Report(new IffReply(r.Time, Wire.ToVec3(r.Position), r.Mode3A, r.Mode5Valid, r.HorizontalSigma));
        foreach (var a in tick.Adsb) identity.Adsb.Report(new AdsbReport(a.Address, a.Time, Wire.ToVec3(a.Position)));
        _pipeline.Plots.Clear();
        foreach (var p in tick.Plots) _pipeline.Plots.Add(Wire.ToPlot(p));
        _shared = _pipeline.TrackPlots(tick.Time);
        return new LocalTrackBatch(Nation, tick.Tick, tick.Time, Origin, [.. _shared.Select(s => Wire.ToReport(s, confirmed: true, s.LastUpdateTime))]);
    }

    /// <summary>
    /// Phase 2: fuses every nation's tracks of the tick (<paramref name="partners"/>: the partners' batches heard; this
    /// node's own are added in its place), evaluates the picture and proposes engagements for this nation's units.
    /// </summary>
    public EngagementClaimBatch Propose(long tick, double time, IReadOnlyDictionary<string, LocalTrackBatch> partners)
    {
        ArgumentNullException.ThrowIfNull(partners);
        var all = new List<SourceTrack>();
        foreach (var nation in Nations)
        {
            if (nation == Nation) all.AddRange(_shared);
            else if (partners.TryGetValue(nation, out var batch)) all.AddRange(batch.Tracks.Select(Wire.ToSource));
        }
        _pipeline.Propose(time, all);
        _proposals = _pipeline.Proposals;
        _myClaims.Clear();
        var wire = new List<WireClaim>();
        foreach (var a in _proposals)
        {
            var claim = _pipeline.Claim(a, time);
            _myClaims.Add(claim);
            wire.Add(ToWire(claim, a));
        }
        Proposed += _proposals.Count;
        return new EngagementClaimBatch(Nation, tick, time, wire, ClaimPhase.Proposed);
    }

    /// <summary>
    /// Phase 3: every nation's proposals on the board (<paramref name="partners"/>: the partners' proposal batches heard),
    /// deconflicted; this nation's allowed proposals fired. Returns the fired claims (for the partners) and the shots (for the world).
    /// </summary>
    public (EngagementClaimBatch Fired, IReadOnlyList<ShotOrder> Shots) Engage(long tick, double time, IReadOnlyDictionary<string, EngagementClaimBatch> partners)
    {
        ArgumentNullException.ThrowIfNull(partners);
        _board.WithdrawWhere(c => c.InterceptTime + ClaimAfterIntercept < time);
        var byNation = new Dictionary<string, List<Coordination.EngagementClaim>>(StringComparer.Ordinal);
        foreach (var nation in Nations)
        {
            List<Coordination.EngagementClaim> claims;
            if (nation == Nation) claims = [.. _myClaims];
            else if (partners.TryGetValue(nation, out var batch))
            {
                claims = [.. batch.Claims.Select(Wire.FromWire)];
                _partnerIntents[nation] = (tick, batch.Claims, claims);
            }
            else continue;
            byNation[nation] = claims;
            _board.Heard(nation, time);
            foreach (var c in claims) _board.Publish(c);
        }
        var standing = _board.Decide(time).ToDictionary(d => d.Claim, d => d.Standing, (IEqualityComparer<Coordination.EngagementClaim>)ReferenceEqualityComparer.Instance);
        var allowed = new List<WeaponAssignment>();
        foreach (var (nation, claims) in byNation)
        {
            for (var i = 0; i < claims.Count; i++)
            {
                var ok = standing.GetValueOrDefault(claims[i]) is ClaimStanding.Owner or ClaimStanding.SalvoPartner;
                if (!ok)
                {
                    _board.Withdraw(claims[i]);
                    if (nation == Nation) Deconflicted++;
                }
                else if (nation == Nation) allowed.Add(_proposals[i]);
            }
        }
        var step = _pipeline.Engage(time, allowed).Engagements;
        // An owned intent the unit did not fire (not ready, or its own pipeline already engages the track) lapses at once.
        for (var i = 0; i < _proposals.Count; i++)
        {
            if (!Evaluation.NationPipeline.WasFired(_proposals[i], step.Shots)) _board.Withdraw(_myClaims[i]);
        }
        var fired = new List<WireClaim>();
        foreach (var shot in step.Shots)
        {
            var a = shot.Assignment;
            var k = _proposals.ToList().FindIndex(p => p.Effector.Id == a.Effector.Id && p.TrackId == a.TrackId);
            if (k < 0) continue;
            var claim = Evaluation.NationPipeline.Fired(_myClaims[k], a);
            _board.Publish(claim);
            fired.Add(ToWire(claim, a));
        }
        Shots += step.Shots.Count;
        LastTick = tick;
        return (new EngagementClaimBatch(Nation, tick, time, fired, ClaimPhase.Fired), step.Shots);
    }

    /// <summary>
    /// A partner's fired claims of a tick this node has engaged (applied after its own, as the in-process night does). The
    /// partner's intents of that tick it did not fire lapse at once, as the partner's own board withdraws them.
    /// </summary>
    public void ApplyFired(EngagementClaimBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (_partnerIntents.TryGetValue(batch.Nation, out var intents) && intents.Tick == batch.Tick)
        {
            _partnerIntents.Remove(batch.Nation);
            var held = _board.Claims.ToHashSet(ReferenceEqualityComparer.Instance);
            for (var i = 0; i < intents.Claims.Count; i++)
            {
                var w = intents.Wire[i];
                var wasFired = batch.Claims.Any(f => f.UnitId == w.UnitId && f.SystemTrackKey == w.SystemTrackKey);
                if (!wasFired && held.Contains(intents.Claims[i])) _board.Withdraw(intents.Claims[i]);
            }
        }
        foreach (var c in batch.Claims) _board.Publish(Wire.FromWire(c));
    }


    /// <summary>A partner's claims from its snapshot (after a reconnection).</summary>
    public void Restore(StateSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        foreach (var c in snapshot.Claims) _board.Publish(Wire.FromWire(c));
    }

    public FireUnitBatch Units(long tick, double time) => new(Nation, tick, time, [.. _pipeline.FireUnits.Select(u => new FireUnitStatus(
        Nation, u.Spec.Id, u.Spec.Class.ToString(), time, Wire.ToArray(u.Position), u.RoundsLeft,
        u.RoundsLeft == 0 ? Readiness.Empty : u.ReadyAt > time ? Readiness.Busy : Readiness.Ready, u.ReadyAt,
        u.Spec.MinRange.Metres, u.Spec.MaxRange.Metres, [.. u.Engaging.Order()]))]);

    public StateSnapshot Snapshot(long tick) => new(Nation, tick, Time, Origin,
        [.. _shared.Select(s => Wire.ToReport(s, true, double.IsNaN(s.LastUpdateTime) ? s.Time : s.LastUpdateTime))], Units(tick, Time).Units,
        [.. _board.Claims.Where(c => c.Nation == Nation).Select(c => Wire.ToWire(c, "", Wire.ToArray(c.InterceptPoint ?? default), 0, 0, c.IssuedAt + new ClaimOptions().Expiry))], []);

    /// <summary>A shot on the wire, with the engaged track's state for the world's records.</summary>
    public ShotRecord ToRecord(ShotOrder shot)
    {
        ArgumentNullException.ThrowIfNull(shot);
        var a = shot.Assignment;
        var t = _pipeline.Picture.FirstOrDefault(p => p.Id == a.TrackId);
        return new ShotRecord(shot.ShotId, a.Effector.Id, a.TrackId, a.Rounds, a.LaunchTime, a.InterceptTime, Wire.ToArray(a.InterceptPoint),
            a.KillProbability, a.Cost.Dollars, [t.Position.X, t.Position.Y, t.Position.Z, t.Velocity.X, t.Velocity.Y, t.Velocity.Z]);
    }

    private WireClaim ToWire(Coordination.EngagementClaim claim, WeaponAssignment a) =>
        Wire.ToWire(claim, Wire.KeyText(new TrackKey(Nation, a.TrackId)), Wire.ToArray(a.InterceptPoint), a.Rounds, a.KillProbability,
            claim.IssuedAt + new ClaimOptions().Expiry);
}
