using System.Diagnostics;
using System.Runtime.InteropServices;
using Canopy.Assignment;
using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Quantities;
using Canopy.Core.Randomness;
using Canopy.Core.Sensing;
using Canopy.Engagement;
using Canopy.Federation.Messages;
using Canopy.Federation.Node;
using Canopy.Federation.Transport;
using Canopy.Pipeline;
using Canopy.Scenarios.Model;
using Canopy.Simulation.Results;
using Canopy.Simulation.Running;
using Canopy.ThreatEvaluation;
using Canopy.Tracking;
using Canopy.World;
using Canopy.World.Raids;
using Canopy.World.Sensors;

namespace Canopy.Federation.World;

/// <summary>How the world paces the night.</summary>
/// <param name="StartWait">How long to wait for every nation's node to say it is there (a heartbeat) before the first tick.</param>
/// <param name="TickWait">How long to wait for a node's answer to a tick before flying the tick without its shots.</param>
/// <param name="Pace">Least wall time per tick (zero: as fast as the nodes answer; the tick: real time).</param>
public sealed record WorldOptions(TimeSpan StartWait, TimeSpan TickWait, TimeSpan Pace = default)
{
    public static readonly WorldOptions Default = new(TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(30));

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (StartWait < TimeSpan.Zero || StartWait > TimeSpan.FromHours(1)) problems.Add("start wait must be between 0 and 1 hour");
        if (TickWait <= TimeSpan.Zero || TickWait > TimeSpan.FromHours(1)) problems.Add("tick wait must be between 0 and 1 hour");
        if (Pace < TimeSpan.Zero || Pace > TimeSpan.FromMinutes(1)) problems.Add("pace must be between 0 and 1 minute a tick");
        return problems;
    }
}

/// <summary>The federated night as the world saw it: scored like a single-process night, with what the links lost.</summary>
/// <param name="LateAnswers">Ticks a node did not answer in time (0 with perfect links).</param>
/// <param name="RejectedShots">Shots a node ordered for a unit that is not its own (never flown).</param>
/// <param name="ThreatsEngagedByTwoNations">Threats nearest (within 3 km) to tracks fired at by two or more nations.</param>
public sealed record FederatedRun(RunResult Run, IReadOnlyList<string> Nations, long Ticks, long LateAnswers, long RejectedShots,
    int ThreatsEngagedByTwoNations, TimeSpan Elapsed);

/// <summary>
/// The simulated world of a federated night: the same world, raid, sensors and draws as <see cref="SimulationSession"/> and
/// the in-process federated night for the same scenario and seed. Each tick it sends every nation only its own sensors'
/// plots and interrogators' replies (and the public ADS-B), waits for every nation's shots, and flies them in nation order.
/// A nation may fire only its own units: shots for another nation's unit are counted and dropped.
/// </summary>
public sealed class WorldRunner
{
    private readonly Scenario _scenario;
    private readonly FederationLink _link;
    private readonly WorldOptions _options;
    private readonly LocalFrame _frame;
    private readonly IReadOnlyList<ISensorModel> _sensors;
    private readonly Random _sensorRng;
    private readonly IReadOnlyList<IffInterrogatorModel> _interrogators;
    private readonly AdsbReceiverModel _adsb = new();
    private readonly Random _identityRng;
    private readonly Dictionary<SensorId, string> _nationOfSensor = [];
    private readonly Dictionary<string, EffectorSpec> _units = new(StringComparer.Ordinal);
    private readonly Dictionary<int, HashSet<string>> _nationsByThreat = [];
    private readonly Dictionary<string, TickDone> _answers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _present = new(StringComparer.Ordinal);
    private readonly HashSet<string> _absent = new(StringComparer.Ordinal);
    private readonly double _tick;
    private readonly double _end;

