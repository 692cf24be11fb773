using System.Runtime.InteropServices;

namespace Canopy.Tracking.Filtering;

/// <summary>
/// The state of an interacting multiple model filter at one time: each model's mean and covariance with its
/// probability, and their moment-matched combination (<see cref="X"/>, <see cref="P"/>).
/// </summary>
public sealed class FilterState
{
    private const int CombinedSize = 6 + 36;
    private const int ModelSize = 1 + 6 + 36;

    /// <summary>Every value in one block, so that a state is one object read front to back: X, P, then Mu, ModelX, ModelP.</summary>
    private readonly double[] _values;
    private readonly int _models;

    public FilterState(int models)
    {
        _models = models;
        _values = new double[CombinedSize + models * ModelSize];
    }

    public double Time { get; set; }

    /// <summary>Mode probabilities, one per model.</summary>
    public Span<double> Mu => _values.AsSpan(CombinedSize, _models);

    /// <summary>Model means, 6 values per model.</summary>
    public Span<double> ModelX => _values.AsSpan(CombinedSize + _models, 6 * _models);

    /// <summary>Model covariances, 36 values per model, row-major.</summary>
    public Span<double> ModelP => _values.AsSpan(CombinedSize + 7 * _models, 36 * _models);

    /// <summary>Combined mean (x, y, z, vx, vy, vz).</summary>
    public Span<double> X => _values.AsSpan(0, 6);

    /// <summary>Combined covariance, row-major 6x6.</summary>
    public Span<double> P => _values.AsSpan(6, 36);

    public int Models => _models;

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

    /// <summary>Asks the processor to start bringing this state into its cache (<see cref="CacheHint"/>).</summary>
    internal void Prefetch() => CacheHint.Prefetch(ref MemoryMarshal.GetArrayDataReference(_values), _values.Length * sizeof(double));

    public void CopyFrom(FilterState other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Time = other.Time;
        other._values.AsSpan().CopyTo(_values);
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
            x.CopyTo(ModelX.Slice(j * 6, 6));
            p.CopyTo(ModelP.Slice(j * 36, 36));
            Mu[j] = mu[j];
        }
        x.CopyTo(X);
        p.CopyTo(P);
    }

    /// <summary>Recomputes the combined mean and covariance from the models (moment matching).</summary>
    public void Combine()
    {
        var x = X;
        var p = P;
        var modelX = ModelX;
        var modelP = ModelP;
        var mus = Mu;
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
