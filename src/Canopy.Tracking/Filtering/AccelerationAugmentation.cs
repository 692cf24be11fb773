namespace Canopy.Tracking.Filtering;

/// <summary>
/// Mixing between models of unequal dimension by state augmentation: the IMM's 6-state models are taken to carry an
/// acceleration of mean 0 and variance σa² per axis, independent of their position and velocity, when mixed into a
/// 9-state (constant-acceleration) model; a 6-state model sees only the first 6 components of a 9-state one (its
/// marginal), so the combined output stays 6-D. A 9-state model is updated through its 6-D marginal: since every
/// measurement depends on position and velocity alone, the acceleration follows the marginal's update by Gaussian
/// conditioning, G = P_a6·P66⁻¹, a⁺ = a + G·(x6⁺ − x6), P_a6⁺ = G·P66⁺, P_aa⁺ = P_aa − G·(P66 − P66⁺)·Gᵀ: exactly the
/// 9-state Kalman (or PDA) update with a gain of 9 rows, whatever the measurement predictor.
/// </summary>
internal static class AccelerationAugmentation
{
    private const int N = ConstantAccelerationModel.StateSize;

    /// <summary>Values per augmented model in <see cref="FilterState.Augmented"/>: the 9 mean and 81 covariance values.</summary>
    public const int Block = N + N * N;

    /// <summary>Sets augmented model <paramref name="slot"/> to the 6-D (x, p) with acceleration 0 of variance <paramref name="accelerationVariance"/>.</summary>
    public static void Initialise(FilterState state, int slot, ReadOnlySpan<double> x, ReadOnlySpan<double> p, double accelerationVariance)
    {
        var xa = state.Augmented.AsSpan(slot * Block, N);
        var pa = state.Augmented.AsSpan(slot * Block + N, N * N);
        xa.Clear();
        pa.Clear();
        x[..6].CopyTo(xa);
        for (var r = 0; r < 6; r++) p.Slice(r * 6, 6).CopyTo(pa.Slice(r * N, 6));
        for (var i = 6; i < N; i++) pa[i * N + i] = accelerationVariance;
    }

    /// <summary>Copies augmented model <paramref name="slot"/>'s first 6 components into model <paramref name="j"/>'s ModelX and ModelP.</summary>
    public static void CopyMarginal(FilterState state, int j, int slot)
    {
        var xa = state.Augmented.AsSpan(slot * Block, N);
        var pa = state.Augmented.AsSpan(slot * Block + N, N * N);
        xa[..6].CopyTo(state.ModelX.Slice(j * 6, 6));
        for (var r = 0; r < 6; r++) pa.Slice(r * N, 6).CopyTo(state.ModelP.Slice(j * 36 + r * 6, 6));
    }

    /// <summary>
    /// The mixed 9-state of augmented model <paramref name="j"/> (slot <paramref name="slots"/>[j]) in <paramref name="to"/>,
    /// whose ModelX and ModelP already hold the mixed 6-D part x0, P0: with weights wᵢ = shared·μᵢ + alpha·[i = j] (μ of <paramref name="from"/>) and
    /// aᵢ = 0, P_aa,ᵢ = σa²·I, P_a6,ᵢ = 0 for the 6-state models, a0 = Σ wᵢ aᵢ,
    /// P_a6 = Σ wᵢ (P_a6,ᵢ + aᵢ (xᵢ − x0)ᵀ) and P_aa = Σ wᵢ (P_aa,ᵢ + aᵢ aᵢᵀ) − a0 a0ᵀ.
    /// </summary>
    public static void Mix(FilterState from, FilterState to, int j, ReadOnlySpan<int> slots, double shared, double alpha, double accelerationVariance)
    {
        var x0 = to.ModelX.Slice(j * 6, 6);
        var p0 = to.ModelP.Slice(j * 36, 36);
        var xa = to.Augmented.AsSpan(slots[j] * Block, N);
        var pa = to.Augmented.AsSpan(slots[j] * Block + N, N * N);
        xa.Clear();
        pa.Clear();
        x0.CopyTo(xa);
        for (var r = 0; r < 6; r++) p0.Slice(r * 6, 6).CopyTo(pa.Slice(r * N, 6));
        var unaugmented = 1.0;
        for (var i = 0; i < slots.Length; i++)
        {
            if (slots[i] < 0) continue;
            var w = shared * from.Mu[i] + (i == j ? alpha : 0);
            unaugmented -= w;
            var xi = from.Augmented.AsSpan(slots[i] * Block, N);
            var pi = from.Augmented.AsSpan(slots[i] * Block + N, N * N);
            for (var r = 6; r < N; r++)
            {
                xa[r] += w * xi[r];
                for (var c = 0; c < 6; c++) pa[r * N + c] += w * (pi[r * N + c] + xi[r] * (xi[c] - x0[c]));
                for (var c = 6; c < N; c++) pa[r * N + c] += w * (pi[r * N + c] + xi[r] * xi[c]);
            }
        }
        for (var r = 6; r < N; r++)
        {
            pa[r * N + r] += unaugmented * accelerationVariance;
            for (var c = 6; c < N; c++) pa[r * N + c] -= xa[r] * xa[c];
            for (var c = 0; c < 6; c++) pa[c * N + r] = pa[r * N + c];
        }
    }

