using Canopy.Core.Defence;

namespace Canopy.World.Sensors;

/// <summary>Builds the simulated sensor for each sensor of a scenario, each starting at a random phase of its period.</summary>
public static class SensorModels
{
    public static IReadOnlyList<ISensorModel> Create(IReadOnlyList<SensorSpec> specs, Random phaseRng)
    {
        var models = new List<ISensorModel>(specs.Count);
        foreach (var spec in specs)
        {
            models.Add(spec switch
            {
                RadarSpec r => new RadarSensorModel(r, phaseRng.NextDouble() * r.RevisitPeriod.Seconds),
                AcousticSpec a => new AcousticSensorModel(a, phaseRng.NextDouble() * a.ReportPeriod.Seconds),
                _ => throw new NotSupportedException($"no simulated model for sensor {spec.Name} ({spec.GetType().Name})"),
            });
        }
        return models;
    }
}
