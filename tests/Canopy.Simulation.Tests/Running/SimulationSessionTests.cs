using Canopy.Pipeline;
using Canopy.Simulation.Results;
using Canopy.Simulation.Running;

namespace Canopy.Simulation.Tests.Running;

public class SimulationSessionTests
{
    private static string Json(RunResult r)
    {
        using var stream = new MemoryStream();
        ResultJson.Write(r, stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void Step_ToTheEnd_GivesTheBatchRunnersResult()
    {
        var scenario = TestScenarios.OneDroneOneGun(0.6);
        var session = new SimulationSession(scenario, 5, DefaultPipeline.Create);
        var steps = 0;
        while (session.Step() is not null) steps++;

        Assert.True(session.Finished);
        Assert.Null(session.Step());
        Assert.Equal(session.Time / scenario.Simulation.Tick.Seconds + 1, steps);
        Assert.Equal(Json(SimulationRunner.CreateDefault().Run(scenario, 5)), Json(session.Result()));
        Assert.Equal(session.Result().Events.Count, session.Recorder.Events.Count);
    }
}
