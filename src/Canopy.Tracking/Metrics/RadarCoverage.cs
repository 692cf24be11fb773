using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;

namespace Canopy.Tracking.Metrics;

/// <summary>
/// Where a set of radars can see: a point of the common east/north/up frame is covered when some radar has it within
/// its maximum range and above its radar horizon, d = 4.12 km·(√h_radar + √h_target) with heights in metres above
/// the ellipsoid (<see cref="RadarHorizon"/>), as the simulated radars decide.
/// </summary>
public sealed class RadarCoverage
{
    private readonly LocalFrame _frame;
    private readonly (Vec3 Origin, double MaxRange, double Height)[] _radars;

    /// <param name="frame">The common frame of the points asked about.</param>
    /// <param name="radars">The radars; each antenna at <see cref="SensorSpec.Antenna"/>.</param>
    public RadarCoverage(LocalFrame frame, IEnumerable<RadarSpec> radars)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(radars);
        _frame = frame;
        _radars = radars.Select(r => (frame.ToEnu(r.Antenna), r.MaxRange.Metres, r.Antenna.HeightM)).ToArray();
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
