using Canopy.Pipeline;
using Canopy.Scenarios.Model;
using Canopy.Server.Approval;
using Canopy.Server.Decisions;
using Canopy.Server.Replay;
using Canopy.Server.Store;
using Canopy.Simulation.Results;
using Canopy.Simulation.Running;

namespace Canopy.Server.Live;

/// <summary>
/// One night run live: a <see cref="SimulationSession"/> stepped against a <see cref="TimeProvider"/> clock (paused
/// or at a speed in simulated seconds per wall second), with the operator's approval gate on the assigner. Every
/// frame (about 10 per second) that changed something is pushed to the publisher. All access to the session goes
/// through one lock, so API calls and the clock never step it at the same time. A step that throws stops the run for
/// good with status "failed" and the reason (in its state and the pictures pushed); a decision that cannot be recorded
/// changes nothing and its reason shows in the state until records are written again. With a run store, the run's
/// state, events, result and layout are saved at each change of clock or mode, each API step, every few seconds of a
/// running clock, and when it finishes, fails or stops, for the after-action review after a restart.
/// The live views (picture, events, summary, state) carry only what the defence observed (see
/// <see cref="PictureBuilder.Observable"/>) and the operators' decisions; the truth (launches, true classes, kills,
/// leaks) is in the <see cref="Review"/> events, the result and the state's summary once the run is over.
/// </summary>
public sealed class LiveRun : IAsyncDisposable
{
    /// <summary>Wall seconds between two frames of the clock loop.</summary>
    public const double FramePeriod = 0.1;

    /// <summary>At most this many simulated ticks per frame; a slow machine runs slower rather than falling behind for ever.</summary>
    public const int MaxStepsPerFrame = 2000;

    /// <summary>Wall seconds between two saves of a running run's snapshot.</summary>
    public const double SavePeriod = 5;

    private readonly Lock _lock = new();
    private readonly SimulationSession _session;
    private OperatorApprovalAssigner _approval = null!;
    private readonly IPicturePublisher _publisher;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private PipelineStep? _last;
    private readonly List<EventView> _observed = [];
    private readonly List<EventView> _decisionEvents = [];
    private int _observedUpTo;
    private int _observedSent;
    private bool _paused;
    private double _speed;
    private bool _dirty = true;
    private readonly IRelocationLog? _relocations;
    private RunReplay? _replay;
    private readonly IRunStore? _store;
    private string? _failure;
    private string? _saveProblem;
    private bool _shutDown;

    /// <param name="positions">The fire units' reported positions (CoT in), read at every step; null: they stay where the scenario puts them.</param>
    /// <param name="relocations">
    /// Where the positions the pipeline applies are recorded (see <see cref="RecordingEffectorPositions"/>) for the replay;
    /// null: not recorded, and the replay keeps every unit at its scenario position.
    /// </param>
    /// <param name="store">Where the run is recorded as started and its snapshots saved; null: not kept beyond the process.</param>
    /// <exception cref="RecordStoreException">The store could not record the start: the run does not start.</exception>
    public LiveRun(string id, Scenario scenario, int seed, ApprovalMode mode, double speed, bool paused, double semiAutomaticDelay,
        IDecisionLog log, IPicturePublisher publisher, TimeProvider time, Canopy.Core.Defence.IEffectorPositions? positions = null,
        IRelocationLog? relocations = null, IRunStore? store = null)
    {
        Id = id;
        _store = store;
        _publisher = publisher;
        _time = time;
        _speed = speed;
        _paused = paused;
        _relocations = relocations;
        if (positions is not null && relocations is not null) // read at the session's steps, once it is constructed
            positions = new RecordingEffectorPositions(id, positions, relocations, () => _session!.Time);
        _session = new SimulationSession(scenario, seed, layout => DefaultPipeline.Create(layout, AssignerKind.MarginalReturn, inner =>
            _approval = new OperatorApprovalAssigner(inner, log, id, time) { Mode = mode, SemiAutomaticDelay = semiAutomaticDelay }, null, null, positions));
        Layout = RunLayout.Of(id, scenario);
        store?.Started(new RunRecord(id, scenario.Name, seed, ApprovalModes.Name(mode), time.GetUtcNow()), Snapshot());
        _loop = Task.Run(() => RunAsync(_stop.Token));
    }

    public string Id { get; }
    public RunLayout Layout { get; }
    public bool Stopped => _stop.IsCancellationRequested;

