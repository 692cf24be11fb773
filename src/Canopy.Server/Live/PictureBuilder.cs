using Canopy.Pipeline;
using Canopy.Server.Approval;
using Canopy.Simulation.Results;
using Canopy.Simulation.Running;
using Canopy.ThreatEvaluation;

namespace Canopy.Server.Live;

/// <summary>Turns a session's last pipeline step into the <see cref="Picture"/> the console draws.</summary>
public static class PictureBuilder
{
    /// <summary>The live picture of a run now (REST): the operator's view, its summary without truth and the holds.</summary>
    public static Picture Build(string runId, SimulationSession session, PipelineStep? step, OperatorApprovalAssigner gate,
        RunClockState clock, IReadOnlyList<EventView> observed, TimeProvider time) =>
        Build(runId, session, step, RecommendationsOf(gate), ApprovalModes.Name(gate.Mode), clock, [], time)
            with { Summary = OperatorSummaryOf(SummaryNow(session), observed), Holds = HoldsOf(gate) };

    /// <summary>The gate's pending recommendations as the console shows them.</summary>
    public static List<RecommendationView> RecommendationsOf(OperatorApprovalAssigner gate) =>
        [.. gate.Pending.Select(r =>
        {
            var a = r.Assignment;
            var threat = gate.ThreatOf(a.TrackId);
            var toGo = threat is { TimeToGo: var t } && double.IsFinite(t) && t >= 0 ? t : (double?)null;
            var releaseAt = gate.ReleaseAt(r);
            return new RecommendationView(r.Id, a.Effector.Id, a.Effector.Class.ToString(), a.TrackId, a.Rounds, a.LaunchTime,
                a.InterceptTime, a.KillProbability, a.Cost.Dollars, r.ProposedAt, r.Approved, releaseAt, r.Version,
                threat?.Class.ToString(), threat?.Confidence, threat?.TargetAsset?.Name, toGo, r.Why,
                releaseAt ?? (toGo is { } g ? gate.Time + g : null), releaseAt is not null ? "fires" : toGo is not null ? "impact" : null);
        })];

    /// <summary>The tracks the gate holds fire on, by track id.</summary>
    public static List<HoldView> HoldsOf(OperatorApprovalAssigner gate) =>
        [.. gate.Holds.Values.OrderBy(h => h.TrackId).Select(h => new HoldView(h.TrackId, h.Operator, h.SimulatedTime, h.At))];

    /// <summary>Time line kinds the defence observes itself; the others (launches, detections attributed to a true threat, true kills and misses) are truth.</summary>
    private static readonly HashSet<string> ObservedKinds = new(StringComparer.Ordinal)
    {
        nameof(TimelineEventKind.TrackConfirmed), nameof(TimelineEventKind.Engagement), nameof(TimelineEventKind.Look), nameof(TimelineEventKind.Impact),
    };

    /// <summary>
    /// An event as the operator may see it live: track confirmations, engagements, looks (kill assessment) and impacts,
    /// without the true threat's id and class; operator decisions (kinds of <see cref="Decisions.DecisionKind"/>) as they
    /// are; null for an event only the simulation's truth knows (a launch, a true kill or miss, a first detection of a threat).
    /// </summary>
    public static EventView? Observable(EventView e) =>
        Enum.TryParse<Decisions.DecisionKind>(e.Kind, out _) ? e
        : ObservedKinds.Contains(e.Kind) ? e with { ThreatId = -1, ThreatClass = "" }
        : null;

    /// <summary>The live summary: rounds and money spent from <paramref name="truth"/>, impacts and assessed kills counted from the events observed.</summary>
    public static SummaryView OperatorSummaryOf(SummaryView truth, IEnumerable<EventView> observed)
    {
        int impacts = 0, kills = 0;
        foreach (var e in observed)
        {
            if (e.Kind == nameof(TimelineEventKind.Impact)) impacts++;
            else if (e.Kind == nameof(TimelineEventKind.Look) && e.Detail == "track gone") kills++;
        }
        return new SummaryView(null, null, null, truth.Rounds, truth.DefenderSpend, null, null, null, impacts, kills, Truth: false);
    }

