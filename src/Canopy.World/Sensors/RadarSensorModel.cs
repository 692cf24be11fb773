using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Randomness;
using Canopy.Core.Sensing;
using Canopy.World.Raids;

namespace Canopy.World.Sensors;

/// <summary>
/// A surveillance radar that scans its whole volume once per revisit period: each threat inside the maximum range and
/// above the 4/3-Earth radar horizon is detected with the detection probability and reported in range, azimuth and
/// elevation with Gaussian noise; a Poisson number of false alarms per scan is spread uniformly over the coverage.
/// </summary>
public sealed class RadarSensorModel : ISensorModel
{
    /// <summary>Highest elevation at which false alarms appear.</summary>
    private const double ClutterMaxElevation = 0.2;

    private readonly RadarSpec _spec;
    private readonly LocalFrame _frame;
    private readonly double _antennaHeight;
    private double _nextScan;

    /// <param name="firstScan">Time of the first scan; radars are not synchronised.</param>
    public RadarSensorModel(RadarSpec spec, double firstScan)
    {
        _spec = spec;
        _frame = new LocalFrame(spec.Antenna);
        _antennaHeight = spec.Antenna.HeightM;
        _nextScan = firstScan;
    }

    public SensorId Id => _spec.Id;

    public void Observe(double time, IReadOnlyList<SimulatedThreat> threats, Random rng, List<Plot> plots, List<int> detected)
    {
        if (time < _nextScan) return;
        while (_nextScan <= time) _nextScan += _spec.RevisitPeriod.Seconds;

        var maxRange = _spec.MaxRange.Metres;
        var pd = _spec.DetectionProbability.Value;
        for (var i = 0; i < threats.Count; i++)
        {
            var threat = threats[i];
            if (!threat.IsFlying) continue;
            var enu = _frame.EcefToEnu(threat.Ecef);
            var range = enu.Length;
            if (range > maxRange || !RadarHorizon.IsVisible(_antennaHeight, threat.Height, range)) continue;
            if (rng.NextDouble() >= pd) continue;
            var (r, az, el) = LocalFrame.ToPolar(enu);
            plots.Add(Plot.Polar(_spec.Id, time,
                Math.Max(0, rng.NextGaussian(r, _spec.RangeSigma.Metres)),
                Angles.WrapTwoPi(rng.NextGaussian(az, _spec.AzimuthSigma.Radians)),
                rng.NextGaussian(el, _spec.ElevationSigma.Radians)));
            detected.Add(threat.Id);
        }

        var falseAlarms = rng.NextPoisson(_spec.FalseAlarmsPerScan);
        for (var k = 0; k < falseAlarms; k++)
        {
            // Uniform over the coverage disc: range density grows with range.
            var r = maxRange * Math.Sqrt(rng.NextDouble());
            plots.Add(Plot.Polar(_spec.Id, time, r, rng.NextUniform(0, 2 * Math.PI), rng.NextUniform(0, ClutterMaxElevation)));
        }
    }
}
