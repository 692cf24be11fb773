using Canopy.Core.Geometry;

namespace Canopy.Tracking;

public enum TrackStatus : byte { Tentative, Confirmed }

/// <summary>
/// A track as the tracker publishes it, in the common ENU frame: a value, so that the tracker publishes without
/// allocating and a copy kept by a consumer never changes. Covariance is the 6x6 state covariance over
/// (x, y, z, vx, vy, vz), row-major, 36 values.
/// </summary>
/// <param name="LastUpdateTime">Time of the last plot that updated this track (not of the prediction).</param>
public readonly record struct Track(
    int Id,
    TrackStatus Status,
    double Time,
    Vec3 Position,
    Vec3 Velocity,
    StateCovariance Covariance,
    double FirstTime,
    double LastUpdateTime,
    int Updates)
{
    public double PositionVariance(int axis) => Covariance[axis * 7];
}
