namespace Canopy.Assignment.Static;

/// <summary>
/// A static asset-based weapon-target assignment problem: <see cref="WeaponTypes"/> weapon types with
/// <see cref="Counts"/> copies each, <see cref="Threats"/> threats, and <see cref="Assets"/> defended assets of value
/// W_k. Threat j aims at asset <see cref="AimedAt"/>(j) and destroys it with probability <see cref="Lethality"/>(j)
/// if it survives; one weapon of type i destroys threat j with probability p_ij. Threat j survives with
/// S_j = prod_i (1 - p_ij)^x_ij, asset k with prod over the threats j aimed at it of (1 - lethality_j S_j);
/// maximise the expected surviving asset value sum_k W_k prod_j (1 - lethality_j S_j).
/// </summary>
public sealed class AssetWtaProblem
{
    private readonly int[] _counts;
    private readonly double[] _assetValues;
    private readonly int[] _aimedAt;
    private readonly double[] _lethality;
    private readonly double[] _p;
    private readonly double[] _q;
    private readonly int[] _firstThreat; // threats aimed at asset k: _threatsByAsset[_firstThreat[k] .. _firstThreat[k + 1]]
    private readonly int[] _threatsByAsset;

    /// <summary>Creates a problem; <paramref name="kill"/> is weapon-major (index i * threats + j).</summary>
    public AssetWtaProblem(int[] counts, double[] assetValues, int[] aimedAt, double[] lethality, double[] kill)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(assetValues);
        ArgumentNullException.ThrowIfNull(aimedAt);
        ArgumentNullException.ThrowIfNull(lethality);
        ArgumentNullException.ThrowIfNull(kill);
        if (counts.Length == 0 || aimedAt.Length == 0 || assetValues.Length == 0) throw new ArgumentException("a problem needs at least one weapon type, one threat and one asset");
        if (lethality.Length != aimedAt.Length) throw new ArgumentException($"expected {aimedAt.Length} lethalities, got {lethality.Length}", nameof(lethality));
        if (kill.Length != counts.Length * aimedAt.Length) throw new ArgumentException($"expected {counts.Length * aimedAt.Length} kill probabilities, got {kill.Length}", nameof(kill));
        TotalWeapons = WtaProblem.CheckCounts(counts);
        double sum = 0;
        for (var k = 0; k < assetValues.Length; k++)
        {
            if (!(assetValues[k] >= 0) || double.IsInfinity(assetValues[k])) throw new ArgumentOutOfRangeException(nameof(assetValues), $"asset {k} has value {assetValues[k]}; values must be finite and >= 0");
            sum += assetValues[k];
        }
        if (double.IsInfinity(sum)) throw new ArgumentOutOfRangeException(nameof(assetValues), "the asset values sum to more than the largest double; the objective would be infinite");
        for (var j = 0; j < aimedAt.Length; j++)
        {
            if (aimedAt[j] < 0 || aimedAt[j] >= assetValues.Length) throw new ArgumentOutOfRangeException(nameof(aimedAt), $"threat {j} aims at asset {aimedAt[j]}, not one of 0..{assetValues.Length - 1}");
            if (!(lethality[j] >= 0 && lethality[j] <= 1)) throw new ArgumentOutOfRangeException(nameof(lethality), $"threat {j} has lethality {lethality[j]}, not a probability");
        }
        _q = new double[kill.Length];
        for (var k = 0; k < kill.Length; k++)
        {
            if (!(kill[k] >= 0 && kill[k] <= 1)) throw new ArgumentOutOfRangeException(nameof(kill), $"p[{k / aimedAt.Length},{k % aimedAt.Length}] = {kill[k]} is not a probability");
            _q[k] = Math.Max(Math.Log(1 - kill[k]), WtaProblem.MinLogSurvival);
        }
        _counts = (int[])counts.Clone();
        _assetValues = (double[])assetValues.Clone();
        _aimedAt = (int[])aimedAt.Clone();
        _lethality = (double[])lethality.Clone();
        _p = (double[])kill.Clone();
        _firstThreat = new int[assetValues.Length + 1];
        foreach (var k in aimedAt) _firstThreat[k + 1]++;
        for (var k = 0; k < assetValues.Length; k++) _firstThreat[k + 1] += _firstThreat[k];
        _threatsByAsset = new int[aimedAt.Length];
        var fill = _firstThreat[..^1];
        for (var j = 0; j < aimedAt.Length; j++) _threatsByAsset[fill[aimedAt[j]]++] = j;
    }

    /// <summary>Number of weapon types m.</summary>
    public int WeaponTypes => _counts.Length;

    /// <summary>Number of threats n.</summary>
    public int Threats => _aimedAt.Length;

    /// <summary>Number of defended assets.</summary>
    public int Assets => _assetValues.Length;

    /// <summary>Copies mu_i of each weapon type.</summary>
    public IReadOnlyList<int> Counts => _counts;

    /// <summary>Asset values W_k.</summary>
    public IReadOnlyList<double> AssetValues => _assetValues;

    /// <summary>Total number of weapons, sum_i mu_i (at most <see cref="WtaProblem.MaxWeapons"/>).</summary>
    public int TotalWeapons { get; }

    /// <summary>The asset threat j aims at.</summary>
    public int AimedAt(int j) => _aimedAt[j];

    /// <summary>Probability that threat j destroys its asset when it is not itself destroyed.</summary>
    public double Lethality(int j) => _lethality[j];

    /// <summary>The threats aimed at asset k.</summary>
    public ReadOnlySpan<int> ThreatsOn(int k) => _threatsByAsset.AsSpan(_firstThreat[k], _firstThreat[k + 1] - _firstThreat[k]);

    /// <summary>Kill probability of one weapon of type i against threat j.</summary>
    public double Kill(int i, int j) => _p[i * Threats + j];

    /// <summary>q_ij = ln(1 - p_ij), floored at <see cref="WtaProblem.MinLogSurvival"/>.</summary>
    public double LogSurvival(int i, int j) => _q[i * Threats + j];

    /// <summary>Sum of the asset values, the surviving value when no threat is lethal.</summary>
    public double TotalAssetValue => _assetValues.Sum();

    /// <summary>W_k prod over the threats j aimed at k of (1 - lethality_j S_j), given every threat's survival S.</summary>
    public double AssetValue(int k, ReadOnlySpan<double> threatSurvival)
    {
        var survival = _assetValues[k];
        foreach (var j in ThreatsOn(k)) survival *= 1 - _lethality[j] * threatSurvival[j];
        return survival;
    }

    /// <summary>
    /// The objective, computed this one way everywhere: the expected surviving asset value
    /// sum_k W_k prod_(j aimed at k) (1 - lethality_j prod_i (1 - p_ij)^x_ij).
    /// </summary>
    public double SurvivingValue(WtaPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.WeaponTypes != WeaponTypes || plan.Targets != Threats) throw new ArgumentException($"plan is {plan.WeaponTypes}x{plan.Targets}, problem is {WeaponTypes}x{Threats}", nameof(plan));
        var survival = new double[Threats];
        for (var j = 0; j < Threats; j++)
        {
            double log = 0;
            for (var i = 0; i < WeaponTypes; i++)
                if (plan[i, j] is var x && x != 0) log += x * LogSurvival(i, j);
            survival[j] = Math.Exp(log);
        }
        double total = 0;
        for (var k = 0; k < Assets; k++) total += AssetValue(k, survival);
        return total;
    }

    /// <summary>Null when the plan fits the problem (shape, x_ij >= 0, sum_j x_ij &lt;= mu_i), else the first violation.</summary>
    public string? Violation(WtaPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.WeaponTypes != WeaponTypes || plan.Targets != Threats) return $"plan is {plan.WeaponTypes}x{plan.Targets}, problem is {WeaponTypes}x{Threats}";
        for (var i = 0; i < WeaponTypes; i++)
        {
            var used = 0;
            for (var j = 0; j < Threats; j++)
            {
                if (plan[i, j] < 0) return $"x[{i},{j}] = {plan[i, j]} is negative";
                used += plan[i, j];
            }
            if (used > _counts[i]) return $"weapon type {i} is used {used} times, only {_counts[i]} available";
        }
        return null;
    }
}
