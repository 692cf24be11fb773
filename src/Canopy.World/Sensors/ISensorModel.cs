using Canopy.Core.Sensing;
using Canopy.World.Raids;

namespace Canopy.World.Sensors;

/// <summary>A simulated sensor: turns the truth into the plots the real sensor would report. It alone sees the truth.</summary>
public interface ISensorModel
{
    SensorId Id { get; }

    /// <summary>
    /// Called every simulation tick. When the sensor reports at <paramref name="time"/>, appends its plots (detections
    /// and false alarms) to <paramref name="plots"/> and the ids of the threats it detected to <paramref name="detected"/>.
    /// </summary>
    void Observe(double time, IReadOnlyList<SimulatedThreat> threats, Random rng, List<Plot> plots, List<int> detected);
}
