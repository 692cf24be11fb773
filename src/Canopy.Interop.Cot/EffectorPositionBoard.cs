using System.Net;
using Canopy.Core.Defence;
using Canopy.Core.Geodesy;

namespace Canopy.Interop.Cot;

/// <summary>What became of a position report offered to an <see cref="EffectorPositionBoard"/>.</summary>
public enum PositionVerdict
{
    /// <summary>It moved a fire unit.</summary>
    Moved,

    /// <summary>Its uid is no mobile unit's <c>cot-uid</c> (other friendly traffic, or a fixed unit named by a spoofer): ignored.</summary>
    NotMobile,

    /// <summary>It came from an address not in the unit's <c>cot-from</c>.</summary>
    RejectedBySource,

    /// <summary>Its time lies in the future, or before the unit's last report.</summary>
    RejectedByTime,

    /// <summary>It would move the unit farther than it can drive in the time since its last report, or to an impossible height.</summary>
    Implausible,
}

/// <summary>A fire unit's latest accepted report: where, when (the event's time), from which uid and address.</summary>
public sealed record PositionReport(Geodetic Position, DateTime Time, string Uid, IPAddress? Source);

/// <summary>
/// Keeps the fire units' positions as their CoT reports move them. Only units declared mobile move: a friendly update moves
/// the effector whose <see cref="EffectorSpec.CotUid"/> (scenario key <c>cot-uid</c>) equals its uid (never by callsign or id),
/// when it comes from one of the unit's <see cref="EffectorSpec.CotSources"/> (<c>cot-from</c>; any address when none are
/// given), is dated no later than now (plus <see cref="CotInOptions.MaxClockLead"/>) and no earlier than the unit's last
/// report, and moves it no farther than it can drive in the time between (<see cref="CotInOptions"/>). Every accepted report
/// is kept with its source (<see cref="TryGetReport"/>). Thread-safe: a listener applies updates while the pipeline reads the
/// positions at each step (<see cref="IEffectorPositions"/>). One board per run: a run's scenario names its own units.
/// </summary>
public sealed class EffectorPositionBoard : IEffectorPositions
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, EffectorSpec> _effectors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _byUid = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PositionReport> _reports = new(StringComparer.Ordinal);
    private readonly CotInOptions _options;
    private readonly TimeProvider _time;

    /// <param name="options">The checks on reports; default <see cref="CotInOptions.Default"/>.</param>
    /// <param name="time">Now, for reports dated in the future; default the system clock.</param>
    public EffectorPositionBoard(IEnumerable<EffectorSpec> effectors, CotInOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(effectors);
        _options = options ?? CotInOptions.Default;
        _time = time ?? TimeProvider.System;
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

    /// <summary>Applies an update when it passes every check; <paramref name="moved"/> is the moved effector then.</summary>
    public PositionVerdict Apply(FriendlyPositionUpdate update, out EffectorSpec? moved)
    {
        ArgumentNullException.ThrowIfNull(update);
        moved = null;
        lock (_lock)
        {
            if (!_byUid.TryGetValue(update.Uid, out var id)) return PositionVerdict.NotMobile;
            var unit = _effectors[id];
            if (unit.CotSources is { Count: > 0 } sources && !FromAny(update.Source, sources)) return PositionVerdict.RejectedBySource;
            var now = _time.GetUtcNow().UtcDateTime;
            if (update.Time > now + TimeSpan.FromSeconds(_options.MaxClockLead.Seconds)) return PositionVerdict.RejectedByTime;
            var last = _reports.GetValueOrDefault(id);
            if (last is not null && update.Time < last.Time) return PositionVerdict.RejectedByTime;
            if (!Plausible(unit, last, update)) return PositionVerdict.Implausible;
            _reports[id] = new PositionReport(update.Position, update.Time, update.Uid, update.Source);
            moved = unit with { Position = update.Position };
            _effectors[id] = moved;
            return PositionVerdict.Moved;
        }
    }

    private bool Plausible(EffectorSpec unit, PositionReport? last, FriendlyPositionUpdate update)
    {
        var height = update.Position.HeightM;
        if (!(height >= _options.MinHeight.Metres && height <= _options.MaxHeight.Metres)) return false;
        var reach = last is null
            ? _options.FirstReportRadius.Metres
            : _options.Tolerance.Metres + _options.MaxSpeed.MetresPerSecond * (update.Time - last.Time).TotalSeconds;
        var from = last?.Position ?? unit.Position;
        return Horizontal(from, update.Position) <= reach;
    }

    /// <summary>The straight-line distance between two positions at the same height (ECEF chord: no iteration, no failure).</summary>
    private static double Horizontal(Geodetic a, Geodetic b) => (Wgs84.ToEcef(a.WithHeight(0)) - Wgs84.ToEcef(b.WithHeight(0))).Length;

    private static bool FromAny(IPAddress? source, IReadOnlyList<IPAddress> allowed)
    {
        if (source is null) return false;
        if (source.IsIPv4MappedToIPv6) source = source.MapToIPv4();
        foreach (var a in allowed)
            if (a.Equals(source)) return true;
        return false;
    }

    public bool TryGetPosition(string effectorId, out Geodetic position)
    {
        lock (_lock)
        {
            if (_reports.TryGetValue(effectorId, out var report))
            {
                position = report.Position;
                return true;
            }
        }
        position = default;
        return false;
    }

    /// <summary>The effector's latest accepted report, with its uid and source; false when none.</summary>
    public bool TryGetReport(string effectorId, out PositionReport? report)
    {
        lock (_lock) return _reports.TryGetValue(effectorId, out report);
    }

    public string? SourceOf(string effectorId) =>
        TryGetReport(effectorId, out var r) && r is not null ? $"CoT {r.Uid} from {r.Source?.ToString() ?? "unknown address"}" : null;
}
