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

    public RunResult Run(Scenario scenario, int seed, CancellationToken cancellationToken = default)
    {
        var session = new SimulationSession(scenario, seed, createPipeline);
        while (!session.Finished)
        {
            cancellationToken.ThrowIfCancellationRequested();
            session.Step();
        }
        return session.Result();
    }
}
