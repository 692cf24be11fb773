using Canopy.Core.Geometry;
using Canopy.Tracking;

namespace Canopy.ThreatEvaluation;

/// <summary>
/// The gate of a cooperative report (ADS-B position, IFF reply): the track's position carried along its velocity to the
/// report's time lies within <paramref name="Horizontal"/> metres horizontally and <paramref name="Vertical"/> metres
/// vertically of the reported position, and the report is at most <paramref name="MaxAge"/> seconds from now. Each gate
/// widens to three standard deviations of the track's own position error at the report's time (position variance plus
/// velocity variance times the time carried, squared, plus the report's own horizontal variance) when that is larger:
/// a radar track's height, from its elevation, can be a kilometre off at 200 km, and a new track's climb rate hundreds
/// of metres a second; an IFF reply's bearing is as coarse as the radar's, while an ADS-B position (GNSS) or a Mode C
/// altitude is within tens of metres.
/// </summary>
public readonly record struct ReportGate(double Horizontal, double Vertical, double MaxAge)
{
    /// <summary>Whether a report made at <paramref name="reportTime"/> at <paramref name="reported"/> falls in the track's gate.</summary>
    /// <param name="reportVariance">The report's horizontal position variance per axis, m² (0 for GNSS positions).</param>
    public bool Contains(Track track, double time, double reportTime, Vec3 reported, double reportVariance = 0)
    {
        if (Math.Abs(time - reportTime) > MaxAge) return false;
        var dt = reportTime - track.Time;
        var d = track.Position + track.Velocity * dt - reported;
        double horizontal = Math.Max(Horizontal, 3 * Math.Sqrt(reportVariance)), vertical = Vertical;
        if (track.Covariance.Length >= 36)
        {
            horizontal = Math.Max(horizontal, 3 * Math.Sqrt(Math.Max(Variance(track, 0, dt), Variance(track, 1, dt)) + reportVariance));
            vertical = Math.Max(vertical, 3 * Math.Sqrt(Variance(track, 2, dt)));
        }
        return Math.Abs(d.Z) <= vertical && d.X * d.X + d.Y * d.Y <= horizontal * horizontal;
    }

    /// <summary>Variance of the track's position on one axis carried <paramref name="dt"/> seconds along its velocity.</summary>
    private static double Variance(Track track, int axis, double dt)
    {
        var c = track.Covariance;
        return c[axis * 7] + 2 * dt * c[axis * 6 + axis + 3] + dt * dt * c[(axis + 3) * 7];
    }
}
