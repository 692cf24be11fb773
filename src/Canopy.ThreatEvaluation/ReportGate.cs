using Canopy.Core.Geometry;
using Canopy.Tracking;

namespace Canopy.ThreatEvaluation;

/// <summary>
/// The gate of a cooperative report (ADS-B position, IFF reply): the track's position carried along its velocity to the
/// report's time lies within <paramref name="Horizontal"/> metres horizontally and <paramref name="Vertical"/> metres
/// vertically of the reported position, and the report is at most <paramref name="MaxAge"/> seconds from now. Each gate
/// widens to three standard deviations of the track's own position error when that is larger: a radar track's height,
/// from its elevation, can be a kilometre off at 200 km, while the report's (GNSS, Mode C) is within tens of metres.
/// </summary>
public readonly record struct ReportGate(double Horizontal, double Vertical, double MaxAge)
{
    /// <summary>Whether a report made at <paramref name="reportTime"/> at <paramref name="reported"/> falls in the track's gate.</summary>
    public bool Contains(Track track, double time, double reportTime, Vec3 reported)
    {
        if (Math.Abs(time - reportTime) > MaxAge) return false;
        var d = track.Position + track.Velocity * (reportTime - track.Time) - reported;
        double horizontal = Horizontal, vertical = Vertical;
        if (track.Covariance.Length >= 36)
        {
            horizontal = Math.Max(horizontal, 3 * Math.Sqrt(Math.Max(track.PositionVariance(0), track.PositionVariance(1))));
            vertical = Math.Max(vertical, 3 * Math.Sqrt(track.PositionVariance(2)));
        }
        return Math.Abs(d.Z) <= vertical && d.X * d.X + d.Y * d.Y <= horizontal * horizontal;
    }
}
