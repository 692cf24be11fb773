using Canopy.Core.Geometry;

namespace Canopy.Tracking.Metrics;

/// <summary>One object at one time, true or estimated: its identity (target or track number), position and velocity in a common frame.</summary>
public readonly record struct TargetState(int Id, Vec3 Position, Vec3 Velocity);

/// <summary>A <see cref="TargetState"/> stamped with its time (s): one row of truth.csv or tracks.csv.</summary>
public readonly record struct TimedState(double Time, TargetState State);
