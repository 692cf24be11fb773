using System.Globalization;
using Canopy.Core.Randomness;
using Canopy.Scenarios.Loading;
using Canopy.Simulation.Running;

namespace Canopy.Planning.Nights;

/// <summary>
/// One sampled night of a Monte Carlo: the scenario (as text, so a worker process runs exactly what the planner would),
/// its seed and the raid growth. The night's raid counts are drawn from the scenario's waves as raid families: each
/// wave's count is Poisson with mean count x growth, from a stream derived from the seed; the night then runs with the
/// same seed. The same job gives the same figures in any process.
/// </summary>
public sealed record NightJob(string Id, string ScenarioYaml, int Seed, double Growth)
{
    /// <summary>Stream index, under the night's seed, of the raid-count draws.</summary>
    private const int CountStream = 17;

    /// <summary>Runs the night; throws <see cref="InvalidOperationException"/> when the scenario text does not load.</summary>
    public NightOutcome Execute(CancellationToken cancellationToken = default)
    {
        var loaded = ScenarioLoader.Parse(ScenarioYaml, Id);
        if (loaded.Scenario is not { } scenario)
            throw new InvalidOperationException($"job {Id}: the scenario does not load: {string.Join("; ", loaded.Errors.Take(3))}");
        var rng = new Random(RandomExtensions.DeriveSeed(Seed, CountStream));
        var waves = scenario.Waves.Select(w => w with { Count = rng.NextPoisson(w.Count * Growth) }).Where(w => w.Count > 0).ToList();
        var result = SimulationRunner.CreateDefault().Run(scenario with { Waves = waves }, Seed, cancellationToken);
        var figures = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in result.Figures()) figures[name] = value;
        figures[NightFigures.Leakers] = result.Threats.Where(t => t.Class != nameof(Core.Defence.ThreatClass.Decoy)).Sum(t => t.Leaked);
        figures[NightFigures.Launched] = result.Threats.Sum(t => t.Launched);
        return new NightOutcome(Id, figures);
    }

    /// <summary>The jobs of <paramref name="runs"/> nights: night i has the seed derived from (seed, i), whatever the growth, so plans and growths meet the same draws.</summary>
    public static IReadOnlyList<NightJob> Nights(string label, string scenarioYaml, int seed, int runs, double growth) =>
        [.. Enumerable.Range(0, runs).Select(i => new NightJob(
            string.Create(CultureInfo.InvariantCulture, $"{label}/x{growth:0.##}/{i}"), scenarioYaml, RandomExtensions.DeriveSeed(seed, i), growth))];
}

/// <summary>One night's figures by name (those of <c>canopy simulate</c>, plus <see cref="NightFigures.Leakers"/>).</summary>
public sealed record NightOutcome(string JobId, IReadOnlyDictionary<string, double> Figures);

/// <summary>Names of the figures the planner adds to a night's.</summary>
public static class NightFigures
{
    /// <summary>Threats other than decoys that were not destroyed (they reached the ground).</summary>
    public const string Leakers = "leakers";

    /// <summary>Threats launched (the sampled raid size).</summary>
    public const string Launched = "threats.launched";
}

/// <summary>Runs night jobs and returns one outcome per job (in any order; callers match by id).</summary>
public interface INightExecutor
{
    IReadOnlyList<NightOutcome> Run(IReadOnlyList<NightJob> jobs, IProgress<int>? progress = null, CancellationToken cancellationToken = default);
}

/// <summary>Runs night jobs in this process, <paramref name="parallelism"/> at a time.</summary>
public sealed class InProcessNightExecutor(int parallelism) : INightExecutor
{
    public IReadOnlyList<NightOutcome> Run(IReadOnlyList<NightJob> jobs, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var outcomes = new NightOutcome[jobs.Count];
        var done = 0;
        Parallel.For(0, jobs.Count,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken },
            i =>
            {
                outcomes[i] = jobs[i].Execute(cancellationToken);
                progress?.Report(Interlocked.Increment(ref done));
            });
        return outcomes;
    }
}
