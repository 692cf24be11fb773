using Canopy.Core.Defence;
using Canopy.Core.Geodesy;

namespace Canopy.Interop.Cot;

/// <summary>
/// Keeps the fire units' positions as their CoT reports move them: a friendly update whose uid equals an effector's
/// <see cref="EffectorSpec.CotUid"/> (scenario key <c>cot-uid</c>) or its id, or whose callsign equals its id, moves that
/// effector. Updates older than the last one applied are ignored. Thread-safe: a listener applies updates while the
/// pipeline reads the positions at each step (<see cref="IEffectorPositions"/>).
/// </summary>
public sealed class EffectorPositionBoard : IEffectorPositions
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, EffectorSpec> _effectors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _byUid = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTime> _lastUpdate = new(StringComparer.Ordinal);

    public EffectorPositionBoard(IEnumerable<EffectorSpec> effectors)
    {
        ArgumentNullException.ThrowIfNull(effectors);
        foreach (var e in effectors)
        {
            _effectors[e.Id] = e;
            if (e.CotUid is { } uid) _byUid[uid] = e.Id;
        }
    }

    /// <summary>The effectors as last moved (a copy).</summary>
    public IReadOnlyCollection<EffectorSpec> Effectors
    {
        get
        {
            lock (_lock) return [.. _effectors.Values];
        }
    }

    /// <summary>Applies an update; returns the moved effector, or null when the update names none or is out of date.</summary>
    public EffectorSpec? Apply(FriendlyPositionUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        lock (_lock)
        {
            var id = _byUid.TryGetValue(update.Uid, out var byUid) ? byUid
                : _effectors.ContainsKey(update.Uid) ? update.Uid
                : update.Callsign is not null && _effectors.ContainsKey(update.Callsign) ? update.Callsign : null;
            if (id is null) return null;
            if (_lastUpdate.TryGetValue(id, out var last) && update.Time < last) return null;
            _lastUpdate[id] = update.Time;
            var moved = _effectors[id] with { Position = update.Position };
            _effectors[id] = moved;
            return moved;
        }
    }

    public bool TryGetPosition(string effectorId, out Geodetic position)
    {
        lock (_lock)
        {
            if (_lastUpdate.ContainsKey(effectorId))
            {
                position = _effectors[effectorId].Position;
                return true;
            }
        }
        position = default;
        return false;
    }
}
