namespace Canopy.Core.Randomness;

/// <summary>Draws from the distributions the simulation needs, always from a seeded <see cref="Random"/> passed in.</summary>
public static class RandomExtensions
{
    /// <summary>A standard normal draw (Box-Muller, one value per call so that the stream is easy to reason about).</summary>
    public static double NextGaussian(this Random rng)
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    public static double NextGaussian(this Random rng, double mean, double sigma) => mean + sigma * rng.NextGaussian();

    /// <summary>A Poisson draw by Knuth's product method for small means, a rounded normal approximation above 30.</summary>
    public static int NextPoisson(this Random rng, double mean)
    {
        if (mean <= 0) return 0;
        if (mean > 30) return Math.Max(0, (int)Math.Round(rng.NextGaussian(mean, Math.Sqrt(mean))));
        var limit = Math.Exp(-mean);
        var k = 0;
        var p = rng.NextDouble();
        while (p > limit)
        {
            k++;
            p *= rng.NextDouble();
        }
        return k;
    }

    public static double NextUniform(this Random rng, double min, double max) => min + (max - min) * rng.NextDouble();

    /// <summary>Derives the seed of run <paramref name="index"/> of a Monte Carlo from the user's seed (SplitMix64), so runs are independent of thread scheduling.</summary>
    public static int DeriveSeed(int seed, int index)
    {
        var z = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)index * 0xBF58476D1CE4E5B9UL + 0x94D049BB133111EBUL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (int)(z & 0x7FFFFFFF);
    }
}
