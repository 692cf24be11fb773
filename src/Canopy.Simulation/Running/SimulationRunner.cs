using Canopy.Core.Defence;
using Canopy.Pipeline;
using Canopy.Scenarios.Model;
using Canopy.Simulation.Results;

namespace Canopy.Simulation.Running;

/// <summary>
/// Runs one night to its end: a <see cref="SimulationSession"/> stepped until the world is finished or the scenario's
/// maximum duration is reached. The same scenario and seed give the same result.
/// </summary>
public sealed class SimulationRunner(Func<DefenceLayout, DefencePipeline> createPipeline)
{
    public static SimulationRunner CreateDefault() => new(DefaultPipeline.Create);

    /// <param name="observer">Told of every tick (e.g. to export detections and truth, or send the plots as ASTERIX); null for none.</param>
    public RunResult Run(Scenario scenario, int seed, CancellationToken cancellationToken = default, IRunObserver? observer = null)
    {
        var session = new SimulationSession(scenario, seed, createPipeline, observer);
        while (!session.Finished)
        {
            cancellationToken.ThrowIfCancellationRequested();
            session.Step();
        }
        return session.Result();
    }
}

