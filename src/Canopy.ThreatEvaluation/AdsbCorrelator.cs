using Canopy.Core.Geometry;
using Canopy.Tracking;

namespace Canopy.ThreatEvaluation;

/// <summary>One ADS-B position report: the aircraft's 24-bit ICAO address, the time of the position and where it was (common ENU frame).</summary>
public readonly record struct AdsbReport(int Address, double Time, Vec3 Position);

/// <summary>
/// Identifies civil aircraft by their ADS-B reports: a track whose position, carried along its velocity to a report's time,
/// lies within the gate of a recent report (by default 1 km horizontally, 300 m vertically, at most 10 s old) is civil, and stays
/// civil for as long as the track lives, so an airliner never becomes a candidate threat between two reports.
/// Only each aircraft's latest report is kept.
/// </summary>
public sealed class AdsbCorrelator(double horizontalGate = 1000, double verticalGate = 300, double maxAge = 10) : IIdentityCorrelator
{
    private readonly ReportGate _gate = new(horizontalGate, verticalGate, maxAge);
    private readonly Dictionary<int, AdsbReport> _latest = [];
    private readonly HashSet<int> _civilTracks = [];
    private readonly List<int> _stale = [];

    /// <summary>Aircraft whose latest report is kept (those older than the age limit are forgotten in batches of 64).</summary>
    public int Aircraft => _latest.Count;

    /// <summary>Tracks identified civil so far.</summary>
    public int CivilTracks => _civilTracks.Count;

    public void Report(AdsbReport report)
    {
        if (_latest.TryGetValue(report.Address, out var known) && known.Time > report.Time) return;
        _latest[report.Address] = report;
        if (_latest.Count > 64 && _latest.Count % 64 == 0) Forget(report.Time - maxAge);
    }

    /// <summary>True when <see cref="Identify"/> names the track civil.</summary>
    public bool IsCivil(Track track, double time) => Identify(track, time) == AirIdentity.Civil;

    /// <summary><see cref="AirIdentity.Civil"/> when a recent report falls in the track's gate (or once did), else unknown.</summary>
    public AirIdentity Identify(Track track, double time)
    {
        if (_civilTracks.Contains(track.Id)) return AirIdentity.Civil;
        foreach (var report in _latest.Values)
        {
            if (!_gate.Contains(track, time, report.Time, report.Position)) continue;
            _civilTracks.Add(track.Id);
            return AirIdentity.Civil;
        }
        return AirIdentity.Unknown;
    }

    private void Forget(double before)
    {
        _stale.Clear();
        foreach (var (address, report) in _latest)
            if (report.Time < before) _stale.Add(address);
        foreach (var address in _stale) _latest.Remove(address);
    }
}
