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

        var decision = gate.Approve(1, 1, "alice").Decision;
        var released = gate.Assign(101, [Threat(1), Threat(2)], []);

        Assert.Equal(1, Assert.Single(released).TrackId);
        Assert.Equal(102, released[0].LaunchTime);
        Assert.Equal(DecisionKind.Approve, decision!.Kind);
        Assert.Equal(("alice", 100.0, 1), (decision.Operator, decision.SimulatedTime, decision.TrackId));
        Assert.Equal([2], gate.Pending.Select(r => r.Assignment.TrackId));
        Assert.Single(log.Decisions);
    }

    [Fact]
    public void Veto_RejectsThatPairingOnly_TheOnlyUnitIsNotProposedAgain()
    {
        var (gate, log) = Create(ApprovalMode.Manual);
        gate.Assign(0, [Threat(1), Threat(2)], []);
        Assert.Equal(DecisionKind.Veto, gate.Veto(1, 1, "bob").Decision!.Kind);
        gate.Mode = ApprovalMode.Automatic;

        var released = gate.Assign(1, [Threat(1), Threat(2)], []);

        Assert.Equal(2, Assert.Single(released).TrackId);
        Assert.Empty(gate.Holds);
        Assert.Equal([DecisionKind.Veto, DecisionKind.Auto], log.Decisions.Select(d => d.Kind));
        Assert.Equal("recommendation 1 was vetoed by bob", gate.Approve(1, 1, "bob").Refusal);
    }

    [Fact]
    public void Assign_SemiAutomatic_FiresAfterTheDelayUnlessVetoed()
    {
        var (gate, log) = Create(ApprovalMode.SemiAutomatic);
        Assert.Empty(gate.Assign(0, [Threat(1), Threat(2)], []));
        gate.Veto(2, 1, "carol");
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
        Assert.Contains("no longer proposed", gate.Approve(1, 1, "alice").Refusal, StringComparison.Ordinal);
        gate.Assign(2, [Threat(1)], []);
        Assert.Equal(2, Assert.Single(gate.Pending).Id);
    }

    private static readonly EffectorSpec Gun2 = Gun with { Id = "GUN-2" };

    /// <summary>
    /// An assigner over the units it is given: for each threat, the first unit (in <see cref="Preference"/> order) with
    /// rounds for <see cref="Rounds"/> and not yet used; launch at 1 s, intercept at <see cref="InterceptAt"/> s, Pk <see cref="Pk"/>.
    /// </summary>
    private sealed class Preferring : IWeaponAssigner
    {
        public List<string> Preference { get; set; } = ["GUN-1", "GUN-2"];
        public double InterceptAt { get; set; } = 5;
        public double Pk { get; set; } = 0.6;
        public int Rounds { get; set; } = 1;

        public IReadOnlyList<WeaponAssignment> Assign(double time, IReadOnlyList<ThreatAssessment> threats, IReadOnlyList<FireUnitState> fireUnits)
        {
            var used = new HashSet<string>();
            var result = new List<WeaponAssignment>();
            foreach (var t in threats)
                foreach (var id in Preference)
                    if (fireUnits.FirstOrDefault(u => u.Spec.Id == id) is { } u && u.RoundsLeft >= Rounds && used.Add(id))
                    {
                        result.Add(new WeaponAssignment(u.Spec, t.Track.Id, Rounds, 1, InterceptAt, Vec3.Zero, Pk, Money.FromDollars(5000)));
                        break;
                    }
            return result;
        }
    }

    private static FireUnitState Unit(EffectorSpec spec, int rounds = 10) => new(spec, Vec3.Zero, rounds, 0, new HashSet<int>());

    private static (OperatorApprovalAssigner Gate, ListLog Log, Preferring Inner) TwoUnits(ApprovalMode mode)
    {
        var log = new ListLog();
        var inner = new Preferring();
        return (new OperatorApprovalAssigner(inner, log, "run-1", TimeProvider.System) { Mode = mode, SemiAutomaticDelay = 10 }, log, inner);
    }

    [Fact]
    public void Veto_TwoUnitsAbleToEngage_TheOtherUnitIsProposedAtTheNextStep()
    {
        var (gate, log, _) = TwoUnits(ApprovalMode.Manual);
        gate.Assign(0, [Threat(1)], [Unit(Gun), Unit(Gun2)]);
        var first = Assert.Single(gate.Pending);
        Assert.Equal("GUN-1", first.Assignment.Effector.Id);
        Assert.Contains("alternative GUN-2", first.Why, StringComparison.Ordinal);

        Assert.NotNull(gate.Veto(first.Id, first.Version, "bob").Decision);
        gate.Assign(1, [Threat(1)], [Unit(Gun), Unit(Gun2)]);

        var next = Assert.Single(gate.Pending);
        Assert.Equal(("GUN-2", 1), (next.Assignment.Effector.Id, next.Assignment.TrackId));
        Assert.NotEqual(first.Id, next.Id);
        Assert.Equal([DecisionKind.Veto], log.Decisions.Select(d => d.Kind));
    }

    [Fact]
    public void Assign_PendingPairingStillFeasible_KeepsItsIdAndUnit_FiguresBumpTheVersion_TimerDoesNotRestart()
    {
        var (gate, _, inner) = TwoUnits(ApprovalMode.SemiAutomatic);
        gate.Assign(0, [Threat(1)], [Unit(Gun), Unit(Gun2)]);
        var first = Assert.Single(gate.Pending);

        inner.Preference = ["GUN-2", "GUN-1"]; // the assigner now prefers the other unit: the pending pairing is kept (hysteresis)
        inner.Pk = 0.7;
        gate.Assign(1, [Threat(1)], [Unit(Gun), Unit(Gun2)]);
        var kept = Assert.Single(gate.Pending);
        Assert.Equal((first.Id, "GUN-1", 2), (kept.Id, kept.Assignment.Effector.Id, kept.Version));
        Assert.Equal(0.7, kept.Assignment.KillProbability);

        gate.Assign(2, [Threat(1)], [Unit(Gun), Unit(Gun2)]); // the same figures: the same version
        Assert.Equal(2, Assert.Single(gate.Pending).Version);
        Assert.Equal(10, gate.ReleaseAt(gate.Pending[0]));
        Assert.Empty(gate.Assign(9, [Threat(1)], [Unit(Gun), Unit(Gun2)]));
        Assert.Equal("GUN-1", Assert.Single(gate.Assign(10, [Threat(1)], [Unit(Gun), Unit(Gun2)])).Effector.Id); // 10 s after it was first proposed
    }

    [Fact]
    public void Approve_PairingChangedUnit_IsRefusedWithTheReason_AndNothingFires()
    {
        var (gate, log, _) = TwoUnits(ApprovalMode.Manual);
        gate.Assign(0, [Threat(1)], [Unit(Gun), Unit(Gun2)]);
        var shown = Assert.Single(gate.Pending);
        gate.Assign(1, [Threat(1)], [Unit(Gun, rounds: 0), Unit(Gun2)]); // GUN-1 is out of rounds: the track goes to GUN-2

        var outcome = gate.Approve(shown.Id, shown.Version, "alice");

        Assert.Null(outcome.Decision);
        Assert.Equal($"recommendation {shown.Id} (GUN-1 on track 1) was replaced by recommendation {shown.Id + 1} (GUN-2 on track 1)", outcome.Refusal);
        Assert.Empty(gate.Assign(2, [Threat(1)], [Unit(Gun, rounds: 0), Unit(Gun2)]));
        Assert.Empty(log.Decisions);
        Assert.False(Assert.Single(gate.Pending).Approved);
    }

    [Fact]
    public void Approve_InterceptAfterPredictedImpact_IsRefused_AndNothingFires()
    {
        var (gate, log, inner) = TwoUnits(ApprovalMode.Manual);
        inner.InterceptAt = 75; // the threat's time to go is 60 s: impact at 60 s
        gate.Assign(0, [Threat(1)], [Unit(Gun)]);
        var shown = Assert.Single(gate.Pending);

        var outcome = gate.Approve(shown.Id, shown.Version, "alice");

        Assert.Equal($"recommendation {shown.Id} (GUN-1 on track 1): its intercept at 75 s comes after the predicted impact at 60 s", outcome.Refusal);
        Assert.Empty(gate.Assign(1, [Threat(1)], [Unit(Gun)]));
        Assert.Empty(log.Decisions);
    }

    [Fact]
    public void Approve_OlderVersionOfTheSamePairing_IsAcceptedAndRecordsBothVersions_AFutureVersionIsRefused()
    {
        var (gate, log, inner) = TwoUnits(ApprovalMode.Manual);
        gate.Assign(0, [Threat(1)], [Unit(Gun)]);
        inner.Pk = 0.75;
        gate.Assign(1, [Threat(1)], [Unit(Gun)]);
        var rec = Assert.Single(gate.Pending);
        Assert.Equal(2, rec.Version);

        Assert.Equal($"recommendation {rec.Id} has no version 3 (its latest is 2)", gate.Approve(rec.Id, 3, "alice").Refusal);
        var decision = gate.Approve(rec.Id, 1, "alice").Decision!;

        Assert.Equal((2, 1, 0.75), (decision.Version, decision.SeenVersion, decision.KillProbability));
        Assert.Contains("saw version 1", decision.Detail, StringComparison.Ordinal);
        Assert.Equal("GUN-1", Assert.Single(gate.Assign(2, [Threat(1)], [Unit(Gun)])).Effector.Id);
        Assert.Single(log.Decisions);
    }

    [Fact]
    public void Hold_KeepsTheTrackUnassignedInEveryMode_UntilReleased()
    {
        var (gate, log, _) = TwoUnits(ApprovalMode.Manual);
        gate.Assign(0, [Threat(1), Threat(2)], [Unit(Gun), Unit(Gun2)]);
        Assert.NotNull(gate.Hold(1, "dave").Decision);
        Assert.DoesNotContain(gate.Pending, r => r.Assignment.TrackId == 1);
        Assert.Equal("track 1 is already held (by dave at 0 s)", gate.Hold(1, "erin").Refusal);
        gate.Mode = ApprovalMode.Automatic;

        for (var t = 1; t <= 5; t++)
            Assert.DoesNotContain(gate.Assign(t, [Threat(1), Threat(2)], [Unit(Gun), Unit(Gun2)]), a => a.TrackId == 1);
        Assert.Equal("dave", gate.Holds[1].Operator);

        Assert.NotNull(gate.Release(1, "erin").Decision);
        Assert.Equal("track 1 is not held", gate.Release(1, "erin").Refusal);
        Assert.Contains(gate.Assign(6, [Threat(1), Threat(2)], [Unit(Gun), Unit(Gun2)]), a => a.TrackId == 1);
        Assert.Equal([DecisionKind.Hold, DecisionKind.Release], log.Decisions.Where(d => d.Kind != DecisionKind.Auto).Select(d => d.Kind));
        Assert.Equal(("dave", "erin"), (log.Decisions[0].Operator, log.Decisions.First(d => d.Kind == DecisionKind.Release).Operator));
    }
}
