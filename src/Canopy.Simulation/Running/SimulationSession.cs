using System.Diagnostics;
using System.Runtime.InteropServices;
using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Randomness;
using Canopy.Core.Sensing;
using Canopy.Pipeline;
using Canopy.Scenarios.Model;
using Canopy.Simulation.Results;
using Canopy.ThreatEvaluation;
using Canopy.World;
using Canopy.World.Raids;
using Canopy.World.Sensors;

namespace Canopy.Simulation.Running;

/// <summary>
/// One night stepped a tick at a time: the simulated world and its sensors feed plots to the defence pipeline, and
/// the pipeline's shot orders go back to the world. Raid, sensor noise, sensor phases and kills draw from separate
/// streams derived from the seed, so the same scenario and seed give the same night. Aircraft's ADS-B reports and IFF
/// replies go to the pipeline's identity stage before each step. The batch runner steps it to the
/// end; a live server steps it against a clock.
/// </summary>
public sealed class SimulationSession
{
    private readonly IReadOnlyList<ISensorModel> _sensors;
    private readonly Random _sensorRng;
    private readonly List<Plot> _plots = [];
    private readonly List<int> _detected = [];
    private readonly IReadOnlyList<IffInterrogatorModel> _interrogators;
    private readonly AdsbReceiverModel _adsb = new();
    private readonly Random _identityRng;
    private readonly List<IffReply> _iffReplies = [];
    private readonly List<AdsbReport> _adsbReports = [];
    private readonly double _tick;
    private readonly double _end;
    private long _k;

    private readonly IRunObserver? _observer;

    /// <param name="observer">Told of every tick (e.g. to export detections and truth, or send the plots as ASTERIX); null for none.</param>
    public SimulationSession(Scenario scenario, int seed, Func<DefenceLayout, DefencePipeline> createPipeline, IRunObserver? observer = null)
    {
        _observer = observer;
        Scenario = scenario;
        Seed = seed;
        Frame = new LocalFrame(scenario.Region.Centre);
        Layout = new DefenceLayout(Frame, scenario.Assets, scenario.Sensors, scenario.Effectors, scenario.Policy);
        var threats = RaidGenerator.Generate(scenario, new Random(RandomExtensions.DeriveSeed(seed, 1)));
        threats.AddRange(AircraftGenerator.Generate(scenario, threats.Count + 1));
        _sensorRng = new Random(RandomExtensions.DeriveSeed(seed, 2));
        World = new SimulatedWorld(threats, scenario.Assets, Frame, new Random(RandomExtensions.DeriveSeed(seed, 3)));
        _sensors = SensorModels.Create(scenario.Sensors, new Random(RandomExtensions.DeriveSeed(seed, 4)));
        _identityRng = new Random(RandomExtensions.DeriveSeed(seed, 5));
        _interrogators = IffInterrogatorModel.Create(scenario.Sensors, Frame, _identityRng);
        Pipeline = createPipeline(Layout);
        Recorder = new RunRecorder(scenario.Name, seed, World, Layout);
        _tick = scenario.Simulation.Tick.Seconds;
        _end = scenario.Simulation.MaxDuration.Seconds;
    }

    public Scenario Scenario { get; }
    public int Seed { get; }
    public LocalFrame Frame { get; }
    public DefenceLayout Layout { get; }
    public SimulatedWorld World { get; }
    public DefencePipeline Pipeline { get; }
    public RunRecorder Recorder { get; }

    /// <summary>Simulated time of the last step, seconds from the start of the night.</summary>
    public double Time { get; private set; }

    /// <summary>Seconds of simulated time per step.</summary>
    public double Tick => _tick;

    /// <summary>The world has nothing left flying or to launch, or the scenario's maximum duration is reached.</summary>
    public bool Finished { get; private set; }

    /// <summary>
    /// When set, each step adds the time of its stages to it: the world and sensor models here, the pipeline's stages
    /// through <see cref="DefencePipeline.Times"/> (set with it), the recorder here.
    /// </summary>
    public StageTimes? Times
    {
        get => _times;
        set => _times = Pipeline.Times = value;
    }

    private StageTimes? _times;

    /// <summary>Advances one tick; returns what the pipeline did, or null when the night was already over.</summary>
    public PipelineStep? Step()
    {
        if (Finished) return null;
        var times = _times;
        var lap = times is null ? 0 : Stopwatch.GetTimestamp();
        Time = _k * _tick;
        _k++;
        var events = World.AdvanceTo(Time);
        if (times is not null) lap = times.Lap(Stage.World, lap);
        _plots.Clear();
        _detected.Clear();
        foreach (var sensor in _sensors) sensor.Observe(Time, World.Threats, _sensorRng, _plots, _detected);
        Identify();
        if (times is not null) lap = times.Lap(Stage.Sensors, lap);
        var step = Pipeline.Step(Time, CollectionsMarshal.AsSpan(_plots));
        if (times is not null) lap = Stopwatch.GetTimestamp();
        foreach (var shot in step.Engagements.Shots) World.Fire(shot);
        if (times is not null) lap = times.Lap(Stage.World, lap);
        Recorder.Record(events, _detected, step);
        times?.Lap(Stage.Recorder, lap);
        _observer?.OnTick(Time, World, CollectionsMarshal.AsSpan(_plots), step);
        if (World.Finished || _k * _tick > _end) Finished = true;
        return step;
    }

    /// <summary>Hands the pipeline's identity stage (when it has one) this tick's ADS-B reports and IFF replies.</summary>
    private void Identify()
    {
        if (Pipeline.Identity is not { } identity) return;
        _iffReplies.Clear();
        _adsbReports.Clear();
        foreach (var interrogator in _interrogators)
        {
            var first = _iffReplies.Count;
            interrogator.Interrogate(Time, World.Threats, _identityRng, _iffReplies);
            if (_iffReplies.Count > first) _observer?.OnIffReplies(Time, interrogator.Sensor, CollectionsMarshal.AsSpan(_iffReplies)[first..]);
        }
        _adsb.Receive(Time, World.Threats, _identityRng, _adsbReports);
        if (_adsbReports.Count > 0) _observer?.OnAdsbReports(Time, CollectionsMarshal.AsSpan(_adsbReports));
        foreach (var reply in _iffReplies) identity.Iff.Report(reply);
        foreach (var report in _adsbReports) identity.Adsb.Report(report);
    }

    /// <summary>The night's result so far (the final one once <see cref="Finished"/>).</summary>
    public RunResult Result() => Recorder.Result(Time);
}
