using Canopy.Assignment.Static;

namespace Canopy.Assignment.Tests.Static;

/// <summary>Small problems for the static WTA tests, and brute-force enumeration of their optima.</summary>
internal static class WtaTestProblems
{
    /// <summary>A deadline that never ends.</summary>
    public static SolverDeadline NoDeadline => SolverDeadline.Start(TimeProvider.System, TimeSpan.MaxValue, CancellationToken.None);

    /// <summary>The local search's neighbourhood of <paramref name="problem"/>, built without a deadline.</summary>
    public static LethalNeighbourhood Neighbourhood(WtaProblem problem) => LethalNeighbourhood.Build(problem, NoDeadline)!;

    /// <summary>Two weapons, two targets: V = (10, 5), p = [[0.5, 0.9], [0.6, 0.2]], one copy each.</summary>
    public static WtaProblem TwoByTwo() => new([1, 1], [10, 5], [0.5, 0.9, 0.6, 0.2]);

    /// <summary>A seeded random problem with counts in 1..maxCount, values 1..100 and p in [0.05, 0.95].</summary>
    public static WtaProblem Random(int seed, int weaponTypes, int targets, int maxCount)
    {
        var random = new Random(seed);
        var counts = Enumerable.Range(0, weaponTypes).Select(_ => random.Next(1, maxCount + 1)).ToArray();
        var values = Enumerable.Range(0, targets).Select(_ => (double)random.Next(1, 101)).ToArray();
        var kill = Enumerable.Range(0, weaponTypes * targets).Select(_ => 0.05 + 0.9 * random.NextDouble()).ToArray();
        return new WtaProblem(counts, values, kill);
    }

    /// <summary>
    /// A large seeded problem: <paramref name="weaponTypes"/> types of <paramref name="copies"/> copies each, values
    /// 1..100 and p in [0, 1] (for the time-limit tests).
    /// </summary>
    public static WtaProblem Large(int seed, int weaponTypes, int copies, int targets)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, targets).Select(_ => 1 + 99 * random.NextDouble()).ToArray();
        var kill = Enumerable.Range(0, weaponTypes * targets).Select(_ => random.NextDouble()).ToArray();
        return new WtaProblem(Enumerable.Repeat(copies, weaponTypes).ToArray(), values, kill);
    }

    /// <summary>A large seeded asset-based problem: as <see cref="Large"/>, threats aimed at random assets.</summary>
    public static AssetWtaProblem LargeAssetBased(int seed, int weaponTypes, int copies, int threats, int assets)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, assets).Select(_ => 1 + 99 * random.NextDouble()).ToArray();
        var aimedAt = Enumerable.Range(0, threats).Select(_ => random.Next(assets)).ToArray();
        var lethality = Enumerable.Range(0, threats).Select(_ => random.NextDouble()).ToArray();
        var kill = Enumerable.Range(0, weaponTypes * threats).Select(_ => random.NextDouble()).ToArray();
        return new AssetWtaProblem(Enumerable.Repeat(copies, weaponTypes).ToArray(), values, aimedAt, lethality, kill);
    }

    /// <summary>The optimum by enumerating every plan that fires every weapon (firing more never raises the objective).</summary>
    public static double BruteForceOptimum(WtaProblem problem) =>
        BruteForceMinimum(problem.Counts, problem.Targets, problem.Objective);

    /// <summary>A seeded random asset-based problem: counts 1..maxCount, asset values 1..100, lethality and p in [0.05, 0.95].</summary>
    public static AssetWtaProblem RandomAssetBased(int seed, int weaponTypes, int threats, int assets, int maxCount)
    {
        var random = new Random(seed);
        var counts = Enumerable.Range(0, weaponTypes).Select(_ => random.Next(1, maxCount + 1)).ToArray();
        var values = Enumerable.Range(0, assets).Select(_ => (double)random.Next(1, 101)).ToArray();
        var aimedAt = Enumerable.Range(0, threats).Select(_ => random.Next(assets)).ToArray();
        var lethality = Enumerable.Range(0, threats).Select(_ => 0.05 + 0.9 * random.NextDouble()).ToArray();
        var kill = Enumerable.Range(0, weaponTypes * threats).Select(_ => 0.05 + 0.9 * random.NextDouble()).ToArray();
        return new AssetWtaProblem(counts, values, aimedAt, lethality, kill);
    }

    /// <summary>The best expected surviving asset value over every plan that fires every weapon.</summary>
    public static double BruteForceOptimum(AssetWtaProblem problem) => BruteForceOptimum(problem, _ => 0);

    /// <summary>The best surviving value minus <paramref name="price"/> over every plan that fires every weapon.</summary>
    public static double BruteForceOptimum(AssetWtaProblem problem, Func<WtaPlan, double> price) =>
        -BruteForceMinimum(problem.Counts, problem.Threats, plan => price(plan) - problem.SurvivingValue(plan));

    /// <summary>The least score over every plan that fires all <paramref name="counts"/> weapons at <paramref name="targets"/> targets.</summary>
    private static double BruteForceMinimum(IReadOnlyList<int> counts, int targets, Func<WtaPlan, double> score)
    {
        var plan = new WtaPlan(counts.Count, targets);
        var best = double.PositiveInfinity;
        void Place(int i, int j, int left)
        {
            if (i == counts.Count)
            {
                best = Math.Min(best, score(plan));
                return;
            }
            if (j == targets - 1)
            {
                plan[i, j] = left;
                Place(i + 1, 0, i + 1 < counts.Count ? counts[i + 1] : 0);
                plan[i, j] = 0;
                return;
            }
            for (var c = 0; c <= left; c++)
            {
                plan[i, j] = c;
                Place(i, j + 1, left - c);
            }
            plan[i, j] = 0;
        }
        Place(0, 0, counts[0]);
        return best;
    }
}

/// <summary>A clock that moves 1 microsecond each time it is read: a solver's budget becomes a number of clock reads, the same on any machine.</summary>
internal sealed class StepClock : TimeProvider
{
    private long _now;

    public override long TimestampFrequency => 1_000_000;

    public override long GetTimestamp() => Interlocked.Increment(ref _now);
}