    /// <summary>The last measurements a console sent for this run (for `canopy bench serve --browser`).</summary>
    public ConsoleReport? LastConsoleReport { get; set; }

    public RunState State()
    {
        lock (_lock)
            return new RunState(Id, _session.Scenario.Name, _session.Seed, ApprovalModes.Name(_approval.Mode), _approval.SemiAutomaticDelay,
                new RunClockState(_paused, _speed), _session.Time, _session.Finished, Stopped, Summary(), Status, Reason);
    }

    /// <summary>Whether the run is over (finished, stopped or failed): its truth may then be shown, for the after-action review.</summary>
    public bool Over
    {
        get
        {
            lock (_lock) return IsOver;
        }
    }

    private bool IsOver => _session.Finished || Stopped || _failure is not null;

    /// <summary>The truth summary once the run is over, else the operator's (no truth). Call under the lock.</summary>
    private SummaryView Summary()
    {
        var truth = PictureBuilder.SummaryNow(_session);
        if (IsOver) return truth;
        CatchUp();
        return PictureBuilder.OperatorSummaryOf(truth, _observed);
    }

    /// <summary>Adds the session's events not yet seen to the observed ones (the truth-only ones left out). Call under the lock.</summary>
    private void CatchUp()
    {
        var events = _session.Recorder.Events;
        for (; _observedUpTo < events.Count; _observedUpTo++)
            if (PictureBuilder.Observable(PictureBuilder.EventOf(events[_observedUpTo])) is { } e) _observed.Add(e);
    }

    /// <summary>Every event of the run, truth and decisions, by time: the after-action review's time line. Call under the lock.</summary>
    private List<EventView> AllEvents() =>
        [.. _session.Recorder.Events.Select(PictureBuilder.EventOf).Concat(_decisionEvents).OrderBy(e => e.Time)];

    /// <summary>A decision as a time line event: what, by whom.</summary>
    private void Note(Decision d)
    {
        var detail = d.Kind switch
        {
            DecisionKind.Hold => $"fire held by {d.Operator}",
            DecisionKind.Release => $"hold released by {d.Operator}",
            DecisionKind.Mode => $"mode {d.Detail} by {d.Operator}",
            _ => $"recommendation {d.RecommendationId} version {d.Version}{(d.SeenVersion is { } v && v != d.Version ? $" (seen: version {v})" : "")} by {d.Operator}",
        };
        var e = new EventView(d.SimulatedTime, d.Kind.ToString(), -1, "", d.TrackId, d.Effector.Length == 0 ? null : d.Effector, detail);
        CatchUp();
        _observed.Add(e);
        _decisionEvents.Add(e);
    }

    /// <summary>failed, finished, interrupted, stopped, paused or running (the first that applies). Call under the lock.</summary>
    private string Status => _failure is not null ? RunStatus.Failed : _session.Finished ? RunStatus.Finished
        : _shutDown ? RunStatus.Interrupted : Stopped ? RunStatus.Stopped
        : _paused ? RunStatus.Paused : RunStatus.Running;

    /// <summary>Why the run failed, or what keeps its record from being written now; null when all is well. Call under the lock.</summary>
    private string? Reason => _failure ?? _approval.RecordProblem ?? _saveProblem ?? (_shutDown ? "its server shut down while it was live" : null);

    /// <summary>The picture now, without consuming the events the live push has not sent yet.</summary>
    public Picture Picture()
    {
        lock (_lock)
        {
            CatchUp();
            var picture = PictureBuilder.Build(Id, _session, _last, _approval, new RunClockState(_paused, _speed), _observed, _time);
            return IsOver ? picture with { Summary = PictureBuilder.SummaryOf(_session.Result()) } : picture;
        }
    }

    /// <summary>
    /// After-action replay: the picture as it was at simulated <paramref name="time"/> (at most the run's time now),
    /// re-run from the scenario, seed and the engagements released, with the decisions made up to then. While the run is
    /// live it shows what the operator saw (no truth); once over, the truth too.
    /// </summary>
    public Picture ReplayAt(double time)
    {
        RunReplay replay;
        List<EventView> decisions;
        bool over;
        lock (_lock)
        {
            replay = _replay ??= new RunReplay(Id, _session.Scenario, _session.Seed, ApprovalModes.Name(_approval.Mode), _approval.Released,
                _relocations);
            decisions = [.. _decisionEvents];
            over = IsOver;
        }
        var picture = replay.At(time, _time);
        var events = picture.NewEvents.Concat(decisions.Where(e => e.Time <= picture.Time)).OrderBy(e => e.Time).ToList();
        if (over) return picture with { NewEvents = events };
        var observed = events.Select(PictureBuilder.Observable).OfType<EventView>().ToList();
        return picture with { NewEvents = observed, Summary = PictureBuilder.OperatorSummaryOf(picture.Summary, observed) };
    }

