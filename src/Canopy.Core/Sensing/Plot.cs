using Canopy.Core.Geometry;

namespace Canopy.Core.Sensing;

/// <summary>Names a sensor across the pipeline (for ASTERIX, a SAC/SIC pair maps to one).</summary>
public readonly record struct SensorId(int Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public enum MeasurementKind : byte
{
    /// <summary>Value = (range m, azimuth rad clockwise from north, elevation rad) in the sensor's local ENU frame.</summary>
    RangeAzimuthElevation,

    /// <summary>Value.Y = azimuth (bearing) rad clockwise from north in the sensor's local ENU frame; X and Z unused (NaN).</summary>
    Bearing,

    /// <summary>Value = (east, north, up) m in the scenario's common ENU frame.</summary>
    Position,
}

/// <summary>
/// One detection as a sensor reports it: no truth, no identity. The first stage of the pipeline.
/// Noise statistics come from the sensor's specification, not from the plot.
/// </summary>
public readonly record struct Plot(SensorId Sensor, double Time, MeasurementKind Kind, Vec3 Value)
{
    /// <summary>Range rate (Doppler), m/s, positive receding, of a radar plot that reports it; NaN when not reported.</summary>
    public double RangeRate { get; init; } = double.NaN;

    /// <summary>Whether the plot carries a <see cref="RangeRate"/>.</summary>
    public bool HasRangeRate => !double.IsNaN(RangeRate);

    public double Range => Value.X;
    public double Azimuth => Value.Y;
    public double Elevation => Value.Z;

    public static Plot Polar(SensorId sensor, double time, double range, double azimuth, double elevation) =>
        new(sensor, time, MeasurementKind.RangeAzimuthElevation, new Vec3(range, azimuth, elevation));

    public static Plot Bearing(SensorId sensor, double time, double azimuth) =>
        new(sensor, time, MeasurementKind.Bearing, new Vec3(double.NaN, azimuth, double.NaN));

    public static Plot Position(SensorId sensor, double time, Vec3 enu) =>
        new(sensor, time, MeasurementKind.Position, enu);
}
