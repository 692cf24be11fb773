using Canopy.Planning.Nights;
using Canopy.Scenarios.Loading;
using Canopy.Simulation.MonteCarlo;

namespace Canopy.Planning.Placement;

/// <summary>What <see cref="PlacementStudy"/> found.</summary>
/// <param name="Optimal">The MILP's placement (value: the model's expected protected value).</param>
/// <param name="Greedy">The greedy baseline's placement with its own allocation's value.</param>
/// <param name="GreedyModelValue">The greedy placement valued by the model (best allocation of its units).</param>
/// <param name="ShippedModelValue">The base scenario's own force valued by the model, its units matched to systems by class; null when some unit matches none.</param>
/// <param name="PlacedYaml">The placed scenario.</param>
public sealed record PlacementOutcome(
    PlacementProblem Problem,
    IReadOnlyList<CandidateSite> Sites,
    Placement Optimal,
    Placement Greedy,
    double GreedyModelValue,
    double? ShippedModelValue,
    string PlacedYaml);

/// <summary>One force's Monte Carlo at one raid growth.</summary>
public sealed record ForceNights(string Force, double Growth, IReadOnlyDictionary<string, FigureStatistics> Figures);

/// <summary>
/// The placement workflow: build the model from a plan, solve it with CBC and with the greedy baseline, value the base
/// scenario's own force in the same model, write the placed scenario, and run sampled nights of any forces.
/// </summary>
public sealed class PlacementStudy(CbcPlacementSolver solver)
{
    public PlacementOutcome Place(PlacementPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        // The shipped units' positions are extra sites (beyond the plan's), so the model can value that force too.
        var shippedSites = plan.Base.Effectors.Select(e => new CandidateSite(e.Id, e.Position)).ToList();
        var shippedKinds = plan.Base.Effectors.Select(e => plan.Systems.ToList().FindIndex(s => s.Type.Class == e.Class)).ToList();
        var withShipped = CorridorCoverage.Build(plan, 1, shippedSites);
        var count = plan.Sites.Count;
        // The optimiser and the greedy see only the plan's sites.
        var problem = withShipped with
        {
            Sites = [.. withShipped.Sites.Take(count)],
            Exposure = Slice(withShipped.Exposure, count),
        };
        var optimal = solver.Solve(problem, cancellationToken);
        var greedy = new GreedyPlacementSolver().Solve(problem, cancellationToken);
        var greedyValue = solver.Evaluate(problem, greedy.KindAtSite, cancellationToken);
        double? shippedValue = null;
        if (shippedKinds.All(k => k >= 0))
        {
            var kinds = Enumerable.Repeat(-1, count).Concat(shippedKinds).ToArray();
            shippedValue = solver.Evaluate(withShipped, kinds, cancellationToken);
        }
        var yaml = PlacedScenarioWriter.Write(plan, plan.Sites, optimal.KindAtSite);
        var check = ScenarioLoader.Parse(yaml, "placed scenario");
        if (check.Scenario is null)
            throw new InvalidOperationException($"the placed scenario does not load: {string.Join("; ", check.Errors.Take(3))}");
        return new PlacementOutcome(problem, plan.Sites, optimal, greedy, greedyValue, shippedValue, yaml);
    }

    /// <summary>Sampled nights of each force at each growth, all on the same seeds (common random numbers).</summary>
    public static IReadOnlyList<ForceNights> Nights(INightExecutor executor, IReadOnlyList<(string Force, string Yaml)> forces, IReadOnlyList<double> growths,
        int seed, int runs, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executor);
        ArgumentNullException.ThrowIfNull(forces);
        ArgumentNullException.ThrowIfNull(growths);
        var jobs = new List<(string Force, double Growth, NightJob Job)>();
        foreach (var growth in growths)
            foreach (var (force, yaml) in forces)
                jobs.AddRange(NightJob.Nights(force, yaml, seed, runs, growth).Select(j => (force, growth, j)));
        var outcomes = executor.Run([.. jobs.Select(j => j.Job)], progress, cancellationToken).ToDictionary(o => o.JobId, StringComparer.Ordinal);
        return [.. jobs.GroupBy(j => (j.Force, j.Growth))
            .Select(g => new ForceNights(g.Key.Force, g.Key.Growth, NightStatistics.Summarise([.. g.Select(j => outcomes[j.Job.Id])])))];
    }

    private static double[,,] Slice(double[,,] exposure, int sites)
    {
        var (kinds, corridors) = (exposure.GetLength(0), exposure.GetLength(2));
        var result = new double[kinds, sites, corridors];
        for (var t = 0; t < kinds; t++)
            for (var s = 0; s < sites; s++)
                for (var j = 0; j < corridors; j++)
                    result[t, s, j] = exposure[t, s, j];
        return result;
    }
}
