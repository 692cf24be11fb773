using Canopy.Core.Geodesy;
using Canopy.Core.Sensing;
using Canopy.Interop.Asterix.Categories;
using Canopy.Interop.Asterix.Coding;

namespace Canopy.Interop.Asterix.Feeds;

/// <summary>A radar known to the feed: Canopy's sensor id, the SAC/SIC it sends under, and its antenna position.</summary>
public sealed record RadarSite(SensorId Id, DataSource Source, Geodetic Antenna);

/// <summary>
/// Canopy plots as CAT048 target reports and back: RHO/THETA carry range and azimuth, I110 (height measured by a 3D radar, above
/// mean sea level) carries the elevation through a spherical Earth of mean radius, I140 the time of day. When a report has no
/// I110, its I090 flight level stands in for the height; with neither, the elevation is 0. Quantisation: 1/256 NM (7.2 m) in
/// range, 360/2^16 deg in azimuth, 25 ft in height, 1/128 s in time; heights beyond ±62 km and ranges beyond 256 NM are clamped.
/// A plot's range rate travels as I120's calculated Doppler speed (1 m/s, taken as positive receding); one beyond its
/// ±511 m/s is not sent, and a doubtful one (D set) is not read.
/// </summary>
public static class RadarPlots
{
    private const double Earth = Wgs84.MeanRadius;

    /// <summary>A polar plot as a CAT048 record (detection type single PSR); false for plots of other kinds.</summary>
    public static bool TryEncode(in Plot plot, RadarSite site, double timeOfDay, out Cat048Record record)
    {
        ArgumentNullException.ThrowIfNull(site);
        record = default;
        if (plot.Kind != MeasurementKind.RangeAzimuthElevation) return false;
        var height = HeightOf(plot.Range, plot.Elevation, site.Antenna.HeightM);
        record = new Cat048Record
        {
            Items = Cat048Items.I010 | Cat048Items.I140 | Cat048Items.I020 | Cat048Items.I040 | Cat048Items.I110,
            Source = site.Source,
            TimeOfDay = (int)(Math.Round(timeOfDay * 128) % (Units.Day * 128)),
            Descriptor = new ExtensibleBits(1 << 5, 1),
            Rho = (ushort)Math.Clamp(Math.Round(plot.Range / Units.NauticalMile * 256), 0, ushort.MaxValue),
            Theta = (ushort)((int)Math.Round(plot.Azimuth / (2 * Math.PI) * 65536) & 0xFFFF),
            Height3D = (short)Math.Clamp(Math.Round(height / (25 * Units.Foot)), -8192, 8191),
        };
        if (plot.HasRangeRate && Math.Round(plot.RangeRate) is >= -512 and <= 511 and var doppler)
        {
            record.Items |= Cat048Items.I120;
            record.DopplerCal = (ushort)((int)doppler & 0x3FF);
        }
        return true;
    }

    /// <summary>The plot a CAT048 record with I040 describes, at the given pipeline time.</summary>
    public static Plot Decode(in Cat048Record record, RadarSite site, double time)
    {
        ArgumentNullException.ThrowIfNull(site);
        var range = record.RangeMetres;
        var elevation = 0.0;
        if (record.Has(Cat048Items.I110)) elevation = ElevationOf(range, record.Height3DMetres, site.Antenna.HeightM);
        else if (record.Has(Cat048Items.I090)) elevation = ElevationOf(range, record.FlightLevel * Units.FlightLevel, site.Antenna.HeightM);
        var plot = Plot.Polar(site.Id, time, range, record.AzimuthRadians, elevation);
        return record.Has(Cat048Items.I120) && !record.DopplerDoubtful ? plot with { RangeRate = record.DopplerSpeedMetresPerSecond } : plot;
    }

    /// <summary>Height above the sphere of a target at slant range and elevation from an antenna at antennaHeight.</summary>
    public static double HeightOf(double range, double elevation, double antennaHeight)
    {
        var a = Earth + antennaHeight;
        return Math.Sqrt(range * range + a * a + 2 * range * a * Math.Sin(elevation)) - Earth;
    }

    /// <summary>Elevation of a target at slant range and height, the inverse of <see cref="HeightOf"/>.</summary>
    public static double ElevationOf(double range, double height, double antennaHeight)
    {
        if (range <= 0) return 0;
        var a = Earth + antennaHeight;
        var t = Earth + height;
        return Math.Asin(Math.Clamp((t * t - a * a - range * range) / (2 * range * a), -1, 1));
    }
}

/// <summary>
/// Turns ASTERIX times of day (which wrap at midnight) into a continuous time: seconds since a start time of day, counting the
/// midnights passed. A time more than 12 h before the latest one is taken as the next day; one more than 12 h after it as a
/// late report from the day before. <see cref="TryToTime"/> is the one for received times: it refuses a time of day that is not
/// one (24 bits of 1/128 s reach 131,072 s) or one implausibly far from the latest, and then leaves the clock as it was.
/// </summary>
public sealed class TimeOfDayClock(double startTimeOfDay)
{
    private double _latest = double.NaN;
    private int _day;

    /// <summary>The continuous time of the latest time of day seen; NaN before the first.</summary>
    public double Latest => _day * Units.Day + _latest - startTimeOfDay;

    public double ToTime(double timeOfDay)
    {
        if (double.IsNaN(_latest))
        {
            _day = timeOfDay < startTimeOfDay - Units.Day / 2 ? 1 : 0;
            _latest = timeOfDay;
        }
        else if (timeOfDay < _latest - Units.Day / 2)
        {
            _day++;
            _latest = timeOfDay;
        }
        else if (timeOfDay > _latest + Units.Day / 2)
        {
            return (_day - 1) * Units.Day + timeOfDay - startTimeOfDay;
        }
        else if (timeOfDay > _latest)
        {
            _latest = timeOfDay;
        }
        return _day * Units.Day + timeOfDay - startTimeOfDay;
    }

    /// <summary>
    /// The continuous time of a received time of day, as <see cref="ToTime"/> gives it (across midnight either way), when it lies
    /// in [0, 86400) and, once the clock has a time, at most <paramref name="maxLead"/> seconds after the latest time and at most
    /// <paramref name="maxLag"/> before it; otherwise false, and the clock is left as it was. The first time sets the clock.
    /// </summary>
    public bool TryToTime(double timeOfDay, double maxLead, double maxLag, out double time)
    {
        time = double.NaN;
        if (!(timeOfDay >= 0 && timeOfDay < Units.Day)) return false;
        if (!double.IsNaN(_latest))
        {
            var latest = Latest;
            var candidate = _day * Units.Day + timeOfDay - startTimeOfDay;
            if (candidate - latest > Units.Day / 2) candidate -= Units.Day;
            else if (latest - candidate > Units.Day / 2) candidate += Units.Day;
            if (!(candidate <= latest + maxLead && candidate >= latest - maxLag)) return false;
        }
        time = ToTime(timeOfDay);
        return true;
    }
}
