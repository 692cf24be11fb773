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

        var names = figures[0].Select(f => f.Name).ToList();
        var stats = new List<FigureStatistics>(names.Count);
        for (var k = 0; k < names.Count; k++)
        {
            var values = new double[runs];
            for (var i = 0; i < runs; i++) values[i] = figures[i][k].Value;
            stats.Add(FigureStatistics.From(names[k], values));
        }
        return new MonteCarloResult(scenario.Name, seed, runs, stats);
    }
}

public sealed record MonteCarloResult(string Scenario, int Seed, int Runs, IReadOnlyList<FigureStatistics> Figures);
