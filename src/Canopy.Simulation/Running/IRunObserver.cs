using Canopy.Core.Sensing;
using Canopy.Pipeline;
using Canopy.World;

namespace Canopy.Simulation.Running;

/// <summary>Sees every tick of a run as it happens: the world (truth), the plots the sensors made and what the pipeline did with them.</summary>
public interface IRunObserver
{
    void OnTick(double time, SimulatedWorld world, ReadOnlySpan<Plot> plots, PipelineStep step);
}
