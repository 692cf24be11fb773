namespace Canopy.Assignment.Static;

/// <summary>
/// A static target-based weapon-target assignment problem: <see cref="WeaponTypes"/> weapon types with
/// <see cref="Counts"/> identical copies each, <see cref="Targets"/> targets with values <see cref="Values"/>, and
/// kill probabilities p_ij. Minimise the expected surviving value sum_j V_j prod_i (1 - p_ij)^x_ij.
/// </summary>
public sealed class WtaProblem
{
    /// <summary>ln(1 - p) is floored here so that p = 1 stays finite in log space (a survival of 1e-300).</summary>
    public const double MinLogSurvival = -690.0;

    /// <summary>Most weapons (sum of the counts) a problem may hold; the solvers keep a few arrays of this length.</summary>
    public const long MaxWeapons = 10_000_000;

    private readonly double[] _p;
    private readonly double[] _q;
    private readonly double[] _values;
    private readonly int[] _counts;

    /// <summary>Creates a problem; <paramref name="kill"/> is weapon-major (index i * targets + j).</summary>
    public WtaProblem(int[] counts, double[] values, double[] kill)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(kill);
        if (counts.Length == 0 || values.Length == 0) throw new ArgumentException("a problem needs at least one weapon type and one target");
        if (kill.Length != counts.Length * values.Length) throw new ArgumentException($"expected {counts.Length * values.Length} kill probabilities, got {kill.Length}", nameof(kill));
        TotalWeapons = CheckCounts(counts);
        double sum = 0;
        for (var j = 0; j < values.Length; j++)
        {
            if (!(values[j] >= 0) || double.IsInfinity(values[j])) throw new ArgumentOutOfRangeException(nameof(values), $"target {j} has value {values[j]}; values must be finite and >= 0");
            sum += values[j];
        }
        if (double.IsInfinity(sum)) throw new ArgumentOutOfRangeException(nameof(values), "the target values sum to more than the largest double; the objective would be infinite");
        _q = new double[kill.Length];
        for (var k = 0; k < kill.Length; k++)
        {
            if (!(kill[k] >= 0 && kill[k] <= 1)) throw new ArgumentOutOfRangeException(nameof(kill), $"p[{k / values.Length},{k % values.Length}] = {kill[k]} is not a probability");
            _q[k] = Math.Max(Math.Log(1 - kill[k]), MinLogSurvival);
        }
        _counts = (int[])counts.Clone();
        _values = (double[])values.Clone();
        _p = (double[])kill.Clone();
    }

    /// <summary>Number of weapon types m.</summary>
    public int WeaponTypes => _counts.Length;

    /// <summary>Number of targets n.</summary>
    public int Targets => _values.Length;

    /// <summary>Copies mu_i of each weapon type.</summary>
    public IReadOnlyList<int> Counts => _counts;

    /// <summary>Target values V_j.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <summary>Total number of weapons, sum_i mu_i (at most <see cref="MaxWeapons"/>).</summary>
    public int TotalWeapons { get; }

    /// <summary>The sum of the counts, checked: none negative, at most <see cref="MaxWeapons"/>.</summary>
    internal static int CheckCounts(int[] counts)
    {
        long total = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] < 0) throw new ArgumentOutOfRangeException(nameof(counts), $"weapon type {i} has a negative count {counts[i]}");
            total += counts[i];
        }
        if (total > MaxWeapons) throw new ArgumentOutOfRangeException(nameof(counts), $"{total} weapons; at most {MaxWeapons} are supported");
        return (int)total;
    }

    /// <summary>Kill probability of one weapon of type i against target j.</summary>
    public double Kill(int i, int j) => _p[i * Targets + j];

    /// <summary>q_ij = ln(1 - p_ij), the log survival of target j after one shot of type i.</summary>
    public double LogSurvival(int i, int j) => _q[i * Targets + j];

    /// <summary>The log survivals of weapon type i against every target (a row of q).</summary>
    public ReadOnlySpan<double> LogSurvivalRow(int i) => _q.AsSpan(i * Targets, Targets);

    /// <summary>The expected surviving value of target j whose log survival is <paramref name="logSurvival"/>.</summary>
    public double SurvivingValue(int j, double logSurvival) => _values[j] * Math.Exp(logSurvival);

    /// <summary>
    /// The objective, computed this one way everywhere: sum_j V_j exp(sum_i x_ij q_ij) = sum_j V_j prod_i (1 - p_ij)^x_ij.
    /// </summary>
    public double Objective(WtaPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.WeaponTypes != WeaponTypes || plan.Targets != Targets) throw new ArgumentException($"plan is {plan.WeaponTypes}x{plan.Targets}, problem is {WeaponTypes}x{Targets}", nameof(plan));
        Span<double> log = Targets <= 4096 ? stackalloc double[Targets] : new double[Targets];
        log.Clear();
        for (var i = 0; i < WeaponTypes; i++)
        {
            var q = LogSurvivalRow(i);
            for (var j = 0; j < Targets; j++)
            {
                var x = plan[i, j];
                if (x != 0) log[j] += x * q[j];
            }
        }
        double total = 0;
        for (var j = 0; j < Targets; j++) total += SurvivingValue(j, log[j]);
        return total;
    }
}