    /// <summary>
    /// Brings augmented model <paramref name="j"/>'s 9-state (still the prediction) up to its updated 6-D marginal in
    /// ModelX and ModelP by conditioning (see the class summary). When the predicted 6x6 block is not positive definite
    /// the acceleration keeps its mean and variance and loses its correlation with the rest.
    /// </summary>
    public static void Condition(FilterState state, int j, int slot)
    {
        var xa = state.Augmented.AsSpan(slot * Block, N);
        var pa = state.Augmented.AsSpan(slot * Block + N, N * N);
        var x6 = state.ModelX.Slice(j * 6, 6);
        var p6 = state.ModelP.Slice(j * 36, 36);
        Span<double> l = stackalloc double[36];
        Span<double> g = stackalloc double[18]; // G, 3 x 6
        var solved = Matrix6.Cholesky(pa, N, l);
        if (solved)
        {
            // Gᵀ = P66⁻¹·P_6a: one forward and one back substitution per acceleration axis.
            Span<double> y = stackalloc double[6];
            for (var k = 0; k < 3; k++)
            {
                for (var r = 0; r < 6; r++)
                {
                    var sum = pa[r * N + 6 + k];
                    for (var c = 0; c < r; c++) sum -= l[r * 6 + c] * y[c];
                    y[r] = sum / l[r * 6 + r];
                }
                for (var r = 5; r >= 0; r--)
                {
                    var sum = y[r];
                    for (var c = r + 1; c < 6; c++) sum -= l[c * 6 + r] * g[k * 6 + c];
                    g[k * 6 + r] = sum / l[r * 6 + r];
                }
            }
            // P_aa −= G·(P66 − P66⁺)·Gᵀ, a += G·(x6⁺ − x6), before the 6x6 block is overwritten.
            Span<double> gd = stackalloc double[18];
            for (var k = 0; k < 3; k++)
                for (var c = 0; c < 6; c++)
                {
                    var sum = 0.0;
                    for (var u = 0; u < 6; u++) sum += g[k * 6 + u] * (pa[u * N + c] - p6[u * 6 + c]);
                    gd[k * 6 + c] = sum;
                }
            for (var k = 0; k < 3; k++)
            {
                for (var m = 0; m < 3; m++)
                {
                    var sum = 0.0;
                    for (var c = 0; c < 6; c++) sum += gd[k * 6 + c] * g[m * 6 + c];
                    pa[(6 + k) * N + 6 + m] -= sum;
                }
                var shift = 0.0;
                for (var c = 0; c < 6; c++) shift += g[k * 6 + c] * (x6[c] - xa[c]);
                xa[6 + k] += shift;
            }
        }
        for (var k = 0; k < 3; k++)
            for (var c = 0; c < 6; c++)
            {
                var sum = 0.0;
                for (var u = 0; u < 6 && solved; u++) sum += g[k * 6 + u] * p6[u * 6 + c];
                pa[(6 + k) * N + c] = sum;
                pa[c * N + 6 + k] = sum;
            }
        x6.CopyTo(xa);
        for (var r = 0; r < 6; r++) p6.Slice(r * 6, 6).CopyTo(pa.Slice(r * N, 6));
    }

}