    /// <summary>The time line as the operator sees it: events observed and decisions, by time (no truth).</summary>
    public IReadOnlyList<EventView> Events()
    {
        lock (_lock)
        {
            CatchUp();
            return [.. _observed.OrderBy(e => e.Time)];
        }
    }

    /// <summary>Every event with the truth (launches, true classes, kills, misses), once the run is over; null while it is live.</summary>
    public IReadOnlyList<EventView>? Review()
    {
        lock (_lock) return IsOver ? AllEvents() : null;
    }

    /// <summary>The run's result so far (after-action report once finished).</summary>
    public RunResult Result()
    {
        lock (_lock) return _session.Result();
    }

    public IReadOnlyList<Recommendation> Recommendations()
    {
        lock (_lock) return _approval.Pending;
    }

    /// <param name="version">The version of the recommendation the operator saw; null: none named.</param>
    public DecisionOutcome Approve(int recommendationId, int? version, string operatorName) =>
        Decide(() => _approval.Approve(recommendationId, version, operatorName));

    public DecisionOutcome Veto(int recommendationId, int? version, string operatorName) =>
        Decide(() => _approval.Veto(recommendationId, version, operatorName));

    public DecisionOutcome Hold(int trackId, string operatorName) => Decide(() => _approval.Hold(trackId, operatorName));

    public DecisionOutcome Release(int trackId, string operatorName) => Decide(() => _approval.Release(trackId, operatorName));

    /// <summary>The tracks held, by track id.</summary>
    public IReadOnlyList<HoldView> Holds()
    {
        lock (_lock) return PictureBuilder.HoldsOf(_approval);
    }

    /// <exception cref="RecordStoreException">The decision could not be recorded: nothing changed.</exception>
    private DecisionOutcome Decide(Func<DecisionOutcome> decide)
    {
        lock (_lock)
        {
            _dirty = true; // a decision that failed shows its reason in the next picture
            var outcome = decide();
            if (outcome.Decision is { } d) Note(d);
            return outcome;
        }
    }

    public void SetClock(bool? paused, double? speed)
    {
        lock (_lock)
        {
            if (paused is { } p) _paused = p;
            if (speed is { } s) _speed = s;
            _dirty = true;
        }
        Save();
    }

    /// <summary>
    /// Changes the approval mode for <paramref name="operatorName"/>, recorded first in the decision log (kind Mode, before
    /// -> after) and shown in the time line; a change to nothing new is not recorded.
    /// </summary>
    /// <exception cref="RecordStoreException">The change could not be recorded: the mode stays as it was.</exception>
    public void SetMode(ApprovalMode mode, double? semiAutomaticDelay, string operatorName)
    {
        lock (_lock)
        {
            var delay = semiAutomaticDelay ?? _approval.SemiAutomaticDelay;
            if (mode == _approval.Mode && delay == _approval.SemiAutomaticDelay) return;
            var detail = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{ApprovalModes.Name(_approval.Mode)} -> {ApprovalModes.Name(mode)} (semi-automatic delay {_approval.SemiAutomaticDelay} s -> {delay} s)");
            Note(_approval.RecordMode(detail, operatorName));
            _approval.Mode = mode;
            _approval.SemiAutomaticDelay = delay;
            _dirty = true;
        }
        Save();
    }

    /// <summary>Steps the run by at least <paramref name="seconds"/> of simulated time (whole ticks) now, whatever the clock.</summary>
    public void Advance(double seconds)
    {
        lock (_lock)
        {
            var steps = (long)Math.Ceiling(seconds / _session.Tick);
            for (long i = 0; i < steps && CanStep; i++) Step();
            _dirty = true;
        }
        Save();
    }

    private bool CanStep => !_session.Finished && _failure is null;

