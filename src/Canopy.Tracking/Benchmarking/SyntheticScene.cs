using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.Core.Quantities;
using Canopy.Core.Randomness;
using Canopy.Core.Sensing;

namespace Canopy.Tracking.Benchmarking;

/// <summary>
/// A synthetic tracking scene for benchmarks: constant-velocity targets spread over a square country-size area,
/// seen by radars on a regular grid over it, each scanning once a second (radar i of n at i/n s past the second,
/// so asynchronously) with detection probability PD and Poisson clutter. Targets fly 1 to 10 km up (above every radar's horizon) at 50 to 250 m/s. All draws come
/// from the seeded <see cref="Random"/> given.
/// </summary>
public sealed class SyntheticScene
{
    private readonly Vec3[] _start;
    private readonly Vec3[] _velocity;
    private readonly SensorGeometry[] _sites;
    private readonly Random _rng;

    /// <param name="targets">Number of simultaneous targets.</param>
    /// <param name="radars">Number of radars (laid out on a near-square grid).</param>
    /// <param name="side">Side of the square area, m.</param>
    /// <param name="radarRange">Instrumented range of every radar, m.</param>
    /// <param name="falseAlarmsPerScan">Mean false plots per radar scan.</param>
    /// <param name="rng">The only source of randomness.</param>
    public SyntheticScene(int targets, int radars, double side, double radarRange, double falseAlarmsPerScan, Random rng)
    {
        ArgumentNullException.ThrowIfNull(rng);
        _rng = rng;
        FalseAlarmsPerScan = falseAlarmsPerScan;
        Frame = new LocalFrame(Geodetic.FromDegrees(50, 30));
        var columns = (int)Math.Ceiling(Math.Sqrt(radars));
        var rows = (radars + columns - 1) / columns;
        var specs = new SensorSpec[radars];
        _sites = new SensorGeometry[radars];
        for (var i = 0; i < radars; i++)
        {
            var east = side * ((i % columns) + 0.5) / columns - side / 2;
            var north = side * ((i / columns) + 0.5) / rows - side / 2;
            var radar = new RadarSpec(new SensorId(i + 1), "radar" + (i + 1), Frame.ToGeodetic(new Vec3(east, north, 0)).WithHeight(100),
                Length.FromMetres(20), Length.FromMetres(radarRange), Duration.FromSeconds(1), Length.FromMetres(20),
                Angle.FromDegrees(0.1), Angle.FromDegrees(0.1), Probability.Of(0.9), falseAlarmsPerScan);
            specs[i] = radar;
            _sites[i] = new SensorGeometry(Frame, radar);
        }
        Layout = new DefenceLayout(Frame, [], specs, [], new DefencePolicy());
        _start = new Vec3[targets];
        _velocity = new Vec3[targets];
        for (var k = 0; k < targets; k++)
        {
            _start[k] = new Vec3(rng.NextUniform(-side / 2, side / 2), rng.NextUniform(-side / 2, side / 2), rng.NextUniform(1_000, 10_000));
            var (s, c) = Math.SinCos(rng.NextUniform(0, 2 * Math.PI));
            var speed = rng.NextUniform(50, 250);
            _velocity[k] = new Vec3(speed * s, speed * c, 0);
        }
    }

    public LocalFrame Frame { get; }

    /// <summary>The radars, as a layout a tracker can be built on.</summary>
    public DefenceLayout Layout { get; }

    public int Targets => _start.Length;

    public double FalseAlarmsPerScan { get; }

    /// <summary>Appends every radar's plots of the second starting at <paramref name="second"/> (detections, then clutter) to <paramref name="plots"/>.</summary>
    public void Scan(double second, List<Plot> plots)
    {
        ArgumentNullException.ThrowIfNull(plots);
        for (var i = 0; i < _sites.Length; i++)
        {
            var site = _sites[i];
            var time = second + (double)i / _sites.Length;
            var radar = (RadarSpec)site.Spec;
            var range = radar.MaxRange.Metres;
            for (var k = 0; k < _start.Length; k++)
            {
                var local = site.RotateToSensor(_start[k] + _velocity[k] * time - site.Origin);
                if (local.LengthSquared > range * range || _rng.NextDouble() > radar.DetectionProbability.Value) continue;
                var (r, az, el) = LocalFrame.ToPolar(local);
                plots.Add(Plot.Polar(radar.Id, time, _rng.NextGaussian(r, radar.RangeSigma.Metres),
                    _rng.NextGaussian(az, radar.AzimuthSigma.Radians), _rng.NextGaussian(el, radar.ElevationSigma.Radians)));
            }
            var clutter = _rng.NextPoisson(FalseAlarmsPerScan);
            for (var f = 0; f < clutter; f++)
                plots.Add(Plot.Polar(radar.Id, time, _rng.NextUniform(1_000, range), _rng.NextUniform(0, 2 * Math.PI), _rng.NextUniform(0, 0.2)));
        }
    }
}
