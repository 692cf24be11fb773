using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Randomness;
using Canopy.Core.Sensing;
using Canopy.World.Raids;

namespace Canopy.World.Sensors;

/// <summary>An acoustic post: hears each threat within its detection radius (slant range) and reports a noisy bearing.</summary>
public sealed class AcousticSensorModel : ISensorModel
{
    private readonly AcousticSpec _spec;
    private readonly LocalFrame _frame;
    private double _nextReport;

    public AcousticSensorModel(AcousticSpec spec, double firstReport)
    {
        _spec = spec;
        _frame = new LocalFrame(spec.Antenna);
        _nextReport = firstReport;
    }

    public SensorId Id => _spec.Id;

    public void Observe(double time, IReadOnlyList<SimulatedThreat> threats, Random rng, List<Plot> plots, List<int> detected)
    {
        if (time < _nextReport) return;
        _nextReport = time + _spec.ReportPeriod.Seconds;
        var radius = _spec.DetectionRadius.Metres;
        for (var i = 0; i < threats.Count; i++)
        {
            var threat = threats[i];
            if (!threat.IsFlying) continue;
            var enu = _frame.EcefToEnu(threat.Ecef);
            if (enu.Length > radius || rng.NextDouble() >= _spec.DetectionProbability.Value) continue;
            var (_, az, _) = LocalFrame.ToPolar(enu);
            plots.Add(Plot.Bearing(_spec.Id, time, Angles.WrapTwoPi(rng.NextGaussian(az, _spec.BearingSigma.Radians))));
            detected.Add(threat.Id);
        }
    }
}
