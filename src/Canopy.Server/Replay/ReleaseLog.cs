using Canopy.Assignment;

namespace Canopy.Server.Replay;

/// <summary>
/// The engagements the approval gate released to the fire units, by the simulated time of the assigner call that
/// released them. With the scenario and seed it is all a deterministic re-run of the night needs. Thread-safe: the
/// live run appends while replays read.
/// </summary>
public sealed class ReleaseLog
{
    private readonly Lock _lock = new();
    private readonly Dictionary<double, WeaponAssignment[]> _byTime = [];

    public void Add(double time, IReadOnlyList<WeaponAssignment> released)
    {
        if (released.Count == 0) return;
        lock (_lock) _byTime[time] = [.. released];
    }

    /// <summary>What was released at exactly this assigner time (none if nothing was).</summary>
    public IReadOnlyList<WeaponAssignment> At(double time)
    {
        lock (_lock) return _byTime.TryGetValue(time, out var released) ? released : [];
    }
}
