using System.Numerics;
using Canopy.Core.Geometry;

namespace Canopy.Tracking;

/// <summary>The tracker's working copy of one track: filter state at its last update and its M-of-N history.</summary>
internal sealed class TrackState
{
    public readonly double[] X = new double[ConstantVelocityKalmanFilter.StateSize];
    public readonly double[] P = new double[ConstantVelocityKalmanFilter.CovarianceSize];

    public int Id;
    public TrackStatus Status;
    public double Time;
    public double FirstTime;
    public double LastUpdateTime;
    public int Updates;
    public int Opportunities;
    public int ConsecutiveMisses;
    public bool Deleted;
    private int _history;

    /// <summary>Position extrapolated (mean only) to <paramref name="t"/>.</summary>
    public Vec3 PositionAt(double t)
    {
        var dt = t - Time;
        return new Vec3(X[0] + dt * X[3], X[1] + dt * X[4], X[2] + dt * X[5]);
    }

    /// <summary>The process noise density for this track: larger for fast (ballistic, cruise) targets.</summary>
    public double ProcessNoise(TrackerOptions options)
    {
        var fast = options.FastSpeed * options.FastSpeed;
        return X[3] * X[3] + X[4] * X[4] + X[5] * X[5] > fast ? options.FastProcessNoiseDensity : options.ProcessNoiseDensity;
    }

    /// <summary>Sum of the position variances predicted to <paramref name="t"/>: a cheap bound on the largest.</summary>
    public double PositionVarianceTraceAt(double t, double q)
    {
        var dt = t - Time;
        var a = Math.Abs(dt);
        var trace = 3 * q * a * a * a / 3;
        for (var i = 0; i < 3; i++)
            trace += P[i * 7] + 2 * dt * P[i * 6 + i + 3] + dt * dt * P[(i + 3) * 7];
        return trace;
    }

    /// <summary>Records one opportunity (a scan that could have seen the track) and whether it did.</summary>
    public void RecordOpportunity(bool hit, TrackerOptions options)
    {
        Opportunities++;
        _history = ((_history << 1) | (hit ? 1 : 0)) & ((1 << options.ConfirmationWindow) - 1);
        ConsecutiveMisses = hit ? 0 : ConsecutiveMisses + 1;
        if (Status == TrackStatus.Tentative)
        {
            if (BitOperations.PopCount((uint)_history) >= options.ConfirmationHits) Status = TrackStatus.Confirmed;
            else if (ConsecutiveMisses >= options.TentativeMaxMisses || Opportunities >= options.ConfirmationWindow) Deleted = true;
        }
        else if (ConsecutiveMisses >= options.ConfirmedMaxMisses)
        {
            Deleted = true;
        }
    }

    /// <summary>Starts a tentative track at a measured position with an uninformative velocity.</summary>
    public void Start(int id, double time, Vec3 z, ReadOnlySpan<double> r, double velocitySigma)
    {
        Id = id;
        Status = TrackStatus.Tentative;
        Time = FirstTime = LastUpdateTime = time;
        Updates = 1;
        Opportunities = 0;
        ConsecutiveMisses = 0;
        Deleted = false;
        _history = 0;
        Array.Clear(X);
        Array.Clear(P);
        X[0] = z.X;
        X[1] = z.Y;
        X[2] = z.Z;
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++) P[i * 6 + j] = r[i * 3 + j];
            P[(i + 3) * 7] = velocitySigma * velocitySigma;
        }
    }
}
