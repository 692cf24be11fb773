using Canopy.Core.Sensing;
using Canopy.Pipeline;
using Canopy.World;

namespace Canopy.Simulation.Running;

/// <summary>Sees every tick of a run after the pipeline has stepped: for exports and live feeds. Must not change the world.</summary>
public interface IRunObserver
{
    void OnTick(double time, SimulatedWorld world, ReadOnlySpan<Plot> plots, PipelineStep step);
}
