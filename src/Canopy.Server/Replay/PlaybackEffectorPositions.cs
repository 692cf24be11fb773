using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Server.Decisions;

namespace Canopy.Server.Replay;

/// <summary>
/// The relocations recorded in a live run played back to a replay's pipeline: at the step of simulated time
/// <paramref name="stepTime"/> a fire unit is at its latest relocation at or before that time (of equal times the last
/// recorded), and where the scenario put it before its first. Relocations of effectors the scenario lacks are never asked for.
/// </summary>
public sealed class PlaybackEffectorPositions : IEffectorPositions
{
    private readonly Dictionary<string, (double[] Times, Geodetic[] Positions)> _byEffector = new(StringComparer.Ordinal);
    private readonly Func<double> _stepTime;

    public PlaybackEffectorPositions(IReadOnlyList<Relocation> recorded, Func<double> stepTime)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        _stepTime = stepTime ?? throw new ArgumentNullException(nameof(stepTime));
        foreach (var unit in recorded.GroupBy(r => r.Effector, StringComparer.Ordinal))
        {
            var inOrder = unit.OrderBy(r => r.SimulatedTime).ToArray(); // stable: equal times keep the recorded order
            _byEffector[unit.Key] = ([.. inOrder.Select(r => r.SimulatedTime)], [.. inOrder.Select(r => r.Position)]);
        }
    }

    public bool TryGetPosition(string effectorId, out Geodetic position)
    {
        position = default;
        if (!_byEffector.TryGetValue(effectorId, out var unit)) return false;
        var now = _stepTime();
        // The first relocation later than now (binary search); the one before it is in force.
        int low = 0, high = unit.Times.Length;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (unit.Times[mid] <= now) low = mid + 1;
            else high = mid;
        }
        if (low == 0) return false;
        position = unit.Positions[low - 1];
        return true;
    }
}
