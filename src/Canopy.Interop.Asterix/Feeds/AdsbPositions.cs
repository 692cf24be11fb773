using Canopy.Core.Geodesy;
using Canopy.Interop.Asterix.Categories;
using Canopy.Interop.Asterix.Coding;
using Canopy.ThreatEvaluation;

namespace Canopy.Interop.Asterix.Feeds;

/// <summary>
/// CAT021 ADS-B reports as <see cref="AdsbReport"/>s for the civil identity stage: the aircraft's I080 address, the time of
/// I071 (else I073), the position of I131 (else I130) in the common ENU frame, at the height of I140 (geometric height, taken
/// as above the ellipsoid) else I145 (flight level, as a height without QNH correction). Reports lacking any of these are not used.
/// Edition 0.23 reports alike from I080, I030 (time of day), I130 and I140 (geometric altitude) else I145.
/// <see cref="ToRecord"/> and <see cref="ToRecordV023"/> write a report the other way (what `simulate --asterix-out` sends).
/// </summary>
public static class AdsbPositions
{
    /// <summary>The report of a record at its time of day on <paramref name="clock"/>; null when it lacks an item or a value is out of range.</summary>
    public static AdsbReport? Report(in Cat021Record record, LocalFrame frame, TimeOfDayClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return TimeOfDay(record) is { } timeOfDay && timeOfDay < Units.Day ? Report(record, frame, clock.ToTime(timeOfDay)) : null;
    }