    public static Picture Build(string runId, SimulationSession session, PipelineStep? step, IReadOnlyList<RecommendationView> recommendations,
        string mode, RunClockState clock, IReadOnlyList<TimelineEvent> newEvents, TimeProvider time)
    {
        var frame = session.Frame;
        var tracks = new List<TrackView>(step?.Tracks.Count ?? 0);
        var threats = new List<ThreatView>(step?.Threats.Count ?? 0);
        if (step is not null)
        {
            foreach (var t in step.Tracks)
            {
                var g = frame.ToGeodetic(t.Position);
                tracks.Add(new TrackView(t.Id, t.Status == Tracking.TrackStatus.Confirmed, g.LatitudeDeg, g.LongitudeDeg, g.HeightM,
                    t.Velocity.X, t.Velocity.Y, t.Velocity.Z));
            }
            foreach (var a in step.Threats.OrderByDescending(a => a.Score))
                threats.Add(ThreatOf(session, a));
        }
        var units = UnitsOf(session);
        var events = newEvents.Select(EventOf).ToList();
        return new Picture(runId, session.Time, session.Finished, clock, mode, tracks, threats,
            recommendations, units, events, SummaryNow(session), time.GetUtcNow().ToUnixTimeMilliseconds());
    }

    /// <summary>The compact live picture for the hub (see <see cref="LivePicture"/>), built straight from the step.</summary>
    /// <summary>The compact live picture of <paramref name="newEvents"/> as the operator sees them (no truth), for a benchmark or a test.</summary>
    public static LivePicture BuildLive(string runId, SimulationSession session, PipelineStep? step, OperatorApprovalAssigner gate,
        RunClockState clock, IReadOnlyList<TimelineEvent> newEvents, TimeProvider time)
    {
        var observed = newEvents.Select(EventOf).Select(Observable).OfType<EventView>().ToList();
        return BuildLive(runId, session, step, gate, clock, observed, OperatorSummaryOf(SummaryNow(session), observed), time);
    }

    /// <param name="newEvents">The events observed (see <see cref="Observable"/>) since the last picture.</param>
    /// <param name="summary">The live summary (see <see cref="OperatorSummaryOf"/>).</param>
    public static LivePicture BuildLive(string runId, SimulationSession session, PipelineStep? step, OperatorApprovalAssigner gate,
        RunClockState clock, IReadOnlyList<EventView> newEvents, SummaryView summary, TimeProvider time)
    {
        var count = step?.Tracks.Count ?? 0;
        var tracks = new double[count * LivePicture.TrackStride];
        var threats = new List<ThreatView>(Math.Min(LivePicture.WireThreats, step?.Threats.Count ?? 0));
        if (step is not null)
        {
            var classOf = new Dictionary<int, int>(step.Threats.Count);
            foreach (var a in step.Threats) classOf[a.Track.Id] = (int)a.Class;
            var row = tracks.AsSpan();
            foreach (var t in step.Tracks)
            {
                var g = session.Frame.ToGeodetic(t.Position);
                row[0] = t.Id;
                row[1] = t.Status == Tracking.TrackStatus.Confirmed ? 1 : 0;
                row[2] = Math.Round(g.LatitudeDeg, 6);
                row[3] = Math.Round(g.LongitudeDeg, 6);
                row[4] = Math.Round(g.HeightM);
                row[5] = Math.Round(t.Velocity.X, 1);
                row[6] = Math.Round(t.Velocity.Y, 1);
                row[7] = Math.Round(t.Velocity.Z, 1);
                row[8] = classOf.TryGetValue(t.Id, out var c) ? c : IdentityClass(session, t);
                row = row[LivePicture.TrackStride..];
            }
            foreach (var a in step.Threats.OrderByDescending(a => a.Score).Take(LivePicture.WireThreats))
                threats.Add(ThreatOf(session, a));
        }
        return new LivePicture(runId, session.Time, session.Finished, clock, ApprovalModes.Name(gate.Mode), tracks, threats,
            step?.Threats.Count ?? 0, RecommendationsOf(gate), UnitsOf(session), newEvents, summary,
            time.GetUtcNow().ToUnixTimeMilliseconds(), Holds: HoldsOf(gate));
    }

    /// <summary>
    /// The class index of a track that is not a threat: <see cref="LivePicture.CivilClass"/> or
    /// <see cref="LivePicture.FriendlyClass"/> when the identity stage named it (it already has: the evaluator asked it
    /// this step), else -1.
    /// </summary>
    private static int IdentityClass(SimulationSession session, Tracking.Track track) =>
        track.Status != Tracking.TrackStatus.Confirmed || session.Pipeline.Identity is not { } identity ? -1
        : identity.Identify(track, session.Time) switch
        {
            ThreatEvaluation.AirIdentity.Civil => LivePicture.CivilClass,
            ThreatEvaluation.AirIdentity.Friendly => LivePicture.FriendlyClass,
            _ => -1,
        };

