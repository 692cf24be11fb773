using System.Collections.Concurrent;
using Canopy.Scenarios.Model;
using Canopy.Server.Approval;
using Canopy.Server.Decisions;
using Canopy.Server.Store;

namespace Canopy.Server.Live;

/// <summary>
/// The server's runs by id: those live in this process, and (from the run store) those of earlier processes or other
/// servers on the same database, as last saved. The console follows the latest one started here. Run ids are
/// time-ordered UUIDs (version 7), unique across processes and never reused.
/// </summary>
public sealed class RunRegistry(IDecisionLog log, IRelocationLog relocations, IPicturePublisher publisher, TimeProvider time, IRunStore? store = null)
    : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, LiveRun> _runs = new(StringComparer.Ordinal);

    /// <summary>The run most recently started, if any.</summary>
    public LiveRun? Current { get; private set; }

    /// <summary>
    /// The fire units' reported positions (CoT in) for a run of a scenario started without its own, if any: a board of the run's
    /// own, fed by the server's CoT listener, so no run sees another's units or reports.
    /// </summary>
    public Func<Scenario, Canopy.Core.Defence.IEffectorPositions?>? PositionsFor { get; set; }

    /// <summary>The runs live in this process, oldest first.</summary>
    public IEnumerable<LiveRun> All => _runs.Values.OrderBy(r => r.Id, StringComparer.Ordinal);

    /// <param name="positions">The fire units' reported positions (CoT in); default one from <see cref="PositionsFor"/>.</param>
    /// <exception cref="RecordStoreException">The store could not record the start: no run started.</exception>
    public LiveRun Start(Scenario scenario, int seed, ApprovalMode mode, double speed, bool paused, double semiAutomaticDelay,
        Canopy.Core.Defence.IEffectorPositions? positions = null)
    {
        var id = Guid.CreateVersion7(time.GetUtcNow()).ToString();
        var run = new LiveRun(id, scenario, seed, mode, speed, paused, semiAutomaticDelay, log, publisher, time, positions ?? PositionsFor?.Invoke(scenario), relocations,
            store);
        _runs[id] = run;
        Current = run;
        return run;
    }

    public LiveRun? Find(string id) => _runs.GetValueOrDefault(id);

    /// <summary>
    /// Every run's state, oldest first: live ones as they are now, the others as last saved (a run that was live when its
    /// server stopped is "interrupted").
    /// </summary>
    public IReadOnlyList<RunState> States()
    {
        var live = All.Select(r => r.State()).ToList();
        var past = store?.RunStates().Select(json => RunJson.Deserialize<RunState>(json)!).Where(s => !_runs.ContainsKey(s.Id)).Select(Past) ?? [];
        return [.. past.Concat(live).OrderBy(s => s.Id, StringComparer.Ordinal)];
    }

    /// <summary>A run not live in this process, as last saved; null if the store has no such run.</summary>
    public (RunState State, RunSnapshot Snapshot)? Saved(string id)
    {
        if (store?.Snapshot(id) is not { } snapshot) return null;
        return (Past(RunJson.Deserialize<RunState>(snapshot.StateJson)!), snapshot);
    }

    private static RunState Past(RunState saved) => saved.Status is RunStatus.Running or RunStatus.Paused
        ? saved with { Status = RunStatus.Interrupted, Stopped = true, Reason = "its server stopped while it was live; this is its state as last saved" }
        : saved with { Stopped = true };

    public async ValueTask DisposeAsync()
    {
        foreach (var run in _runs.Values) await run.DisposeAsync().ConfigureAwait(false);
    }
}
