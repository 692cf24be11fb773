using Canopy.Pipeline;
using Canopy.Scenarios.Model;
using Canopy.Server.Decisions;
using Canopy.Server.Live;
using Canopy.Simulation.Running;

namespace Canopy.Server.Replay;

/// <summary>
/// After-action replay of a run: the same scenario and seed re-run with the engagements the live run released and the fire
/// units moved at the steps the live run moved them (its recorded relocations, CoT in), so the picture at any simulated time
/// is the one the operator saw. Going forward steps on from where the last request left off; going back, or a relocation
/// recorded since, starts the night again (a whole night re-runs in well under a second of wall time).
/// </summary>
/// <param name="relocations">Where the live run recorded its relocations; null: every unit stays at its scenario position.</param>
public sealed class RunReplay(string runId, Scenario scenario, int seed, string mode, ReleaseLog releases, IRelocationLog? relocations)
{
    private readonly Lock _lock = new();
    private SimulationSession? _session;
    private PipelineStep? _last;
    private int _playedBack;

    /// <summary>The picture at the first tick at or after <paramref name="time"/> (or the night's end), with every event up to then.</summary>
    public Picture At(double time, TimeProvider clock)
    {
        lock (_lock)
        {
            var recorded = relocations?.RelocationsFor(runId) ?? [];
            if (_session is null || _session.Time > time || recorded.Count != _playedBack)
            {
                var playback = new PlaybackEffectorPositions(recorded, () => _session!.Time);
                _session = new SimulationSession(scenario, seed, layout =>
                    DefaultPipeline.Create(layout, AssignerKind.MarginalReturn, _ => new ScriptedWeaponAssigner(releases), null, null, playback));
                _playedBack = recorded.Count;
                _last = null;
            }
            while ((_last is null || _session.Time < time) && !_session.Finished) _last = _session.Step() ?? _last;
            var events = _session.Recorder.Events.Where(e => e.Time <= _session.Time).OrderBy(e => e.Time).ToList();
            return PictureBuilder.Build(runId, _session, _last, [], mode, new RunClockState(true, 0), events, clock);
        }
    }
}
