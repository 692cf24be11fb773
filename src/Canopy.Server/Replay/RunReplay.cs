using Canopy.Pipeline;
using Canopy.Scenarios.Model;
using Canopy.Server.Live;
using Canopy.Simulation.Running;

namespace Canopy.Server.Replay;

/// <summary>
/// After-action replay of a run: the same scenario and seed re-run with the engagements the live run released, so the
/// picture at any simulated time is the one the operator saw. Going forward steps on from where the last request
/// left off; going back starts the night again (a whole night re-runs in well under a second of wall time).
/// </summary>
public sealed class RunReplay(string runId, Scenario scenario, int seed, string mode, ReleaseLog releases)
{
    private readonly Lock _lock = new();
    private SimulationSession? _session;
    private PipelineStep? _last;

    /// <summary>The picture at the first tick at or after <paramref name="time"/> (or the night's end), with every event up to then.</summary>
    public Picture At(double time, TimeProvider clock)
    {
        lock (_lock)
        {
            if (_session is null || _session.Time > time)
            {
                _session = new SimulationSession(scenario, seed, layout =>
                    DefaultPipeline.Create(layout, AssignerKind.MarginalReturn, _ => new ScriptedWeaponAssigner(releases)));
                _last = null;
            }
            while ((_last is null || _session.Time < time) && !_session.Finished) _last = _session.Step() ?? _last;
            var events = _session.Recorder.Events.Where(e => e.Time <= _session.Time).OrderBy(e => e.Time).ToList();
            return PictureBuilder.Build(runId, _session, _last, [], mode, new RunClockState(true, 0), events, clock);
        }
    }
}
