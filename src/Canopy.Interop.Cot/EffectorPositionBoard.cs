using Canopy.Core.Defence;

namespace Canopy.Interop.Cot;

/// <summary>
/// Keeps the fire units' positions as their CoT reports move them: a friendly update whose uid or callsign equals an
/// effector's id moves that effector. Updates older than the last one applied are ignored.
/// </summary>
public sealed class EffectorPositionBoard
{
    private readonly Dictionary<string, EffectorSpec> _effectors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTime> _lastUpdate = new(StringComparer.Ordinal);

    public EffectorPositionBoard(IEnumerable<EffectorSpec> effectors)
    {
        foreach (var e in effectors) _effectors[e.Id] = e;
    }

    public IReadOnlyCollection<EffectorSpec> Effectors => _effectors.Values;

    /// <summary>Applies an update; returns the moved effector, or null when the update names none or is out of date.</summary>
    public EffectorSpec? Apply(FriendlyPositionUpdate update)
    {
        var id = _effectors.ContainsKey(update.Uid) ? update.Uid
            : update.Callsign is not null && _effectors.ContainsKey(update.Callsign) ? update.Callsign : null;
        if (id is null) return null;
        if (_lastUpdate.TryGetValue(id, out var last) && update.Time < last) return null;
        _lastUpdate[id] = update.Time;
        var moved = _effectors[id] with { Position = update.Position };
        _effectors[id] = moved;
        return moved;
    }
}
