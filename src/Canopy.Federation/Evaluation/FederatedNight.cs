using System.Runtime.InteropServices;
using Canopy.Assignment;
using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Randomness;
using Canopy.Core.Sensing;
using Canopy.Engagement;
using Canopy.Federation.Coordination;
using Canopy.Federation.Fusion;
using Canopy.Pipeline;
using Canopy.Scenarios.Model;
using Canopy.Simulation.Results;
using Canopy.Simulation.Running;
using Canopy.ThreatEvaluation;
using Canopy.Tracking;
using Canopy.World;
using Canopy.World.Raids;
using Canopy.World.Sensors;

namespace Canopy.Federation.Evaluation;

/// <summary>
/// One night defended by a federation in one process, with perfect links (no broker): the same world, raid, sensors and
/// draws as <see cref="SimulationSession"/> for the same scenario and seed, but every nation runs its own pipeline on
/// its own sensors' plots: its own tracker, its fused picture (its confirmed tracks and every partner's, exchanged at
/// once, <see cref="CovarianceIntersectionTrackFuser"/>), its threat evaluation of every defended asset, its assigner
/// over its own fire units only, and its engagement controller. Each tick the nations' proposed engagements are
/// published as claims on one <see cref="EngagementClaimBoard"/> and only the claims that own their target (or join a
/// planned salvo) fire, so no threat is engaged by two nations; a fired claim stays the owner until its intercept time
/// has passed. The result is scored by the same <see cref="RunRecorder"/> as the single-process night (leakers,
/// damage, rounds), for comparison with it.
/// </summary>
public sealed class FederatedNight
{
    /// <summary>Track ids of nation k's picture are k·<see cref="NationIdStride"/> + system track id, so that the merged record keeps them apart.</summary>
    public const int NationIdStride = 10_000_000;

    /// <summary>A fired claim is withdrawn this long (s) after its intercept time: the look is done by then.</summary>
    private const double ClaimAfterIntercept = 10;

    private readonly IReadOnlyList<ISensorModel> _sensors;
    private readonly Random _sensorRng;
    private readonly List<Plot> _plots = [];
    private readonly List<int> _detected = [];
    private readonly IReadOnlyList<IffInterrogatorModel> _interrogators;
    private readonly AdsbReceiverModel _adsb = new();
    private readonly Random _identityRng;
    private readonly List<IffReply> _iffReplies = [];
    private readonly List<AdsbReport> _adsbReports = [];
    private readonly NationPipeline[] _nodes;
    private readonly Dictionary<SensorId, int> _nodeOfSensor = [];
    private readonly EngagementClaimBoard _board = new();
    private readonly Dictionary<int, List<(string Nation, double InterceptTime)>> _roundsInAir = [];
    private readonly HashSet<int> _doublyEngaged = [];
    private readonly double _tick;
    private readonly double _end;
    private long _k;

