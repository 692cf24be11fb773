using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;

namespace Canopy.World.Kinematics;

/// <summary>
/// Flight at constant ground speed through geodetic waypoints (each with its height), as drones and cruise missiles fly.
/// Between waypoints the threat moves along the chord and is pushed back out to the interpolated geocentric radius,
/// which follows the curved Earth to within metres on legs of a few hundred kilometres; its height is interpolated linearly.
/// </summary>
public sealed class WaypointFlightPath : IFlightPath
{
    private readonly Vec3[] _points;
    private readonly double[] _radii;
    private readonly double[] _heights;
    private readonly double[] _legStart;
    private readonly double _speed;

    public WaypointFlightPath(IReadOnlyList<Geodetic> waypoints, double speedMps)
    {
        if (waypoints.Count < 2) throw new ArgumentException("a route needs at least two waypoints", nameof(waypoints));
        if (!(speedMps > 0)) throw new ArgumentOutOfRangeException(nameof(speedMps), speedMps, "speed must be positive");
        _speed = speedMps;
        _points = new Vec3[waypoints.Count];
        _radii = new double[waypoints.Count];
        _heights = new double[waypoints.Count];
        _legStart = new double[waypoints.Count];
        for (var i = 0; i < waypoints.Count; i++)
        {
            _points[i] = Wgs84.ToEcef(waypoints[i]);
            _radii[i] = _points[i].Length;
            _heights[i] = waypoints[i].HeightM;
            if (i > 0) _legStart[i] = _legStart[i - 1] + Vec3.Distance(_points[i - 1], _points[i]);
        }
        Length = _legStart[^1];
        Duration = Length / speedMps;
    }

    /// <summary>Route length along the chords, metres.</summary>
    public double Length { get; }

    public double Duration { get; }

    public (Vec3 Ecef, double Height) At(double t)
    {
        var s = Math.Clamp(t, 0, Duration) * _speed;
        var i = 1;
        while (i < _legStart.Length - 1 && _legStart[i] < s) i++;
        var legLength = _legStart[i] - _legStart[i - 1];
        var f = legLength > 0 ? (s - _legStart[i - 1]) / legLength : 1;
        var chord = _points[i - 1] + (_points[i] - _points[i - 1]) * f;
        var radius = _radii[i - 1] + (_radii[i] - _radii[i - 1]) * f;
        return (chord * (radius / chord.Length), _heights[i - 1] + (_heights[i] - _heights[i - 1]) * f);
    }
}
