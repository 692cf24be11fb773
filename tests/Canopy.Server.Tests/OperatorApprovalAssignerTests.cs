using Canopy.Assignment;
using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.Core.Quantities;
using Canopy.Server.Approval;
using Canopy.Server.Decisions;
using Canopy.ThreatEvaluation;
using Canopy.Tracking;

namespace Canopy.Server.Tests;

public class OperatorApprovalAssignerTests
{
    private static readonly EffectorSpec Gun = new("GUN-1", EffectorClass.Gun, Geodetic.FromDegrees(50, 30), Length.FromMetres(200),
        Length.FromKilometres(5), Length.FromKilometres(3), Speed.FromMetresPerSecond(1000), 10, Duration.FromSeconds(3), Duration.Zero, 1,
        new Dictionary<ThreatClass, Probability> { [ThreatClass.Drone] = Probability.Of(0.6) }, Money.FromDollars(5000));

    /// <summary>An assigner that proposes the gun against every threat it is offered.</summary>
    private sealed class EveryThreat : IWeaponAssigner
    {
        public IReadOnlyList<WeaponAssignment> Assign(double time, IReadOnlyList<ThreatAssessment> threats, IReadOnlyList<FireUnitState> fireUnits) =>
            [.. threats.Select(t => new WeaponAssignment(Gun, t.Track.Id, 1, time + 1, time + 5, Vec3.Zero, 0.6, Money.FromDollars(5000)))];
    }

    private sealed class ListLog : IDecisionLog
    {
        public List<Decision> Decisions { get; } = [];
        public void Add(Decision decision) => Decisions.Add(decision);
        public IReadOnlyList<Decision> ForRun(string runId) => [.. Decisions.Where(d => d.RunId == runId)];
    }

    private static ThreatAssessment Threat(int trackId) => new(
        new Track(trackId, TrackStatus.Confirmed, 0, Vec3.Zero, Vec3.Zero, new double[36], 0, 0, 5),
        ThreatClass.Drone, 0.9, null, Vec3.Zero, 60, true, 10, 10);

    private static (OperatorApprovalAssigner Gate, ListLog Log) Create(ApprovalMode mode)
    {
        var log = new ListLog();
        return (new OperatorApprovalAssigner(new EveryThreat(), log, "run-1", TimeProvider.System) { Mode = mode, SemiAutomaticDelay = 10 }, log);
    }

    [Fact]
    public void Assign_Manual_HoldsEveryProposalUntilApproved()
    {
        var (gate, log) = Create(ApprovalMode.Manual);
        Assert.Empty(gate.Assign(0, [Threat(1), Threat(2)], []));
        Assert.Empty(gate.Assign(100, [Threat(1), Threat(2)], []));
        Assert.Equal([1, 2], gate.Pending.Select(r => r.Id));
        Assert.Equal([0.0, 0.0], gate.Pending.Select(r => r.ProposedAt));

        var decision = gate.Approve(1, "alice");
        var released = gate.Assign(101, [Threat(1), Threat(2)], []);

        Assert.Equal(1, Assert.Single(released).TrackId);
        Assert.Equal(102, released[0].LaunchTime);
        Assert.Equal(DecisionKind.Approve, decision!.Kind);
        Assert.Equal(("alice", 100.0, 1), (decision.Operator, decision.SimulatedTime, decision.TrackId));
        Assert.Equal([2], gate.Pending.Select(r => r.Assignment.TrackId));
        Assert.Single(log.Decisions);
    }

    [Fact]
    public void Veto_HoldsTheTrackForTheRestOfTheRun()
    {
        var (gate, log) = Create(ApprovalMode.Manual);
        gate.Assign(0, [Threat(1), Threat(2)], []);
        Assert.Equal(DecisionKind.Veto, gate.Veto(1, "bob")!.Kind);
        gate.Mode = ApprovalMode.Automatic;

        var released = gate.Assign(1, [Threat(1), Threat(2)], []);

        Assert.Equal(2, Assert.Single(released).TrackId);
        Assert.Contains(1, gate.HeldTracks);
        Assert.Equal([DecisionKind.Veto, DecisionKind.Auto], log.Decisions.Select(d => d.Kind));
        Assert.Null(gate.Approve(1, "bob"));
    }

    [Fact]
    public void Assign_SemiAutomatic_FiresAfterTheDelayUnlessVetoed()
    {
        var (gate, log) = Create(ApprovalMode.SemiAutomatic);
        Assert.Empty(gate.Assign(0, [Threat(1), Threat(2)], []));
        gate.Veto(2, "carol");
        Assert.Empty(gate.Assign(9, [Threat(1), Threat(2)], []));

        var released = gate.Assign(10, [Threat(1), Threat(2)], []);

        Assert.Equal(1, Assert.Single(released).TrackId);
        Assert.Equal((DecisionKind.Auto, OperatorApprovalAssigner.SystemOperator, 10.0), (log.Decisions[^1].Kind, log.Decisions[^1].Operator, log.Decisions[^1].SimulatedTime));
    }

    [Fact]
    public void Assign_Automatic_ReleasesAtOnceAndLogsEach()
    {
        var (gate, log) = Create(ApprovalMode.Automatic);
        Assert.Equal(2, gate.Assign(0, [Threat(1), Threat(2)], []).Count);
        Assert.Empty(gate.Pending);
        Assert.Equal(2, log.Decisions.Count(d => d.Kind == DecisionKind.Auto));
    }

    [Fact]
    public void Assign_ProposalWithdrawn_DropsThePendingRecommendation()
    {
        var (gate, _) = Create(ApprovalMode.Manual);
        gate.Assign(0, [Threat(1)], []);
        gate.Assign(1, [], []);
        Assert.Empty(gate.Pending);
        Assert.Null(gate.Approve(1, "alice"));
        gate.Assign(2, [Threat(1)], []);
        Assert.Equal(2, Assert.Single(gate.Pending).Id);
    }
}
