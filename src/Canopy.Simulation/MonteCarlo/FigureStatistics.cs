namespace Canopy.Simulation.MonteCarlo;

/// <summary>Mean of one figure over the runs with its 95% confidence interval (Student t).</summary>
public sealed record FigureStatistics(string Name, int Runs, double Mean, double StandardDeviation, double Low95, double High95)
{
    public static FigureStatistics From(string name, IReadOnlyList<double> values)
    {
        var n = values.Count;
        if (n == 0) throw new ArgumentException("no values", nameof(values));
        double mean = 0;
        foreach (var v in values) mean += v;
        mean /= n;
        double ss = 0;
        foreach (var v in values) ss += (v - mean) * (v - mean);
        var sd = n > 1 ? Math.Sqrt(ss / (n - 1)) : 0;
        var half = n > 1 ? StudentT975(n - 1) * sd / Math.Sqrt(n) : 0;
        return new FigureStatistics(name, n, mean, sd, mean - half, mean + half);
    }

    /// <summary>
    /// Mean with a 95 % percentile-bootstrap interval: the 2.5 % and 97.5 % quantiles of the means of
    /// <paramref name="resamples"/> resamples (with replacement) drawn from <paramref name="rng"/>. The interval lies within
    /// the smallest and largest value, so a count or a share never gets a negative end.
    /// </summary>
    public static FigureStatistics Bootstrap(string name, IReadOnlyList<double> values, int resamples, Random rng)
    {
        var t = From(name, values);
        var n = values.Count;
        if (n < 2) return t;
        var means = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            double sum = 0;
            for (var k = 0; k < n; k++) sum += values[rng.Next(n)];
            means[r] = sum / n;
        }
        Array.Sort(means);
        var low = means[(int)Math.Floor(0.025 * (resamples - 1))];
        var high = means[(int)Math.Ceiling(0.975 * (resamples - 1))];
        return t with { Low95 = low, High95 = high };
    }

    /// <summary>The 97.5% quantile of Student's t with <paramref name="dof"/> degrees of freedom (table to 30, then the Cornish-Fisher expansion).</summary>
    public static double StudentT975(int dof)
    {
        ReadOnlySpan<double> table =
        [
            12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
            2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
            2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
        ];
        if (dof < 1) throw new ArgumentOutOfRangeException(nameof(dof));
        if (dof <= 30) return table[dof - 1];
        const double z = 1.959963984540054;
        double z3 = z * z * z, z5 = z3 * z * z, n = dof;
        return z + (z3 + z) / (4 * n) + (5 * z5 + 16 * z3 + 3 * z) / (96 * n * n);
    }
}
