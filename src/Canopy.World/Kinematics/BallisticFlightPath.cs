using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;

namespace Canopy.World.Kinematics;

/// <summary>
/// A drag-free ballistic arc under uniform gravity (g = 9.80665 m/s², along the launch site's down axis) from a launch
/// point to an impact point. Given the flight time, the launch velocity follows in closed form; given the apogee
/// (above the launch point), the flight time does. The arc ends exactly at the impact point.
/// </summary>
public sealed class BallisticFlightPath : IFlightPath
{
    public const double Gravity = 9.80665;

    private readonly LocalFrame _launchFrame;
    private readonly Vec3 _v0;

    private BallisticFlightPath(Geodetic launch, Geodetic impact, double flightTime, Vec3 v0)
    {
        _launchFrame = new LocalFrame(launch);
        Impact = impact;
        Duration = flightTime;
        _v0 = v0;
        Apogee = v0.Z * v0.Z / (2 * Gravity);
    }

    public Geodetic Impact { get; }
    public double Duration { get; }

    /// <summary>Highest point above the launch site's horizontal plane, metres.</summary>
    public double Apogee { get; }

    /// <summary>Launch velocity in the launch site's ENU frame, m/s.</summary>
    public Vec3 LaunchVelocity => _v0;

    public static BallisticFlightPath WithFlightTime(Geodetic launch, Geodetic impact, double flightTime)
    {
        if (!(flightTime > 0)) throw new ArgumentOutOfRangeException(nameof(flightTime), flightTime, "flight time must be positive");
        var d = new LocalFrame(launch).ToEnu(impact);
        var v0 = (d + new Vec3(0, 0, 0.5 * Gravity * flightTime * flightTime)) / flightTime;
        return new BallisticFlightPath(launch, impact, flightTime, v0);
    }

    public static BallisticFlightPath WithApogee(Geodetic launch, Geodetic impact, double apogee)
    {
        if (!(apogee > 0)) throw new ArgumentOutOfRangeException(nameof(apogee), apogee, "apogee must be positive");
        var d = new LocalFrame(launch).ToEnu(impact);
        var vz = Math.Sqrt(2 * Gravity * apogee);
        // z(T) = vz T - g T²/2 = d.Z, the later root.
        var disc = vz * vz - 2 * Gravity * d.Z;
        if (disc < 0) throw new ArgumentOutOfRangeException(nameof(apogee), apogee, "apogee below the impact point");
        var t = (vz + Math.Sqrt(disc)) / Gravity;
        return new BallisticFlightPath(launch, impact, t, new Vec3(d.X / t, d.Y / t, vz));
    }

    /// <summary>Position in the launch site's ENU frame at <paramref name="t"/> seconds after launch.</summary>
    public Vec3 LaunchFrameAt(double t)
    {
        t = Math.Clamp(t, 0, Duration);
        return _v0 * t + new Vec3(0, 0, -0.5 * Gravity * t * t);
    }

    public (Vec3 Ecef, double Height) At(double t)
    {
        var ecef = _launchFrame.EnuToEcef(LaunchFrameAt(t));
        return (ecef, Wgs84.ToGeodetic(ecef).HeightM);
    }
}
