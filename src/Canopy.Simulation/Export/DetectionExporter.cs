using Canopy.Core.Defence;
using Canopy.Core.Geometry;
using Canopy.Core.Sensing;
using Canopy.Pipeline;
using Canopy.Scenarios.Model;
using Canopy.Simulation.Running;
using Canopy.Tracking;
using Canopy.Tracking.Files;
using Canopy.Tracking.Metrics;
using Canopy.World;
using Canopy.World.Raids;

namespace Canopy.Simulation.Export;

/// <summary>
/// Writes a run as files any tracker can share (docs/tracking-files.md): detections-&lt;sensor id&gt;.csv with each
/// radar's polar plots, sensors.yaml, truth.csv (every flying threat at every tick, in the scenario's common east/north/up
/// frame) and tracks.csv (the pipeline's confirmed tracks at every tick). Acoustic bearings are not exported.
/// </summary>
public sealed class DetectionExporter : IRunObserver, IDisposable
{
    /// <summary>Half the time step of the central difference that gives a threat's velocity from its flight path, s.</summary>
    private const double VelocityStep = 0.05;

    private readonly Dictionary<SensorId, StreamWriter> _detections = [];
    private readonly StreamWriter _truth;
    private readonly StreamWriter _tracks;

    /// <summary>Creates <paramref name="directory"/> if needed and writes sensors.yaml and the files' headers.</summary>
    public DetectionExporter(string directory, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        Directory.CreateDirectory(directory);
        var radars = scenario.Sensors.OfType<RadarSpec>().ToList();
        using (var sensors = new StreamWriter(Path.Combine(directory, "sensors.yaml")))
            SensorsFile.Write(sensors, scenario.Region.Centre, radars, []);
        foreach (var radar in radars)
        {
            var writer = new StreamWriter(Path.Combine(directory, $"detections-{radar.Id}.csv"));
            DetectionCsv.WriteHeader(writer, MeasurementKind.RangeAzimuthElevation, rangeRate: radar.RangeRateSigma is not null);
            _detections[radar.Id] = writer;
        }
        _truth = new StreamWriter(Path.Combine(directory, "truth.csv"));
        StateCsv.WriteHeader(_truth, StateFileKind.Truth);
        _tracks = new StreamWriter(Path.Combine(directory, "tracks.csv"));
        StateCsv.WriteHeader(_tracks, StateFileKind.Tracks);
    }

    public void OnTick(double time, SimulatedWorld world, ReadOnlySpan<Plot> plots, PipelineStep step)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(step);
        foreach (var plot in plots)
        {
            if (plot.Kind == MeasurementKind.RangeAzimuthElevation && _detections.TryGetValue(plot.Sensor, out var writer))
                DetectionCsv.WriteRow(writer, plot);
        }
        foreach (var threat in world.Threats)
        {
            if (threat.IsFlying) StateCsv.WriteRow(_truth, time, new TargetState(threat.Id, threat.Enu, Velocity(threat, time, world)));
        }
        foreach (var track in step.Tracks)
        {
            if (track.Status == TrackStatus.Confirmed)
                StateCsv.WriteRow(_tracks, time, new TargetState(track.Id, track.Position, track.Velocity));
        }
    }

    public void Dispose()
    {
        foreach (var writer in _detections.Values) writer.Dispose();
        _truth.Dispose();
        _tracks.Dispose();
    }

    /// <summary>Velocity in the common frame by a central difference along the flight path (one-sided at launch and impact).</summary>
    private static Vec3 Velocity(SimulatedThreat threat, double time, SimulatedWorld world)
    {
        var t = time - threat.LaunchTime;
        var before = Math.Max(0, t - VelocityStep);
        var after = Math.Min(threat.Path.Duration, t + VelocityStep);
        if (!(after > before)) return Vec3.Zero;
        var a = world.Frame.EcefToEnu(threat.Path.At(before).Ecef);
        var b = world.Frame.EcefToEnu(threat.Path.At(after).Ecef);
        return (b - a) / (after - before);
    }
}
