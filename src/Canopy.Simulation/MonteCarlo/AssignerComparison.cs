using Canopy.Assignment.Bound;
using Canopy.Core.Defence;
using Canopy.Core.Randomness;
using Canopy.Pipeline;
using Canopy.Scenarios.Model;
using Canopy.Simulation.Bound;
using Canopy.Simulation.Running;

namespace Canopy.Simulation.MonteCarlo;

/// <summary>
/// Several assigners on the same nights (run i of N uses the seed derived from (seed, i), or the seed itself when N is 1),
/// each night's clairvoyant bound solved once (<see cref="ClairvoyantNight"/>, <see cref="CbcNightBoundSolver"/>), and
/// every assigner's figures per run, with <c>bound.share</c> = its expected value saved over the bound's.
/// Means come with 95 % percentile-bootstrap intervals (<see cref="FigureStatistics.Bootstrap"/>): they lie within the
/// values seen, so counts and shares never get negative ends.
/// </summary>
public sealed class AssignerComparison(IReadOnlyList<(string Name, Func<DefenceLayout, DefencePipeline> Create)> assigners, CbcNightBoundSolver? bound)
{
    /// <summary>Bootstrap resamples per interval.</summary>
    public const int Resamples = 2000;

    public AssignerComparisonResult Run(Scenario scenario, int seed, int runs, int maxParallelism, IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        var perRun = new (string Name, double Value)[runs][][];
        var bounds = new NightBound?[runs];
        var done = 0;
        Parallel.For(0, runs,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxParallelism), CancellationToken = cancellationToken },
            i =>
            {
                var s = runs == 1 ? seed : RandomExtensions.DeriveSeed(seed, i);
                var night = bound?.Solve(ClairvoyantNight.Build(scenario, s).Problem, cancellationToken);
                bounds[i] = night;
                perRun[i] = new (string, double)[assigners.Count][];
                for (var a = 0; a < assigners.Count; a++)
                {
                    var result = new SimulationRunner(assigners[a].Create).Run(scenario, s, cancellationToken);
                    var figures = result.Figures().ToList();
                    if (night is not null)
                        figures.Add(("bound.share", night.UpperBound > 0 ? result.ExpectedValueSaved / night.UpperBound : 1));
                    perRun[i][a] = [.. figures];
                }
                progress?.Report(Interlocked.Increment(ref done));
            });

        var rng = new Random(RandomExtensions.DeriveSeed(seed, 99));
        var columns = new List<AssignerFigures>();
        for (var a = 0; a < assigners.Count; a++)
            columns.Add(new AssignerFigures(assigners[a].Name, Statistics(perRun.Select(r => r[a]).ToArray(), rng)));
        IReadOnlyList<FigureStatistics> boundFigures = bound is null ? [] :
        [
            FigureStatistics.Bootstrap("bound.value_saved", bounds.Select(b => b!.UpperBound).ToArray(), Resamples, rng),
            FigureStatistics.Bootstrap("bound.plan_value", bounds.Select(b => b!.PlanValue).ToArray(), Resamples, rng),
            FigureStatistics.Bootstrap("bound.plan_spend", bounds.Select(b => b!.Spend).ToArray(), Resamples, rng),
            FigureStatistics.Bootstrap("bound.proven", bounds.Select(b => b!.Proven ? 1.0 : 0).ToArray(), Resamples, rng),
        ];
        return new AssignerComparisonResult(scenario.Name, seed, runs, columns, boundFigures);
    }

    /// <summary>Figures matched by name; one missing from a run counts as 0 there.</summary>
    private static List<FigureStatistics> Statistics((string Name, double Value)[][] runs, Random rng)
    {
        var names = runs.SelectMany(r => r.Select(f => f.Name)).Distinct(StringComparer.Ordinal).ToList();
        var byRun = runs.Select(r => r.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal)).ToArray();
        return names.Select(n => FigureStatistics.Bootstrap(n, byRun.Select(r => r.GetValueOrDefault(n)).ToArray(), Resamples, rng)).ToList();
    }
}

/// <summary>One assigner's figures over the compared runs.</summary>
public sealed record AssignerFigures(string Assigner, IReadOnlyList<FigureStatistics> Figures);

/// <summary>What <see cref="AssignerComparison"/> found: each assigner's figures and the clairvoyant bound's (empty without a bound).</summary>
public sealed record AssignerComparisonResult(string Scenario, int Seed, int Runs, IReadOnlyList<AssignerFigures> Assigners,
    IReadOnlyList<FigureStatistics> Bound);
