using Canopy.Scenarios.Model;
using Canopy.Simulation.Results;
using Canopy.Simulation.Running;

namespace Canopy.Federation.Evaluation;

/// <summary>The single-process night and, beside it, the federated picture's scores (<see cref="FederatedPictureObserver"/>).</summary>
public sealed record FederatedPictureReport(RunResult Run, FederatedPictureResult Picture);

/// <summary>
/// Runs a scenario once, in one process and without a broker, scoring each nation's own picture, each nation's fused
/// picture and central fusion (the library call behind <c>canopy shield-eval</c> and <c>canopy bench shield</c>).
/// </summary>
public static class FederatedPictureRun
{
    /// <param name="observer">Another observer of the same run (e.g. an exporter); null for none.</param>
    public static FederatedPictureReport Run(Scenario scenario, int seed, FederatedPictureOptions? options = null,
        CancellationToken cancellationToken = default, IRunObserver? observer = null)
    {
        var picture = new FederatedPictureObserver(scenario, options);
        var run = SimulationRunner.CreateDefault().Run(scenario, seed, cancellationToken, RunObservers.Combine(picture, observer));
        return new FederatedPictureReport(run, picture.Result());
    }
}