    /// <summary>One pipeline step; one that throws fails the run (call under the lock).</summary>
    private void Step()
    {
        try
        {
            _last = _session.Step() ?? _last;
        }
        catch (Exception e) // any fault in a stage: the run stops where it is, visibly, rather than freezing
        {
            _failure = $"the run stopped at {_session.Time:0.###} s: {e.GetType().Name} in a pipeline step: {e.Message}";
        }
    }

    /// <summary>The run as the store keeps it. Call under the lock, or before the loop starts.</summary>
    private RunSnapshot Snapshot()
    {
        var state = new RunState(Id, _session.Scenario.Name, _session.Seed, ApprovalModes.Name(_approval.Mode), _approval.SemiAutomaticDelay,
            new RunClockState(_paused, _speed), _session.Time, _session.Finished, Stopped, PictureBuilder.SummaryOf(_session.Result()), Status, Reason);
        return new RunSnapshot(Id, state.Status, RunJson.Serialize(state), RunJson.Serialize(AllEvents()),
            RunJson.Serialize(_session.Result()), RunJson.Serialize(Layout), _time.GetUtcNow());
    }

    /// <summary>Saves the run's snapshot; a store that fails is reported in the state (the run goes on).</summary>
    private void Save()
    {
        if (_store is null) return;
        RunSnapshot snapshot;
        lock (_lock) snapshot = Snapshot();
        try
        {
            _store.Save(snapshot);
            _saveProblem = null;
        }
        catch (RecordStoreException e)
        {
            _saveProblem = e.Message;
        }
    }

    /// <summary>
    /// The clock: frames on a fixed wall-clock schedule, one every <see cref="FramePeriod"/> from the start (the time
    /// spent stepping and pushing comes off the wait, and timer lateness is caught up, at most half a period early,
    /// so the console gets 10 pictures a second while a frame's work fits in the period; a frame late by more than a
    /// period is not caught up).
    /// </summary>
    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var period = (long)(FramePeriod * _time.TimestampFrequency);
        // A late frame is caught up at half a period: two pictures in one browser frame would show only the second.
        var shortest = TimeSpan.FromSeconds(FramePeriod / 2);
        var last = _time.GetTimestamp();
        var next = last;
        var budget = _session.Tick / 2;
        var saved = last;
        while (!cancellationToken.IsCancellationRequested)
        {
            next += period;
            var wait = _time.GetElapsedTime(_time.GetTimestamp(), next);
            if (wait < -TimeSpan.FromSeconds(FramePeriod)) next = _time.GetTimestamp();
            try
            {
                await Task.Delay(wait > shortest ? wait : shortest, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var now = _time.GetTimestamp();
            var elapsed = _time.GetElapsedTime(last, now).TotalSeconds;
            last = now;
            var picture = Frame(elapsed, ref budget);
            if (picture is null) continue;
            if (_time.GetElapsedTime(saved, now).TotalSeconds >= SavePeriod || picture.Status is RunStatus.Failed or RunStatus.Finished)
            {
                Save();
                saved = now;
            }
            try
            {
                await _publisher.PublishAsync(picture, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Steps the session by the simulated time <paramref name="elapsed"/> wall seconds buy; the picture to push if anything changed.</summary>
    private LivePicture? Frame(double elapsed, ref double budget)
    {
        lock (_lock)
        {
            // Half a tick in hand: when frames and ticks keep the same pace (10x with 1 s ticks), timer jitter then never
            // leaves a frame without its tick (and the console without its picture).
            if (_paused || !CanStep) budget = _session.Tick / 2;
            else
            {
                budget += elapsed * _speed;
                for (var i = 0; budget >= _session.Tick && i < MaxStepsPerFrame && CanStep; i++)
                {
                    Step();
                    budget -= _session.Tick;
                    _dirty = true;
                }
                budget = Math.Min(budget, _session.Tick);
            }
            if (!_dirty) return null;
            _dirty = false;
            CatchUp();
            var fresh = _observed.GetRange(_observedSent, _observed.Count - _observedSent);
            _observedSent = _observed.Count;
            return PictureBuilder.BuildLive(Id, _session, _last, _approval, new RunClockState(_paused, _speed), fresh, Summary(), _time)
                with { Status = Status, Reason = Reason };
        }
    }

    /// <summary>Stops the clock for good; the run stays readable (state, events, result) for after-action review.</summary>
    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested) await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        Save();
    }

    /// <summary>Stops the run as its server shuts down: it is saved as "interrupted".</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_lock) _shutDown |= !Stopped;
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}
