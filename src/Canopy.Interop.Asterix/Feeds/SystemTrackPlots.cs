using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.Core.Sensing;
using Canopy.Interop.Asterix.Categories;
using Canopy.Interop.Asterix.Coding;

namespace Canopy.Interop.Asterix.Feeds;

/// <summary>
/// Another system's CAT062 tracks as position plots for Canopy's tracker. Each CAT062 source (SAC/SIC) is one position sensor
/// with id <c>65536 + 256 SAC + SIC</c>, so it can never collide with a radar (whose ids fit 0..255, SIC = sensor id). The
/// position is I105 (WGS-84 latitude and longitude) with a height from I130 (geometric altitude, taken as height above the
/// ellipsoid), else I135 (barometric altitude), else I136 (measured flight level); flight levels are pressure altitudes of 100 ft,
/// taken as heights without a QNH correction. Tracks without I105 or without any height are not used, nor are tentative tracks
/// (I080 CNF set): the partner's own false tracks would otherwise be confirmed again here.
/// </summary>
public static class SystemTrackPlots
{
    /// <summary>The first sensor id of CAT062 sources.</summary>
    public const int FirstSensorId = 65536;

    public static SensorId SensorOf(DataSource source) => new(FirstSensorId + (source.Sac << 8) + source.Sic);

    /// <summary>True when I080 says the track is tentative (CNF, bit 2 of its first octet).</summary>
    public static bool Tentative(in Cat062Record record) => record.Has(Cat062Items.I080) && (record.TrackStatus.Octet(0) & 0b10) != 0;

    /// <summary>False when a track's I105 position lies beyond the poles or the antimeridian.</summary>
    public static bool Plausible(in Cat062Record record) =>
        !record.Has(Cat062Items.I105) || (Math.Abs(record.LatitudeDegrees) <= 90 && Math.Abs(record.LongitudeDegrees) <= 180);

    /// <summary>The track's position in the frame's ENU coordinates, or null without I105 or a height, or with a position out of range.</summary>
    public static Vec3? Position(in Cat062Record record, LocalFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (!record.Has(Cat062Items.I105)) return null;
        double height;
        if (record.Has(Cat062Items.I130)) height = record.GeometricAltitudeMetres;
        else if (record.Has(Cat062Items.I135)) height = record.BarometricFlightLevel * Units.FlightLevel;
        else if (record.Has(Cat062Items.I136)) height = record.MeasuredFlightLevel / 4.0 * Units.FlightLevel;
        else return null;
        return Geodetic.TryFromDegrees(record.LatitudeDegrees, record.LongitudeDegrees, height, out var position) ? frame.ToEnu(position) : null;
    }
}
