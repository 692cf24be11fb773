namespace Canopy.Tracking.Filtering;

/// <summary>
/// The state of an interacting multiple model filter at one time: each model's mean and covariance with its
/// probability, and their moment-matched combination (<see cref="X"/>, <see cref="P"/>).
/// </summary>
public sealed class FilterState
{
    public FilterState(int models)
    {
        Mu = new double[models];
        ModelX = new double[models * 6];
        ModelP = new double[models * 36];
    }

    public double Time { get; set; }

    /// <summary>Mode probabilities, one per model.</summary>
    public double[] Mu { get; }

    /// <summary>Model means, 6 values per model.</summary>
    public double[] ModelX { get; }

    /// <summary>Model covariances, 36 values per model, row-major.</summary>
    public double[] ModelP { get; }

    /// <summary>Combined mean (x, y, z, vx, vy, vz).</summary>
    public double[] X { get; } = new double[6];

    /// <summary>Combined covariance, row-major 6x6.</summary>
    public double[] P { get; } = new double[36];

    public int Models => Mu.Length;

    public void CopyFrom(FilterState other)
    {
        Time = other.Time;
        other.Mu.CopyTo(Mu, 0);
        other.ModelX.CopyTo(ModelX, 0);
        other.ModelP.CopyTo(ModelP, 0);
        other.X.CopyTo(X, 0);
        other.P.CopyTo(P, 0);
    }

    /// <summary>Sets every model to the same mean and covariance with the given mode probabilities.</summary>
    public void Initialise(double time, ReadOnlySpan<double> x, ReadOnlySpan<double> p, ReadOnlySpan<double> mu)
    {
        Time = time;
        for (var j = 0; j < Models; j++)
        {
            x.CopyTo(ModelX.AsSpan(j * 6, 6));
            p.CopyTo(ModelP.AsSpan(j * 36, 36));
            Mu[j] = mu[j];
        }
        x.CopyTo(X);
        p.CopyTo(P);
    }

    /// <summary>Recomputes the combined mean and covariance from the models (moment matching).</summary>
    public void Combine()
    {
        var x = X.AsSpan();
        var p = P.AsSpan();
        var modelX = ModelX.AsSpan();
        var modelP = ModelP.AsSpan();
        var mus = Mu.AsSpan();
        var xSum = default(Row6);
        for (var j = 0; j < mus.Length; j++) xSum += Row6.Load(modelX, j * 6) * mus[j];
        xSum.Store(x, 0);
        p.Clear();
        Span<double> d = stackalloc double[6];
        for (var j = 0; j < mus.Length; j++)
        {
            var mu = mus[j];
            var pj = modelP.Slice(j * 36, 36);
            var dRow = Row6.Load(modelX, j * 6) - xSum;
            dRow.Store(d, 0);
            // Whole rows, lane by lane in the scalar order p += mu·Pj + (mu·dₐ)·d; the lower triangle is mirrored below.
            for (var a = 0; a < 6; a++)
                (Row6.Load(p, a * 6) + (Row6.Load(pj, a * 6) * mu + dRow * (mu * d[a]))).Store(p, a * 6);
        }
        for (var a = 1; a < 6; a++)
            for (var b = 0; b < a; b++) p[a * 6 + b] = p[b * 6 + a];
    }
}
