using Canopy.Simulation.MonteCarlo;
using Canopy.Simulation.Running;

namespace Canopy.Simulation.Tests.MonteCarlo;

public class MonteCarloRunnerTests
{
    [Fact]
    public void Run_ParallelOrSerial_GivesTheSameFigures()
    {
        var scenario = TestScenarios.OneDroneOneGun(pk: 0.5, magazine: 1);
        var runner = new MonteCarloRunner(SimulationRunner.CreateDefault());
        var serial = runner.Run(scenario, 3, 24, maxParallelism: 1);
        var parallel = runner.Run(scenario, 3, 24, maxParallelism: 2);
        Assert.Equal(serial.Figures, parallel.Figures);
    }

    [Fact]
    public void Run_PkHalfOneRound_DestroysAboutHalf()
    {
        // One round with Pk 0.5 per run: the destroyed count is Bernoulli(0.5); over 200 runs its mean lies in [0.4, 0.6] (±2.8 sd).
        var scenario = TestScenarios.OneDroneOneGun(pk: 0.5, magazine: 1);
        var result = new MonteCarloRunner(SimulationRunner.CreateDefault()).Run(scenario, 11, 200, maxParallelism: 2);
        var destroyed = result.Figures.Single(f => f.Name == "threats.Drone.destroyed");
        Assert.InRange(destroyed.Mean, 0.4, 0.6);
        Assert.InRange(0.5, destroyed.Low95, destroyed.High95);
    }
}