    private static List<FireUnitView> UnitsOf(SimulationSession session) =>
        [.. session.Pipeline.FireUnits.Select(u => new FireUnitView(u.Spec.Id, u.RoundsLeft, u.Spec.Magazine, u.ReadyAt, [.. u.Engaging],
            u.Spec.Position.LatitudeDeg, u.Spec.Position.LongitudeDeg))];

    public static EventView EventOf(TimelineEvent e) =>
        new(e.Time, e.Kind.ToString(), e.ThreatId, e.ThreatClass, e.TrackId, e.Effector, e.Detail);

    /// <summary>
    /// The after-action summary (from the simulation's truth), computed again only when its time line grew: every figure in it changes with a time line event
    /// (launch, engagement, kill, impact), while <see cref="SimulationSession.Result"/> costs far more than a picture
    /// (it sorts every event and prices every threat), and ten pictures a second mostly repeat it.
    /// </summary>
    public static SummaryView SummaryNow(SimulationSession session)
    {
        var cache = Summaries.GetValue(session, _ => new SummaryCache());
        lock (cache)
        {
            var events = session.Recorder.Events.Count;
            if (cache.Summary is null || cache.Events != events)
                (cache.Summary, cache.Events) = (SummaryOf(session.Result()), events);
            return cache.Summary;
        }
    }

    private sealed class SummaryCache
    {
        public int Events;
        public SummaryView? Summary;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SimulationSession, SummaryCache> Summaries = [];

    /// <summary>The after-action summary, from the simulation's truth.</summary>
    public static SummaryView SummaryOf(RunResult r) => new(
        r.Threats.Sum(t => t.Launched), r.Threats.Sum(t => t.Destroyed), r.Threats.Sum(t => t.Leaked),
        r.Interceptors.Sum(i => i.Rounds), r.DefenderSpend, r.AttackerSpendDestroyed, r.CostExchangeRatio, r.TotalDamage,
        r.Threats.Sum(t => t.Leaked));

    /// <summary>
    /// The impact ellipse: horizontal position covariance propagated to the time to go,
    /// P = Ppp + t (Ppv + Pvp) + t² Pvv, then its eigen-decomposition (1-sigma semi-axes).
    /// </summary>
    public static ThreatView ThreatOf(SimulationSession session, ThreatAssessment a)
    {
        var c = a.Track.Covariance;
        var t = Math.Max(0, a.TimeToGo);
        double P(int i, int j) => c[i * 6 + j];
        var sxx = P(0, 0) + t * (P(0, 3) + P(3, 0)) + t * t * P(3, 3);
        var syy = P(1, 1) + t * (P(1, 4) + P(4, 1)) + t * t * P(4, 4);
        var sxy = P(0, 1) + t * (P(0, 4) + P(3, 1)) + t * t * P(3, 4);
        var (major, minor, bearing) = Ellipse(sxx, syy, sxy);
        var impact = session.Frame.ToGeodetic(a.PredictedImpact);
        return new ThreatView(a.Track.Id, a.Class.ToString(), a.Confidence, a.TargetAsset?.Name, impact.LatitudeDeg, impact.LongitudeDeg,
            a.TimeToGo, a.ThreatensDefendedArea, a.Score, major, minor, bearing, a.FirstAsset?.Name, a.FirstArrival);
    }

    /// <summary>1-sigma semi-axes of a 2x2 east/north covariance and the major axis' bearing (degrees from north, 0..180).</summary>
    public static (double Major, double Minor, double Bearing) Ellipse(double sxx, double syy, double sxy)
    {
        var mean = (sxx + syy) / 2;
        var root = Math.Sqrt(Math.Max(0, (sxx - syy) * (sxx - syy) / 4 + sxy * sxy));
        var l1 = mean + root;
        var l2 = Math.Max(0, mean - root);
        // Angle of the major axis from east, counter-clockwise; bearing is from north, clockwise.
        var fromEast = 0.5 * Math.Atan2(2 * sxy, sxx - syy);
        var bearing = (90 - fromEast * 180 / Math.PI + 360) % 180;
        return (Math.Sqrt(Math.Max(0, l1)), Math.Sqrt(l2), bearing);
    }
}