    public WorldRunner(Scenario scenario, int seed, FederationLink link, WorldOptions options)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { Count: > 0 } problems) throw new ArgumentException(string.Join("; ", problems), nameof(options));
        _scenario = scenario;
        _link = link;
        _options = options;
        _frame = new LocalFrame(scenario.Region.Centre);
        Nations = NationNode.NationsOf(scenario);
        var layout = new DefenceLayout(_frame, scenario.Assets, scenario.Sensors, scenario.Effectors, scenario.Policy);
        var threats = RaidGenerator.Generate(scenario, new Random(RandomExtensions.DeriveSeed(seed, 1)));
        threats.AddRange(AircraftGenerator.Generate(scenario, threats.Count + 1));
        _sensorRng = new Random(RandomExtensions.DeriveSeed(seed, 2));
        World = new SimulatedWorld(threats, scenario.Assets, _frame, new Random(RandomExtensions.DeriveSeed(seed, 3)));
        _sensors = SensorModels.Create(scenario.Sensors, new Random(RandomExtensions.DeriveSeed(seed, 4)));
        _identityRng = new Random(RandomExtensions.DeriveSeed(seed, 5));
        _interrogators = IffInterrogatorModel.Create(scenario.Sensors, _frame, _identityRng);
        foreach (var s in scenario.Sensors) _nationOfSensor[s.Id] = s.Nation ?? scenario.Nation;
        foreach (var e in scenario.Effectors) _units[e.Id] = e;
        Recorder = new RunRecorder(scenario.Name, seed, World, layout);
        _tick = scenario.Simulation.Tick.Seconds;
        _end = scenario.Simulation.MaxDuration.Seconds;
    }

    public IReadOnlyList<string> Nations { get; }
    public SimulatedWorld World { get; }
    public RunRecorder Recorder { get; }
    public long Tick { get; private set; }
    public double Time { get; private set; }
    public long LateAnswers { get; private set; }
    public long RejectedShots { get; private set; }

    /// <summary>The world sources a link needs: every nation's exchange (for heartbeats and tick answers).</summary>
    public static IReadOnlyList<(string Exchange, string Key)> Sources(IEnumerable<string> nations) =>
        [.. nations.SelectMany(n => new[]
        {
            (FederationTopology.NationExchange(n), FederationTopology.RoutingKey(PayloadType.TickDone)),
            (FederationTopology.NationExchange(n), FederationTopology.RoutingKey(PayloadType.Heartbeat)),
        })];

    public async Task<FederatedRun> RunAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        _link.Start();
        await _link.WaitConnectedAsync(_options.StartWait, cancellationToken).ConfigureAwait(false);
        // every node heard from (a heartbeat once its queue is bound), so that none misses the first tick
        var until = Stopwatch.GetTimestamp() + (long)(_options.StartWait.TotalSeconds * Stopwatch.Frequency);
        while (_present.Count < Nations.Count && Stopwatch.GetTimestamp() < until)
            await ReadAsync(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);

        var finished = false;
        var plots = new List<Plot>();
        var detected = new List<int>();
        var iff = new List<IffReply>();
        var adsb = new List<AdsbReport>();
        for (long k = 0; !finished; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var tickStart = Stopwatch.GetTimestamp();
            Tick = k;
            Time = k * _tick;
            var events = World.AdvanceTo(Time);
            plots.Clear();
            detected.Clear();
            foreach (var sensor in _sensors) sensor.Observe(Time, World.Threats, _sensorRng, plots, detected);
            var iffByNation = Nations.ToDictionary(n => n, _ => new List<IffRecord>(), StringComparer.Ordinal);
            foreach (var interrogator in _interrogators)
            {
                iff.Clear();
                interrogator.Interrogate(Time, World.Threats, _identityRng, iff);
                if (!_nationOfSensor.TryGetValue(interrogator.Sensor, out var owner) || !iffByNation.TryGetValue(owner, out var list)) continue;
                list.AddRange(iff.Select(r => new IffRecord(interrogator.Sensor.Value, r.Time, Wire.ToArray(r.Position), r.Mode3A, r.Mode5Valid, r.HorizontalSigma)));
            }
            adsb.Clear();
            _adsb.Receive(Time, World.Threats, _identityRng, adsb);
            var adsbRecords = adsb.Select(a => new AdsbRecord(a.Address, a.Time, Wire.ToArray(a.Position))).ToList();
            _answers.Clear();
            foreach (var nation in Nations)
            {
                var mine = plots.Where(p => _nationOfSensor.GetValueOrDefault(p.Sensor) == nation).Select(p => Wire.ToRecord(p)).ToList();
                await _link.PublishToAsync(FederationTopology.WorldExchange(nation), new WorldTick(nation, k, Time, mine, iffByNation[nation], adsbRecords, false))
                    .ConfigureAwait(false);
            }
            var deadline = Stopwatch.GetTimestamp() + (long)(_options.TickWait.TotalSeconds * Stopwatch.Frequency);
            // a nation that missed its last tick is not waited for (a dead node must not stall the others) until it is heard again
            while (Nations.Any(n => !_answers.ContainsKey(n) && !_absent.Contains(n)) && Stopwatch.GetTimestamp() < deadline)
                await ReadAsync(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline), cancellationToken).ConfigureAwait(false);
            LateAnswers += Nations.Count - _answers.Count;
            foreach (var n in Nations.Where(n => !_answers.ContainsKey(n))) _absent.Add(n);
            var shots = new List<ShotOrder>();
            var tracks = new List<Track>();
            foreach (var nation in Nations)
            {
                if (!_answers.TryGetValue(nation, out var done)) continue;
                foreach (var s in done.Shots)
                {
                    if (!_units.TryGetValue(s.UnitId, out var unit) || _scenario.NationOf(unit) != nation)
                    {
                        RejectedShots++;
                        continue;
                    }
                    var order = new ShotOrder(s.ShotId, new WeaponAssignment(unit, s.TrackId, s.Rounds, s.LaunchTime, s.InterceptTime,
                        Wire.ToVec3(s.InterceptPoint), s.KillProbability, Money.FromDollars(s.CostDollars)));
                    World.Fire(order);
                    shots.Add(order);
                    var position = new Core.Geometry.Vec3(s.TrackState[0], s.TrackState[1], s.TrackState[2]);
                    tracks.Add(new Track(s.TrackId, TrackStatus.Confirmed, Time, position, new Core.Geometry.Vec3(s.TrackState[3], s.TrackState[4], s.TrackState[5]),
                        default, Time, Time, 1));
                    NoteEngagement(nation, position);
                }
            }
            Recorder.Record(events, detected, new PipelineStep(Time, tracks, [], [.. shots.Select(s => s.Assignment)], new EngagementStep(shots, [])));
            if (World.Finished || (k + 1) * _tick > _end) finished = true;
            var rest = _options.Pace - Stopwatch.GetElapsedTime(tickStart);
            if (rest > TimeSpan.Zero) await Task.Delay(rest, cancellationToken).ConfigureAwait(false);
        }
        foreach (var nation in Nations)
            await _link.PublishToAsync(FederationTopology.WorldExchange(nation), new WorldTick(nation, Tick + 1, Time + _tick, [], [], [], true)).ConfigureAwait(false);
        return new FederatedRun(Recorder.Result(Time), Nations, Tick + 1, LateAnswers, RejectedShots, _nationsByThreat.Values.Count(n => n.Count > 1), clock.Elapsed);
    }

    private async Task ReadAsync(TimeSpan timeout, CancellationToken ct)
    {
        if (timeout <= TimeSpan.Zero) return;
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
        wait.CancelAfter(timeout);
        try
        {
            if (!await _link.Received.WaitToReadAsync(wait.Token).ConfigureAwait(false)) return;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return;
        }
        while (_link.Received.TryRead(out var m))
        {
            switch (m.Payload)
            {
                case Heartbeat h:
                    _present.Add(h.Nation);
                    _absent.Remove(h.Nation);
                    break;
                case TickDone d:
                    _present.Add(d.Nation);
                    _absent.Remove(d.Nation);
                    if (d.Tick == Tick) _answers[d.Nation] = d;
                    break;
            }
        }
    }

    private void NoteEngagement(string nation, Core.Geometry.Vec3 position)
    {
        SimulatedThreat? nearest = null;
        var best = 3000.0 * 3000.0;
        foreach (var t in World.Threats)
        {
            if (!t.IsFlying) continue;
            var d2 = (t.Enu - position).LengthSquared;
            if (d2 < best) (best, nearest) = (d2, t);
        }
        if (nearest is null) return;
        if (!_nationsByThreat.TryGetValue(nearest.Id, out var set)) _nationsByThreat[nearest.Id] = set = new HashSet<string>(StringComparer.Ordinal);
        set.Add(nation);
    }
}
