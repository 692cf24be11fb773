using System.Runtime.InteropServices;
using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Randomness;
using Canopy.Core.Sensing;
using Canopy.Pipeline;
using Canopy.Scenarios.Model;
using Canopy.Simulation.Results;
using Canopy.World;
using Canopy.World.Raids;
using Canopy.World.Sensors;

namespace Canopy.Simulation.Running;

/// <summary>
/// Runs one night: the simulated world and its sensors feed plots to the same defence pipeline a live server runs, and
/// the pipeline's shot orders go back to the world. Raid, sensor noise, sensor phases and kills draw from separate
/// streams derived from the seed, so the same scenario and seed give the same result.
/// </summary>
public sealed class SimulationRunner(Func<DefenceLayout, DefencePipeline> createPipeline)
{
    public static SimulationRunner CreateDefault() => new(DefaultPipeline.Create);

    public RunResult Run(Scenario scenario, int seed, CancellationToken cancellationToken = default, IRunObserver? observer = null)
    {
        var frame = new LocalFrame(scenario.Region.Centre);
        var layout = new DefenceLayout(frame, scenario.Assets, scenario.Sensors, scenario.Effectors, scenario.Policy);
        var threats = RaidGenerator.Generate(scenario, new Random(RandomExtensions.DeriveSeed(seed, 1)));
        var sensorRng = new Random(RandomExtensions.DeriveSeed(seed, 2));
        var world = new SimulatedWorld(threats, scenario.Assets, frame, new Random(RandomExtensions.DeriveSeed(seed, 3)));
        var sensors = SensorModels.Create(scenario.Sensors, new Random(RandomExtensions.DeriveSeed(seed, 4)));
        var pipeline = createPipeline(layout);
        var recorder = new RunRecorder(scenario.Name, seed, world, scenario.Assets, scenario.Effectors);

        var plots = new List<Plot>();
        var detected = new List<int>();
        var tick = scenario.Simulation.Tick.Seconds;
        var end = scenario.Simulation.MaxDuration.Seconds;
        var time = 0.0;
        for (long k = 0; k * tick <= end; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            time = k * tick;
            var events = world.AdvanceTo(time);
            plots.Clear();
            detected.Clear();
            foreach (var sensor in sensors) sensor.Observe(time, world.Threats, sensorRng, plots, detected);
            var step = pipeline.Step(time, CollectionsMarshal.AsSpan(plots));
            foreach (var shot in step.Engagements.Shots) world.Fire(shot);
            recorder.Record(events, detected, step);
            observer?.OnTick(time, world, CollectionsMarshal.AsSpan(plots), step);
            if (world.Finished) break;
        }
        return recorder.Result(time);
    }
}
