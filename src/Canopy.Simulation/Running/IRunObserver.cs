using Canopy.Core.Sensing;
using Canopy.Pipeline;
using Canopy.ThreatEvaluation;
using Canopy.World;

namespace Canopy.Simulation.Running;

/// <summary>Sees every tick of a run after the pipeline has stepped: for exports and live feeds. Must not change the world.</summary>
public interface IRunObserver
{
    void OnTick(double time, SimulatedWorld world, ReadOnlySpan<Plot> plots, PipelineStep step);

    /// <summary>
    /// Told, before the tick's <see cref="OnTick"/>, of the IFF replies one radar's interrogator heard at that tick (only when the
    /// pipeline has an identity stage; ignored by default).
    /// </summary>
    void OnIffReplies(double time, SensorId interrogator, ReadOnlySpan<IffReply> replies) { }

    /// <summary>Told, before the tick's <see cref="OnTick"/>, of the ADS-B reports received at that tick (only when the pipeline has an identity stage; ignored by default).</summary>
    void OnAdsbReports(double time, ReadOnlySpan<AdsbReport> reports) { }
}
