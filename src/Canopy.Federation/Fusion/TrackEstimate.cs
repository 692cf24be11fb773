namespace Canopy.Federation.Fusion;

/// <summary>A mutable 6-state estimate (x, y, z, vx, vy, vz) and its row-major covariance, as the fusion works on it.</summary>
internal sealed class TrackEstimate
{
    public double[] X { get; } = new double[6];
    public double[] P { get; } = new double[SymmetricMatrix6.Size];

    public static TrackEstimate Of(in SourceTrack t)
    {
        var e = new TrackEstimate();
        (e.X[0], e.X[1], e.X[2]) = (t.Position.X, t.Position.Y, t.Position.Z);
        (e.X[3], e.X[4], e.X[5]) = (t.Velocity.X, t.Velocity.Y, t.Velocity.Z);
        var p = t.Covariance;
        ((ReadOnlySpan<double>)p).CopyTo(e.P);
        return e;
    }

    public double Speed => Math.Sqrt(X[3] * X[3] + X[4] * X[4] + X[5] * X[5]);
}