    /// <summary>The report of a record at a pipeline time; null when it lacks an item or its position is out of range.</summary>
    public static AdsbReport? Report(in Cat021Record record, LocalFrame frame, double time)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (!record.Has(Cat021Items.I080)) return null;
        double latitude, longitude;
        if (record.Has(Cat021Items.I131)) (latitude, longitude) = (record.LatitudeHighResDegrees, record.LongitudeHighResDegrees);
        else if (record.Has(Cat021Items.I130)) (latitude, longitude) = (record.LatitudeDegrees, record.LongitudeDegrees);
        else return null;
        double height;
        if (record.Has(Cat021Items.I140)) height = record.GeometricHeightMetres;
        else if (record.Has(Cat021Items.I145)) height = record.FlightLevel / 4.0 * Units.FlightLevel;
        else return null;
        return Geodetic.TryFromDegrees(latitude, longitude, height, out var position)
            ? new AdsbReport(record.TargetAddress, time, frame.ToEnu(position))
            : null;
    }

    /// <summary>The time of day of I071 (else I073), in seconds as on the wire (up to 131,072: the caller checks the day); null without either.</summary>
    public static double? TimeOfDay(in Cat021Record record) =>
        record.Has(Cat021Items.I071) ? record.TimeOfPosition / 128.0
        : record.Has(Cat021Items.I073) ? record.TimeOfReception / 128.0
        : null;

    /// <summary>False when a record's position lies beyond the poles or the antimeridian (I131, else I130).</summary>
    public static bool Plausible(in Cat021Record record) =>
        record.Has(Cat021Items.I131) ? Math.Abs(record.LatitudeHighResDegrees) <= 90 && Math.Abs(record.LongitudeHighResDegrees) <= 180
        : !record.Has(Cat021Items.I130) || (Math.Abs(record.LatitudeDegrees) <= 90 && Math.Abs(record.LongitudeDegrees) <= 180);

    /// <summary>False when an edition 0.23 record's I130 position lies beyond the poles or the antimeridian.</summary>
    public static bool Plausible(in Cat021V023Record record) =>
        !record.Has(Cat021V023Items.I130) || (Math.Abs(record.LatitudeDegrees) <= 90 && Math.Abs(record.LongitudeDegrees) <= 180);

    /// <summary>The report of an edition 0.23 record at its time of day on <paramref name="clock"/>; null when it lacks an item or a value is out of range.</summary>
    public static AdsbReport? Report(in Cat021V023Record record, LocalFrame frame, TimeOfDayClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return record.Has(Cat021V023Items.I030) && record.TimeOfDaySeconds < Units.Day ? Report(record, frame, clock.ToTime(record.TimeOfDaySeconds)) : null;
    }

    /// <summary>The report of an edition 0.23 record at a pipeline time; null when it lacks an item or its position is out of range.</summary>
    public static AdsbReport? Report(in Cat021V023Record record, LocalFrame frame, double time)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (!record.Has(Cat021V023Items.I080) || !record.Has(Cat021V023Items.I130)) return null;
        double height;
        if (record.Has(Cat021V023Items.I140)) height = record.GeometricAltitudeMetres;
        else if (record.Has(Cat021V023Items.I145)) height = record.FlightLevel / 4.0 * Units.FlightLevel;
        else return null;
        return Geodetic.TryFromDegrees(record.LatitudeDegrees, record.LongitudeDegrees, height, out var position)
            ? new AdsbReport(record.TargetAddress, time, frame.ToEnu(position))
            : null;
    }

    /// <summary>
    /// A report as a CAT021 2.x record: I010 the ground station, I040 (ATP 0: 24-bit ICAO address), I071 and I073 its time of day,
    /// I131 its position (180/2^30 deg), I080 its address, I140 its geometric height (its height above the ellipsoid) and I145 that
    /// height as a flight level (no QNH correction). Canopy's reports carry no callsign, so no I170.
    /// </summary>
    public static Cat021Record ToRecord(in AdsbReport report, LocalFrame frame, DataSource station, double timeOfDay)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var g = frame.ToGeodetic(report.Position);
        var time = (int)(Math.Round(timeOfDay * 128) % (Units.Day * 128));
        return new Cat021Record
        {
            Items = Cat021Items.I010 | Cat021Items.I040 | Cat021Items.I071 | Cat021Items.I131 | Cat021Items.I080 | Cat021Items.I073 |
                    Cat021Items.I140 | Cat021Items.I145,
            Source = station,
            Descriptor = new ExtensibleBits(0, 1),
            TimeOfPosition = time,
            TimeOfReception = time,
            LatitudeHighRes = (int)Math.Round(g.LatitudeDeg / (180.0 / (1 << 30))),
            LongitudeHighRes = (int)Math.Round(g.LongitudeDeg / (180.0 / (1 << 30))),
            TargetAddress = report.Address & 0xFFFFFF,
            GeometricHeight = (short)Math.Clamp(Math.Round(g.HeightM / (6.25 * Units.Foot)), short.MinValue, short.MaxValue),
            FlightLevel = FlightLevelOf(g.HeightM),
        };
    }

    /// <summary>A report as a CAT021 0.23 record: I010, I040 (ATP 0), I030, I130 (180/2^23 deg), I080, I140 and I145 as in <see cref="ToRecord"/>.</summary>
    public static Cat021V023Record ToRecordV023(in AdsbReport report, LocalFrame frame, DataSource station, double timeOfDay)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var g = frame.ToGeodetic(report.Position);
        return new Cat021V023Record
        {
            Items = Cat021V023Items.I010 | Cat021V023Items.I040 | Cat021V023Items.I030 | Cat021V023Items.I130 | Cat021V023Items.I080 |
                    Cat021V023Items.I140 | Cat021V023Items.I145,
            Source = station,
            TimeOfDay = (int)(Math.Round(timeOfDay * 128) % (Units.Day * 128)),
            Latitude = (int)Math.Round(g.LatitudeDeg / (180.0 / (1 << 23))),
            Longitude = (int)Math.Round(g.LongitudeDeg / (180.0 / (1 << 23))),
            TargetAddress = report.Address & 0xFFFFFF,
            GeometricAltitude = (short)Math.Clamp(Math.Round(g.HeightM / (6.25 * Units.Foot)), short.MinValue, short.MaxValue),
            FlightLevel = FlightLevelOf(g.HeightM),
        };
    }

    private static short FlightLevelOf(double height) => (short)Math.Clamp(Math.Round(height / Units.FlightLevel * 4), short.MinValue, short.MaxValue);
}
