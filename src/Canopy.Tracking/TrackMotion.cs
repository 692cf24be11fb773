using Canopy.Core.Geometry;
using Canopy.Tracking.Filtering;

namespace Canopy.Tracking;

/// <summary>
/// What the pass over every track of every scan needs of a filter state, copied out of its arrays: its time, combined
/// mean and the sums over the three axes of the position, cross and velocity variances, so that the pass reads one
/// small struct per track instead of the state's mean and covariance arrays.
/// </summary>
internal readonly struct TrackMotion
{
    private readonly double _positionTrace, _crossTrace, _velocityTrace;

    public TrackMotion(FilterState state)
    {
        var x = state.X;
        var p = state.P;
        Time = state.Time;
        Position = new Vec3(x[0], x[1], x[2]);
        Velocity = new Vec3(x[3], x[4], x[5]);
        for (var i = 0; i < 3; i++)
        {
            _positionTrace += p[i * 7];
            _crossTrace += p[i * 6 + i + 3];
            _velocityTrace += p[(i + 3) * 7];
        }
    }

    public double Time { get; }

    public Vec3 Position { get; }

    public Vec3 Velocity { get; }

    /// <summary>Position extrapolated (mean only, constant velocity) to <paramref name="t"/>.</summary>
    public Vec3 PositionAt(double t) => Position + Velocity * (t - Time);

    /// <summary>Sum of the position variances predicted (constant velocity, white acceleration of density q) to <paramref name="t"/>.</summary>
    public double PositionTraceAt(double t, double q)
    {
        var dt = t - Time;
        var a = Math.Abs(dt);
        return q * a * a * a + _positionTrace + 2 * dt * _crossTrace + dt * dt * _velocityTrace;
    }
}
