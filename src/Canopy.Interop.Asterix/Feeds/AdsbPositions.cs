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
/// </summary>
public static class AdsbPositions
{
    public static AdsbReport? Report(in Cat021Record record, LocalFrame frame, TimeOfDayClock clock)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(clock);
        if (!record.Has(Cat021Items.I080)) return null;
        double timeOfDay;
        if (record.Has(Cat021Items.I071)) timeOfDay = record.TimeOfPosition / 128.0;
        else if (record.Has(Cat021Items.I073)) timeOfDay = record.TimeOfReception / 128.0;
        else return null;
        double latitude, longitude;
        if (record.Has(Cat021Items.I131)) (latitude, longitude) = (record.LatitudeHighResDegrees, record.LongitudeHighResDegrees);
        else if (record.Has(Cat021Items.I130)) (latitude, longitude) = (record.LatitudeDegrees, record.LongitudeDegrees);
        else return null;
        double height;
        if (record.Has(Cat021Items.I140)) height = record.GeometricHeightMetres;
        else if (record.Has(Cat021Items.I145)) height = record.FlightLevel / 4.0 * Units.FlightLevel;
        else return null;
        return new AdsbReport(record.TargetAddress, clock.ToTime(timeOfDay), frame.ToEnu(Geodetic.FromDegrees(latitude, longitude, height)));
    }

    public static AdsbReport? Report(in Cat021V023Record record, LocalFrame frame, TimeOfDayClock clock)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(clock);
        if (!record.Has(Cat021V023Items.I080) || !record.Has(Cat021V023Items.I030) || !record.Has(Cat021V023Items.I130)) return null;
        double height;
        if (record.Has(Cat021V023Items.I140)) height = record.GeometricAltitudeMetres;
        else if (record.Has(Cat021V023Items.I145)) height = record.FlightLevel / 4.0 * Units.FlightLevel;
        else return null;
        var position = Geodetic.FromDegrees(record.LatitudeDegrees, record.LongitudeDegrees, height);
        return new AdsbReport(record.TargetAddress, clock.ToTime(record.TimeOfDaySeconds), frame.ToEnu(position));
    }
}
