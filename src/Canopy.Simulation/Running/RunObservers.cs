namespace Canopy.Simulation.Running;

/// <summary>Combines several run observers (any of them null) into one.</summary>
public static class RunObservers
{
    public static IRunObserver? Combine(params IRunObserver?[] observers)
    {
        var present = observers.OfType<IRunObserver>().ToArray();
        return present.Length switch
        {
            0 => null,
            1 => present[0],
            _ => new All(present),
        };
    }

    private sealed class All(IRunObserver[] observers) : IRunObserver
    {
        public void OnTick(double time, World.SimulatedWorld world, ReadOnlySpan<Core.Sensing.Plot> plots, Pipeline.PipelineStep step)
        {
            foreach (var o in observers) o.OnTick(time, world, plots, step);
        }
    }
}
