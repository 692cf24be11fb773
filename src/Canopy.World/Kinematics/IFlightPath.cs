using Canopy.Core.Geometry;

namespace Canopy.World.Kinematics;

/// <summary>A threat's planned flight from launch (t = 0) to impact (t = <see cref="Duration"/>), in Earth-centred coordinates.</summary>
public interface IFlightPath
{
    /// <summary>Seconds from launch to impact.</summary>
    double Duration { get; }

    /// <summary>Where the threat is <paramref name="t"/> seconds after launch: ECEF position (m) and height above the ellipsoid (m).</summary>
    (Vec3 Ecef, double Height) At(double t);
}
