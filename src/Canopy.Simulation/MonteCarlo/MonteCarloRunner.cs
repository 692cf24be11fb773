using Canopy.Core.Randomness;
using Canopy.Scenarios.Model;
using Canopy.Simulation.Results;
using Canopy.Simulation.Running;

namespace Canopy.Simulation.MonteCarlo;

/// <summary>Many independent runs of one scenario on all cores; run i uses the seed derived from (seed, i), so results do not depend on scheduling.</summary>
public sealed class MonteCarloRunner(SimulationRunner runner)
{
    public MonteCarloResult Run(Scenario scenario, int seed, int runs, int maxParallelism, IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        var figures = new (string Name, double Value)[runs][];
        var done = 0;
        Parallel.For(0, runs,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxParallelism), CancellationToken = cancellationToken },
            i =>
            {
                var result = runner.Run(scenario, RandomExtensions.DeriveSeed(seed, i), cancellationToken);
                figures[i] = result.Figures().ToArray();
                progress?.Report(Interlocked.Increment(ref done));
            });

        // Figures are matched by name; a figure missing from a run (a class it did not have) counts as 0 there.
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var run in figures)
            foreach (var (name, _) in run)
                if (seen.Add(name)) names.Add(name);
        var stats = new List<FigureStatistics>(names.Count);
        var byRun = figures.Select(run => run.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal)).ToArray();
        foreach (var name in names)
            stats.Add(FigureStatistics.From(name, byRun.Select(run => run.GetValueOrDefault(name)).ToArray()));
        return new MonteCarloResult(scenario.Name, seed, runs, stats);
    }
}

public sealed record MonteCarloResult(string Scenario, int Seed, int Runs, IReadOnlyList<FigureStatistics> Figures);
