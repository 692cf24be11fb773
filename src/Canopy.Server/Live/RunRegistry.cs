using System.Collections.Concurrent;
using System.Globalization;
using Canopy.Scenarios.Model;
using Canopy.Server.Approval;
using Canopy.Server.Decisions;

namespace Canopy.Server.Live;

/// <summary>The server's runs by id; the console follows the latest one started.</summary>
public sealed class RunRegistry(IDecisionLog log, IRelocationLog relocations, IPicturePublisher publisher, TimeProvider time) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, LiveRun> _runs = new(StringComparer.Ordinal);
    private int _count;

    /// <summary>The run most recently started, if any.</summary>
    public LiveRun? Current { get; private set; }

    /// <summary>
    /// The fire units' reported positions (CoT in) for a run of a scenario started without its own, if any: a board of the run's
    /// own, fed by the server's CoT listener, so no run sees another's units or reports.
    /// </summary>
    public Func<Scenario, Canopy.Core.Defence.IEffectorPositions?>? PositionsFor { get; set; }

    public IEnumerable<LiveRun> All => _runs.Values.OrderBy(r => r.Id, StringComparer.Ordinal);

    /// <param name="positions">The fire units' reported positions (CoT in); default one from <see cref="PositionsFor"/>.</param>
    public LiveRun Start(Scenario scenario, int seed, ApprovalMode mode, double speed, bool paused, double semiAutomaticDelay,
        Canopy.Core.Defence.IEffectorPositions? positions = null)
    {
        var n = Interlocked.Increment(ref _count);
        var id = string.Create(CultureInfo.InvariantCulture, $"{time.GetUtcNow():yyyyMMdd-HHmmss}-{n}");
        var run = new LiveRun(id, scenario, seed, mode, speed, paused, semiAutomaticDelay, log, publisher, time, positions ?? PositionsFor?.Invoke(scenario), relocations);
        _runs[id] = run;
        Current = run;
        return run;
    }

    public LiveRun? Find(string id) => _runs.GetValueOrDefault(id);

    public async ValueTask DisposeAsync()
    {
        foreach (var run in _runs.Values) await run.DisposeAsync().ConfigureAwait(false);
    }
}
