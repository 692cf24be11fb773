using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;

namespace Canopy.Tracking.Metrics;

/// <summary>
/// Where a set of radars can see: a point of the common east/north/up frame is covered when some radar has it within
/// its maximum range and above its radar horizon, d = 4.12 km·(√h_radar + √h_target) with heights in metres above
/// the ellipsoid (<see cref="RadarHorizon"/>), as the simulated radars decide. It also gives the accuracy with which
/// the covering radars measure a point.
/// </summary>
public sealed class RadarCoverage
{
    private readonly LocalFrame _frame;
    private readonly (Vec3 Origin, double MaxRange, double Height)[] _radars;
    private readonly (SensorGeometry Site, RadarSpec Spec)[] _sites;

    /// <param name="frame">The common frame of the points asked about.</param>
    /// <param name="radars">The radars; each antenna at <see cref="SensorSpec.Antenna"/>.</param>
    public RadarCoverage(LocalFrame frame, IEnumerable<RadarSpec> radars)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(radars);
        _frame = frame;
        var list = radars.ToList();
        _radars = list.Select(r => (frame.ToEnu(r.Antenna), r.MaxRange.Metres, r.Antenna.HeightM)).ToArray();
        _sites = list.Select(r => (new SensorGeometry(frame, r), r)).ToArray();
    }

    /// <summary>
    /// The covariance (3 x 3, row-major, common frame) of one plot of <paramref name="point"/> by the covering radar
    /// that measures it best (smallest trace): range, azimuth and elevation noise converted to east/north/up.
    /// False when no radar covers the point.
    /// </summary>
    public bool TryPlotCovariance(Vec3 point, Span<double> covariance)
    {
        Span<double> candidate = stackalloc double[9];
        var best = double.PositiveInfinity;
        var height = double.NaN;
        for (var i = 0; i < _radars.Length; i++)
        {
            var (origin, maxRange, radarHeight) = _radars[i];
            var range = (point - origin).Length;
            if (range > maxRange) continue;
            if (double.IsNaN(height)) height = _frame.ToGeodetic(point).HeightM;
            if (range > RadarHorizon.Distance(radarHeight, height)) continue;
            var (site, spec) = _sites[i];
            var (r, az, el) = LocalFrame.ToPolar(site.RotateToSensor(point - site.Origin));
            site.ConvertPolar(r, az, el, spec.RangeSigma.Metres, spec.AzimuthSigma.Radians, spec.ElevationSigma.Radians, candidate);
            var trace = candidate[0] + candidate[4] + candidate[8];
            if (trace >= best) continue;
            best = trace;
            candidate.CopyTo(covariance);
        }
        return best < double.PositiveInfinity;
    }

    /// <summary>Whether some radar sees <paramref name="point"/> (common-frame metres).</summary>
    public bool Covers(Vec3 point)
    {
        var height = double.NaN;
        foreach (var (origin, maxRange, radarHeight) in _radars)
        {
            var range = (point - origin).Length;
            if (range > maxRange) continue;
            if (double.IsNaN(height)) height = _frame.ToGeodetic(point).HeightM;
            if (range <= RadarHorizon.Distance(radarHeight, height)) return true;
        }
        return false;
    }
}
