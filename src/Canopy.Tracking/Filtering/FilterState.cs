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

    /// <summary>
    /// The full states of the models with more than the common 6 components (constant acceleration): 9 mean and 81
    /// row-major covariance values each, whose first 6 and 6x6 equal the model's entries of <see cref="ModelX"/> and
    /// <see cref="ModelP"/>. Empty until a filter with such models first sets the state.
    /// </summary>
    public double[] Augmented { get; private set; } = [];

    /// <summary>Makes <see cref="Augmented"/> at least <paramref name="length"/> long (once per state: no allocation after).</summary>
    internal void EnsureAugmented(int length)
    {
        if (Augmented.Length < length) Augmented = new double[length];
    }

    public void CopyFrom(FilterState other)
    {
        Time = other.Time;
        other.Mu.CopyTo(Mu, 0);
        other.ModelX.CopyTo(ModelX, 0);
        other.ModelP.CopyTo(ModelP, 0);
        other.X.CopyTo(X, 0);
        other.P.CopyTo(P, 0);
        if (other.Augmented.Length == 0) return;
        EnsureAugmented(other.Augmented.Length);
        other.Augmented.CopyTo(Augmented, 0);
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
        x.Clear();
        p.Clear();
        for (var j = 0; j < mus.Length; j++)
            for (var i = 0; i < 6; i++) x[i] += mus[j] * modelX[j * 6 + i];
        Span<double> d = stackalloc double[6];
        for (var j = 0; j < mus.Length; j++)
        {
            var mu = mus[j];
            var xj = modelX.Slice(j * 6, 6);
            var pj = modelP.Slice(j * 36, 36);
            for (var a = 0; a < 6; a++) d[a] = xj[a] - x[a];
            for (var a = 0; a < 6; a++)
            {
                var md = mu * d[a];
                for (var b = a; b < 6; b++) p[a * 6 + b] += mu * pj[a * 6 + b] + md * d[b];
            }
        }
        for (var a = 1; a < 6; a++)
            for (var b = 0; b < a; b++) p[a * 6 + b] = p[b * 6 + a];
    }
}
