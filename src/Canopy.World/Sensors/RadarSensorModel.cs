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
/// A radar with a range-rate noise also reports each plot's range rate: the threat's (a central difference of its
/// range along its flight path) with Gaussian noise, a false alarm's uniform within ±<see cref="ClutterMaxRangeRate"/>.
/// </summary>
public sealed class RadarSensorModel : ISensorModel
{
    /// <summary>Highest elevation at which false alarms appear.</summary>
    private const double ClutterMaxElevation = 0.2;

    /// <summary>Largest range rate (m/s) of a false alarm: noise spread over the Doppler filters.</summary>
    private const double ClutterMaxRangeRate = 500;

    /// <summary>Half the time step (s) of the central difference that gives a threat's range rate.</summary>
    private const double RangeRateStep = 0.05;

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
            var plot = Plot.Polar(_spec.Id, time,
                Math.Max(0, rng.NextGaussian(r, _spec.RangeSigma.Metres)),
                Angles.WrapTwoPi(rng.NextGaussian(az, _spec.AzimuthSigma.Radians)),
                rng.NextGaussian(el, _spec.ElevationSigma.Radians));
            if (_spec.RangeRateSigma is { } sigma) plot = plot with { RangeRate = rng.NextGaussian(RangeRate(threat, time), sigma.MetresPerSecond) };
            plots.Add(plot);
            detected.Add(threat.Id);
        }

        var falseAlarms = rng.NextPoisson(_spec.FalseAlarmsPerScan);
        for (var k = 0; k < falseAlarms; k++)
        {
            // Uniform over the coverage disc: range density grows with range.
            var r = maxRange * Math.Sqrt(rng.NextDouble());
            var plot = Plot.Polar(_spec.Id, time, r, rng.NextUniform(0, 2 * Math.PI), rng.NextUniform(0, ClutterMaxElevation));
            if (_spec.RangeRateSigma is not null) plot = plot with { RangeRate = rng.NextUniform(-ClutterMaxRangeRate, ClutterMaxRangeRate) };
            plots.Add(plot);
        }
    }

    /// <summary>The threat's range rate (m/s) by a central difference along its flight path (one-sided at launch and impact).</summary>
    private double RangeRate(SimulatedThreat threat, double time)
    {
        var t = time - threat.LaunchTime;
        var before = Math.Max(0, t - RangeRateStep);
        var after = Math.Min(threat.Path.Duration, t + RangeRateStep);
        if (!(after > before)) return 0;
        var a = _frame.EcefToEnu(threat.Path.At(before).Ecef).Length;
        var b = _frame.EcefToEnu(threat.Path.At(after).Ecef).Length;
        return (b - a) / (after - before);
    }
}
