namespace Canopy.Scenarios.Loading;

/// <summary>
/// The physical range of every quantity a scenario file gives, in SI units: wide enough for any real air defence
/// (exo-atmospheric interceptors, aerostat radars, intercontinental missiles), narrow enough that the simulation never
/// meets an infinity, a denormal step or a loop that cannot end. docs/scenarios.md, "Limits", lists them.
/// </summary>
internal static class ScenarioRanges
{
    /// <summary>Height of a position above the ellipsoid: the Dead Sea shore to above the highest summit.</summary>
    public static readonly NumberRange Height = NumberRange.Between(-1_000, 10_000, "[-1 km, 10 km]");

    public static readonly NumberRange RegionRadius = NumberRange.PositiveUpTo(3_000_000, "3000 km");

    /// <summary>Antenna above its ground position: a mast to a tethered aerostat.</summary>
    public static readonly NumberRange AntennaHeight = NumberRange.UpTo(5_000, "5 km");

    /// <summary>Ids from 65536 on are the partner feeds' system tracks.</summary>
    public static readonly NumberRange SensorId = NumberRange.Between(0, 65_535, "[0, 65535]");

    public static readonly NumberRange RadarRange = NumberRange.PositiveUpTo(5_000_000, "5000 km");

    /// <summary>Radar revisit and acoustic report period: the tracker adds an empty scan for every period without plots.</summary>
    public static readonly NumberRange ScanPeriod = NumberRange.Between(ScenarioLimits.MinScanPeriodSeconds, 600, "[100 ms, 10 min]");

    public static readonly NumberRange RangeNoise = NumberRange.UpTo(10_000, "10 km");

    public static readonly NumberRange AngleNoise = NumberRange.UpTo(30 * Math.PI / 180, "30 deg");

    public static readonly NumberRange RangeRateNoise = NumberRange.PositiveUpTo(1_000, "1000 m/s");

    public static readonly NumberRange FalseAlarmsPerScan = NumberRange.UpTo(ScenarioLimits.MaxFalseAlarmsPerScan, "10000");

    public static readonly NumberRange AcousticRadius = NumberRange.PositiveUpTo(50_000, "50 km");

    public static readonly NumberRange EffectorMinRange = NumberRange.UpTo(3_000_000, "3000 km");

    public static readonly NumberRange EffectorMaxRange = NumberRange.PositiveUpTo(3_000_000, "3000 km");

    public static readonly NumberRange EffectorMaxAltitude = NumberRange.PositiveUpTo(2_000_000, "2000 km");

    public static readonly NumberRange InterceptorSpeed = NumberRange.PositiveUpTo(10_000, "10 km/s");

    public static readonly NumberRange Magazine = NumberRange.Between(1, 100_000, "[1, 100000]");

    public static readonly NumberRange SalvoSize = NumberRange.Between(1, 100, "[1, 100]");

    public static readonly NumberRange ReloadTime = NumberRange.UpTo(86_400, "24 h");

    public static readonly NumberRange ReactionTime = NumberRange.UpTo(3_600, "1 h");

    /// <summary>Price of a round, of a threat, or of one unit of value.</summary>
    public static readonly NumberRange Cost = NumberRange.UpTo(10e9, "10 B$");

    public static readonly NumberRange ValueUnit = NumberRange.PositiveUpTo(10e9, "10 B$");

    public static readonly NumberRange AssetRadius = NumberRange.PositiveUpTo(100_000, "100 km");

    public static readonly NumberRange AssetValue = NumberRange.PositiveUpTo(1e9, "1e9");

    public static readonly NumberRange Tick = NumberRange.Between(ScenarioLimits.MinTickSeconds, 60, "[10 ms, 1 min]");

    public static readonly NumberRange MaxDuration = NumberRange.PositiveUpTo(ScenarioLimits.MaxDurationSeconds, "48 h");

    /// <summary>A time after the scenario start: a launch or an aircraft's appearance.</summary>
    public static readonly NumberRange StartTime = NumberRange.UpTo(ScenarioLimits.MaxDurationSeconds, "48 h");

    public static readonly NumberRange ThreatCount = NumberRange.Between(1, ScenarioLimits.MaxThreatsPerNight, $"[1, {ScenarioLimits.MaxThreatsPerNight}]");

    public static readonly NumberRange LaunchRadius = NumberRange.UpTo(1_000_000, "1000 km");

    public static readonly NumberRange TargetWeight = NumberRange.PositiveUpTo(1e6, "1e6");

    /// <summary>Route spread, altitude spread and aim error: how far a threat strays from the wave's plan.</summary>
    public static readonly NumberRange Scatter = NumberRange.UpTo(100_000, "100 km");

    /// <summary>Speed of a threat: a slow drone to an intercontinental missile's mean.</summary>
    public static readonly NumberRange ThreatSpeed = NumberRange.Between(1, 10_000, "[1 m/s, 10 km/s]");

    /// <summary>Cruise altitude, or a ballistic missile's apogee.</summary>
    public static readonly NumberRange ThreatAltitude = NumberRange.PositiveUpTo(1_500_000, "1500 km");

    public static readonly NumberRange FlightTime = NumberRange.PositiveUpTo(3_600, "1 h");

    public static readonly NumberRange AircraftSpeed = NumberRange.Between(1, 1_000, "[1 m/s, 1000 m/s]");

    public static readonly NumberRange AircraftAltitude = NumberRange.PositiveUpTo(30_000, "30 km");
}