    public FederatedNight(Scenario scenario, int seed)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var frame = new LocalFrame(scenario.Region.Centre);
        Layout = new DefenceLayout(frame, scenario.Assets, scenario.Sensors, scenario.Effectors, scenario.Policy);
        var threats = RaidGenerator.Generate(scenario, new Random(RandomExtensions.DeriveSeed(seed, 1)));
        threats.AddRange(AircraftGenerator.Generate(scenario, threats.Count + 1));
        _sensorRng = new Random(RandomExtensions.DeriveSeed(seed, 2));
        World = new SimulatedWorld(threats, scenario.Assets, frame, new Random(RandomExtensions.DeriveSeed(seed, 3)));
        _sensors = SensorModels.Create(scenario.Sensors, new Random(RandomExtensions.DeriveSeed(seed, 4)));
        _identityRng = new Random(RandomExtensions.DeriveSeed(seed, 5));
        _interrogators = IffInterrogatorModel.Create(scenario.Sensors, frame, _identityRng);
        var nations = scenario.Sensors.Select(s => s.Nation ?? scenario.Nation).Concat(scenario.Effectors.Select(scenario.NationOf))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        _nodes = [.. nations.Select((nation, k) => new NationPipeline(nation, k, scenario, frame))];
        foreach (var node in _nodes)
            foreach (var s in node.Layout.Sensors) _nodeOfSensor[s.Id] = node.Index;
        Recorder = new RunRecorder(scenario.Name, seed, World, Layout);
        _tick = scenario.Simulation.Tick.Seconds;
        _end = scenario.Simulation.MaxDuration.Seconds;
    }

    public DefenceLayout Layout { get; }
    public SimulatedWorld World { get; }
    public RunRecorder Recorder { get; }

    /// <summary>The nations, in code order.</summary>
    public IReadOnlyList<string> Nations => [.. _nodes.Select(n => n.Nation)];

    public double Time { get; private set; }
    public bool Finished { get; private set; }

    /// <summary>Engagements the nations' assigners proposed, and those the claims held back (another nation owned the target).</summary>
    public int Proposed { get; private set; }

    public int Deconflicted { get; private set; }

    /// <summary>
    /// Threats that two nations had rounds in the air against at once (a salvo's threat is the one the world will lock it
    /// on, known when it is fired); no salvo is planned here, so it should stay 0. A nation may still engage a threat
    /// another nation's engagement missed, once that engagement is over.
    /// </summary>
    public int ThreatsEngagedByTwoNations => _doublyEngaged.Count;

    public void Step()
    {
        if (Finished) return;
        Time = _k * _tick;
        _k++;
        var events = World.AdvanceTo(Time);
        _plots.Clear();
        _detected.Clear();
        foreach (var sensor in _sensors) sensor.Observe(Time, World.Threats, _sensorRng, _plots, _detected);
        Identify();
        foreach (var node in _nodes) node.Plots.Clear();
        foreach (var plot in _plots)
        {
            if (_nodeOfSensor.TryGetValue(plot.Sensor, out var k)) _nodes[k].Plots.Add(plot);
        }
        // 1. Every nation tracks its own plots; 2. the confirmed tracks are exchanged and each nation fuses them all.
        var local = new List<SourceTrack>();
        foreach (var node in _nodes) local.AddRange(node.TrackPlots(Time));
        foreach (var node in _nodes) node.Propose(Time, local);
        // 3. The proposals are claimed and deconflicted; 4. each nation fires the engagements it owns.
        _board.WithdrawWhere(c => c.InterceptTime + ClaimAfterIntercept < Time);
        var claims = new List<(NationPipeline Node, WeaponAssignment Assignment, EngagementClaim Claim)>();
        foreach (var node in _nodes)
        {
            _board.Heard(node.Nation, Time);
            foreach (var a in node.Proposals)
            {
                var claim = node.Claim(a, Time);
                claims.Add((node, a, claim));
                _board.Publish(claim);
            }
        }
        Proposed += claims.Count;
        var standing = _board.Decide(Time).ToDictionary(d => d.Claim, d => d.Standing, (IEqualityComparer<EngagementClaim>)ReferenceEqualityComparer.Instance);
        var steps = new List<PipelineStep>();
        foreach (var node in _nodes)
        {
            var allowed = new List<WeaponAssignment>();
            foreach (var (owner, a, claim) in claims)
            {
                if (owner != node) continue;
                if (standing.GetValueOrDefault(claim) is ClaimStanding.Owner or ClaimStanding.SalvoPartner) allowed.Add(a);
                else
                {
                    _board.Withdraw(claim);
                    Deconflicted++;
                }
            }
            var step = node.Engage(Time, allowed);
            // An owned intent the unit did not fire (not ready, or its own pipeline already engages the track) lapses at once.
            foreach (var (owner, a, claim) in claims)
            {
                if (owner == node && !NationPipeline.WasFired(a, step.Engagements.Shots)) _board.Withdraw(claim);
            }
            foreach (var shot in step.Engagements.Shots)
            {
                World.Fire(shot);
                var fired = shot.Assignment;
                var match = claims.Find(c => c.Node == node && c.Assignment.Effector.Id == fired.Effector.Id && c.Assignment.TrackId == fired.TrackId);
                if (match.Claim is { } claim) _board.Publish(NationPipeline.Fired(claim, fired));
                NoteEngagement(node, shot);
            }
            steps.Add(step);
        }
        Recorder.Record(events, _detected, Merge(Time, steps));
        if (World.Finished || _k * _tick > _end) Finished = true;
    }

    /// <summary>Runs the night to its end.</summary>
    public FederatedNightResult Run(CancellationToken cancellationToken = default)
    {
        while (!Finished)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Step();
        }
        return new FederatedNightResult(Recorder.Result(Time), Nations, Proposed, Deconflicted, ThreatsEngagedByTwoNations);
    }

    /// <summary>Notes which threat the salvo will find: as <see cref="SimulatedWorld.Fire"/>, the one nearest its intercept point at the intercept time, within the basket.</summary>
    private void NoteEngagement(NationPipeline node, ShotOrder shot)
    {
        var a = shot.Assignment;
        var launcher = World.Frame.ToEnu(a.Effector.Position);
        var basket = SimulatedWorld.AcquisitionBasket + SimulatedWorld.DivertPerMetreFlown * (a.InterceptPoint - launcher).Length;
        SimulatedThreat? target = null;
        var best = basket * basket;
        foreach (var t in World.Threats)
        {
            if (!t.IsFlying || t.LaunchTime > a.InterceptTime || t.ImpactTime < a.InterceptTime) continue;
            var d2 = (World.Frame.EcefToEnu(t.Path.At(a.InterceptTime - t.LaunchTime).Ecef) - a.InterceptPoint).LengthSquared;
            if (d2 <= best) (best, target) = (d2, t);
        }
        if (target is null) return;
        if (!_roundsInAir.TryGetValue(target.Id, out var list)) _roundsInAir[target.Id] = list = [];
        if (list.Exists(r => r.Nation != node.Nation && r.InterceptTime >= Time)) _doublyEngaged.Add(target.Id);
        list.Add((node.Nation, a.InterceptTime));
    }

    private static PipelineStep Merge(double time, List<PipelineStep> steps) => new(
        time,
        [.. steps.SelectMany(s => s.Tracks)],
        [.. steps.SelectMany(s => s.Threats)],
        [.. steps.SelectMany(s => s.Assignments)],
        new EngagementStep([.. steps.SelectMany(s => s.Engagements.Shots)], [.. steps.SelectMany(s => s.Engagements.Looks)]));

    /// <summary>Hands every nation's identity stage the ADS-B reports and the IFF replies of its own interrogators.</summary>
    private void Identify()
    {
        _adsbReports.Clear();
        foreach (var interrogator in _interrogators)
        {
            _iffReplies.Clear();
            interrogator.Interrogate(Time, World.Threats, _identityRng, _iffReplies);
            if (!_nodeOfSensor.TryGetValue(interrogator.Sensor, out var k)) continue;
            foreach (var reply in _iffReplies) _nodes[k].Identity.Iff.Report(reply);
        }
        _adsb.Receive(Time, World.Threats, _identityRng, _adsbReports);
        foreach (var node in _nodes)
            foreach (var report in _adsbReports) node.Identity.Adsb.Report(report);
    }
}

/// <summary>A federated night's result (scored as a single-process night) and its deconfliction counts.</summary>
/// <param name="Proposed">Engagements the nations' assigners proposed.</param>
/// <param name="Deconflicted">Proposals held back because another nation's claim owned the target.</param>
/// <param name="ThreatsEngagedByTwoNations">Threats fired at by two or more nations (no salvo is planned: should be 0).</param>
public sealed record FederatedNightResult(RunResult Run, IReadOnlyList<string> Nations, int Proposed, int Deconflicted, int ThreatsEngagedByTwoNations);
