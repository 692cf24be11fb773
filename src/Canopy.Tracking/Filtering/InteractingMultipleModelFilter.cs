using Canopy.Core.Sensing;

namespace Canopy.Tracking.Filtering;

/// <summary>
/// The interacting multiple model filter (Blom and Bar-Shalom, 1988) over motion models sharing the 6-state:
/// mixing, model-matched prediction, model-matched (probabilistic data association) update and mode probability
/// update. Models with acceleration (9-state) are mixed by state augmentation (<see cref="AccelerationAugmentation"/>);
/// the combined state stays 6-D. Mode switching is a Markov chain whose probability of staying in a mode over dt is
/// exp(−dt/τ), the rest shared evenly, so many short steps switch as often as one long one. One model gives a plain
/// Kalman filter.
/// </summary>
public sealed class InteractingMultipleModelFilter
{
    private const double MinModeProbability = 1e-6;
    private const int MaxModels = 8;
    private static readonly double LogTwoPi = Math.Log(2 * Math.PI);

    private readonly IMotionModel[] _models;
    private readonly double[] _initialMu;
    private readonly double _sojournTime;
    private readonly IMeasurementPredictor _predictor;
    private readonly int[] _slots;
    private readonly int _augmented;
    private readonly double _accelerationVariance;

    /// <param name="models">The motion models.</param>
    /// <param name="initialMu">Mode probabilities of a new track (one per model, summing to 1).</param>
    /// <param name="sojournTime">Mean time τ (s) spent in one mode.</param>
    /// <param name="predictor">How measurements are predicted (EKF or UKF).</param>
    /// <param name="accelerationSigma">
    /// Standard deviation σa (m/s², per axis) of the acceleration of a new track and of a 6-state model mixed into a
    /// 9-state one; used only with 9-state models.
    /// </param>
    public InteractingMultipleModelFilter(IMotionModel[] models, double[] initialMu, double sojournTime, IMeasurementPredictor predictor,
        double accelerationSigma = 0)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(initialMu);
        if (models.Length == 0 || models.Length != initialMu.Length)
            throw new ArgumentException("one initial mode probability per model is needed", nameof(initialMu));
        if (models.Length > MaxModels) throw new ArgumentException($"at most {MaxModels} models are supported", nameof(models));
        _models = models;
        _initialMu = initialMu;
        _sojournTime = sojournTime;
        _predictor = predictor;
        _accelerationVariance = accelerationSigma * accelerationSigma;
        _slots = new int[models.Length];
        for (var j = 0; j < models.Length; j++)
        {
            var dimension = models[j].Dimension;
            if (dimension != 6 && dimension != ConstantAccelerationModel.StateSize)
                throw new ArgumentException($"model {j} has a {dimension}-state; 6 or 9 are supported", nameof(models));
            _slots[j] = dimension == 6 ? -1 : _augmented++;
        }
    }

    public int Models => _models.Length;

    /// <summary>Allocates the buffers of <paramref name="state"/> this filter's 9-state models need, so that no later step does.</summary>
    public void Reserve(FilterState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_augmented > 0) state.EnsureAugmented(_augmented * AccelerationAugmentation.Block);
    }

    /// <summary>Starts <paramref name="state"/> at a mean and covariance shared by every model.</summary>
    public void Initialise(FilterState state, double time, ReadOnlySpan<double> x, ReadOnlySpan<double> p)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.Initialise(time, x, p, _initialMu);
        if (_augmented == 0) return;
        Reserve(state);
        for (var j = 0; j < _slots.Length; j++)
            if (_slots[j] >= 0) AccelerationAugmentation.Initialise(state, _slots[j], x, p, _accelerationVariance);
    }

    /// <summary>Mixes and predicts <paramref name="from"/> to time <paramref name="t"/> into <paramref name="to"/>.</summary>
    public void Predict(FilterState from, double t, FilterState to)
    {
        var m = _models.Length;
        var dt = t - from.Time;
        if (m == 1)
        {
            to.CopyFrom(from);
            PredictModel(to, 0, dt);
            to.Time = t;
            to.ModelX.CopyTo(to.X);
            to.ModelP.CopyTo(to.P);
            return;
        }
        var stay = Math.Exp(-Math.Abs(dt) / _sojournTime);
        var move = (1 - stay) / (m - 1);
        Reserve(to);
        for (var j = 0; j < m; j++)
        {
            var c = move + (stay - move) * from.Mu[j];
            to.Mu[j] = c;
            var x0 = to.ModelX.Slice(j * 6, 6);
            var p0 = to.ModelP.Slice(j * 36, 36);
            Mix(from, j, move / c, (stay - move) * from.Mu[j] / c, x0, p0);
            if (_slots[j] < 0)
            {
                _models[j].Predict(x0, p0, dt);
                continue;
            }
            AccelerationAugmentation.Mix(from, to, j, _slots, move / c, (stay - move) * from.Mu[j] / c, _accelerationVariance);
            PredictModel(to, j, dt);
        }
        to.Time = t;
        to.Combine();
    }

    /// <summary>Predicts model <paramref name="j"/> of <paramref name="state"/> in place: on its full state when augmented.</summary>
    private void PredictModel(FilterState state, int j, double dt)
    {
        var slot = _slots[j];
        if (slot < 0)
        {
            _models[j].Predict(state.ModelX.Slice(j * 6, 6), state.ModelP.Slice(j * 36, 36), dt);
            return;
        }
        const int n = ConstantAccelerationModel.StateSize;
        _models[j].Predict(state.Augmented.AsSpan(slot * AccelerationAugmentation.Block, n),
            state.Augmented.AsSpan(slot * AccelerationAugmentation.Block + n, n * n), dt);
        AccelerationAugmentation.CopyMarginal(state, j, slot);
    }

    /// <summary>
    /// The mixed initial condition of model j. With the mixing weights wᵢ = πᵢⱼ·μᵢ/cⱼ of a chain that moves to every
    /// other mode alike (πᵢⱼ = move for i ≠ j), wᵢ = move/cⱼ + α·[i = j] with α = (stay − move)·μⱼ/cⱼ, so the mixture
    /// is the combined moments (X, P) reweighted towards model j: x0 = X + α·d and
    /// P0 = (move/cⱼ)·P + α·Pⱼ + α·(1 − α)·d·dᵀ with d = xⱼ − X; equal to Σ wᵢ (Pᵢ + (xᵢ − x0)(xᵢ − x0)ᵀ) at a
    /// fraction of its cost. Needs <paramref name="from"/>'s combined moments to be current.
    /// </summary>
    private static void Mix(FilterState from, int j, double shared, double alpha, Span<double> x0, Span<double> p0)
    {
        var pj = from.ModelP.Slice(j * 36, 36);
        var p = from.P;
        var x = Row6.Load(from.X, 0);
        var d = Row6.Load(from.ModelX, j * 6) - x;
        (x + d * alpha).Store(x0, 0);
        Span<double> dValues = stackalloc double[6];
        d.Store(dValues, 0);
        var spread = alpha * (1 - alpha);
        // Whole rows, lane by lane in the scalar order shared·P + α·Pⱼ + (spread·dₐ)·d; then the upper triangle mirrored.
        for (var a = 0; a < 6; a++)
            (Row6.Load(p, a * 6) * shared + Row6.Load(pj, a * 6) * alpha + d * (spread * dValues[a])).Store(p0, a * 6);
        for (var a = 1; a < 6; a++)
            for (var b = 0; b < a; b++) p0[a * 6 + b] = p0[b * 6 + a];
    }

    /// <summary>
    /// Updates a predicted <paramref name="state"/> in place with plots from one sensor scan, each with its association
    /// probability (<paramref name="weights"/>) and <paramref name="missWeight"/> that none is the target's: probabilistic
    /// data association per model. One plot of weight 1 is a plain Kalman update. Mode likelihoods are
    /// (1 − PD)·λ + PD·Σ N(ν; 0, S) with clutter density λ (0 for a certain association).
    /// </summary>
    public void Update(FilterState state, in MeasurementModel model, ReadOnlySpan<Plot> plots, ReadOnlySpan<double> weights,
        double missWeight, double detectionProbability, double clutterDensity)
    {
        var n = model.Dimension;
        var m = _models.Length;
        Span<double> zHat = stackalloc double[4];
        Span<double> s = stackalloc double[16];
        Span<double> sInv = stackalloc double[16];
        Span<double> c = stackalloc double[24];
        Span<double> k = stackalloc double[24];
        Span<double> z = stackalloc double[4];
        Span<double> nu = stackalloc double[4];
        Span<double> nuBar = stackalloc double[4];
        Span<double> spread = stackalloc double[16];
        Span<double> logLik = stackalloc double[MaxModels];
        Span<double> ct = stackalloc double[24];
        Span<double> dkt = stackalloc double[24];
        var logDetectionProbability = Math.Log(detectionProbability);
        var certain = plots.Length == 1 && missWeight == 0;
        for (var j = 0; j < m; j++)
        {
            var x = state.ModelX.Slice(j * 6, 6);
            var p = state.ModelP.Slice(j * 36, 36);
            _predictor.Predict(x, p, model, zHat, s, c);
            var logDet = Matrix6.InvertSmall(s, n, sInv);
            if (double.IsNaN(logDet))
            {
                logLik[j] = double.NegativeInfinity;
                continue;
            }
            Gain(c, sInv, n, k);
            nuBar.Clear();
            spread.Clear();
            var maxLog = double.NegativeInfinity;
            var sumExp = 0.0;
            for (var q = 0; q < plots.Length; q++)
            {
                model.Read(plots[q], z);
                for (var a = 0; a < n; a++) nu[a] = model.Residual(a, z[a], zHat[a]);
                var d2 = Distance2(nu, sInv, n);
                var logN = -0.5 * (d2 + logDet + n * LogTwoPi);
                if (q == 0) (maxLog, sumExp) = (logN, 1);
                else (maxLog, sumExp) = AddLog(maxLog, sumExp, logN);
                var w = weights[q];
                for (var a = 0; a < n; a++)
                {
                    nuBar[a] += w * nu[a];
                    for (var b = 0; b < n && !certain; b++) spread[a * n + b] += w * nu[a] * nu[b];
                }
            }
            var logDetected = (sumExp == 1 ? maxLog : maxLog + Math.Log(sumExp)) + logDetectionProbability;
            logLik[j] = clutterDensity > 0
                ? LogAdd(logDetected, Math.Log((1 - detectionProbability) * clutterDensity))
                : logDetected;
            for (var i = 0; i < 6; i++)
                for (var a = 0; a < n; a++) x[i] += k[i * n + a] * nuBar[a];
            for (var a = 0; a < n && !certain; a++)
                for (var b = 0; b < n; b++) spread[a * n + b] -= nuBar[a] * nuBar[b];
            // P ← P − (1 − β0)·K·S·Kᵀ + K·(Σ β ν νᵀ − ν̄ ν̄ᵀ)·Kᵀ, with K·S·Kᵀ = K·Cᵀ; the spread term is zero for one plot.
            // Row a of K·Cᵀ is Σᵤ Kₐᵤ·(row u of Cᵀ); of the spread term Σᵤ Kₐᵤ·(row u of D·Kᵀ). Whole rows, lane by lane,
            // then the upper triangle mirrored.
            for (var i = 0; i < 6; i++)
                for (var u = 0; u < n; u++) ct[u * 6 + i] = c[i * n + u];
            for (var u = 0; u < n && !certain; u++)
                for (var b = 0; b < 6; b++)
                {
                    var row = 0.0;
                    for (var v = 0; v < n; v++) row += spread[u * n + v] * k[b * n + v];
                    dkt[u * 6 + b] = row;
                }
            var detected = 1 - missWeight;
            for (var a = 0; a < 6; a++)
            {
                var kck = default(Row6);
                var kdk = default(Row6);
                for (var u = 0; u < n; u++)
                {
                    var kau = k[a * n + u];
                    kck += Row6.Load(ct, u * 6) * kau;
                    if (!certain) kdk += Row6.Load(dkt, u * 6) * kau;
                }
                (Row6.Load(p, a * 6) - kck * detected + kdk).Store(p, a * 6);
            }
            for (var a = 1; a < 6; a++)
                for (var b = 0; b < a; b++) p[a * 6 + b] = p[b * 6 + a];
        }
        for (var j = 0; j < m && _augmented > 0; j++)
            if (_slots[j] >= 0) AccelerationAugmentation.Condition(state, j, _slots[j]);
        UpdateModeProbabilities(state.Mu, logLik[..m]);
        state.Combine();
    }

    /// <summary>The Kalman gain K = C·S⁻¹ (6 x n); written out for n = 3 with the general loop's sums in its order.</summary>
    private static void Gain(ReadOnlySpan<double> c, ReadOnlySpan<double> sInv, int n, Span<double> k)
    {
        if (n != 3)
        {
            for (var i = 0; i < 6; i++)
                for (var b = 0; b < n; b++)
                {
                    var sum = 0.0;
                    for (var a = 0; a < n; a++) sum += c[i * n + a] * sInv[a * n + b];
                    k[i * n + b] = sum;
                }
            return;
        }
        Matrix6.Multiply6By3(c, 3, sInv, 3, 1, k);
    }

    /// <summary>The squared Mahalanobis distance νᵀ·S⁻¹·ν; written out for n = 3 with the general loop's terms in its order.</summary>
    private static double Distance2(ReadOnlySpan<double> nu, ReadOnlySpan<double> sInv, int n)
    {
        if (n != 3)
        {
            var d2 = 0.0;
            for (var a = 0; a < n; a++)
                for (var b = 0; b < n; b++) d2 += nu[a] * sInv[a * n + b] * nu[b];
            return d2;
        }
        _ = nu[2];
        _ = sInv[8];
        double v0 = nu[0], v1 = nu[1], v2 = nu[2];
        return 0.0 + v0 * sInv[0] * v0 + v0 * sInv[1] * v1 + v0 * sInv[2] * v2
            + v1 * sInv[3] * v0 + v1 * sInv[4] * v1 + v1 * sInv[5] * v2
            + v2 * sInv[6] * v0 + v2 * sInv[7] * v1 + v2 * sInv[8] * v2;
    }

    /// <summary>μⱼ ∝ cⱼ·Λⱼ, floored so that no mode dies out for good.</summary>
    private static void UpdateModeProbabilities(Span<double> mu, ReadOnlySpan<double> logLik)
    {
        var max = double.NegativeInfinity;
        foreach (var l in logLik) max = Math.Max(max, l);
        if (double.IsNegativeInfinity(max)) return;
        var total = 0.0;
        for (var j = 0; j < mu.Length; j++)
        {
            mu[j] = Math.Max(MinModeProbability, mu[j] * Math.Exp(logLik[j] - max));
            total += mu[j];
        }
        for (var j = 0; j < mu.Length; j++) mu[j] /= total;
    }

    private static (double Max, double SumExp) AddLog(double max, double sumExp, double value)
    {
        if (value <= max) return (max, sumExp + Math.Exp(value - max));
        return (value, sumExp * Math.Exp(max - value) + 1);
    }

    private static double LogAdd(double a, double b)
    {
        var max = Math.Max(a, b);
        return max + Math.Log(Math.Exp(a - max) + Math.Exp(b - max));
    }
}
