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
public sealed class AdsbCorrelator(double horizontalGate = 1000, double verticalGate = 300, double maxAge = 10) : ICivilIdentity
{
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

    public bool IsCivil(Track track, double time)
    {
        if (_civilTracks.Contains(track.Id)) return true;
        foreach (var report in _latest.Values)
        {
            if (Math.Abs(time - report.Time) > maxAge) continue;
            var at = track.Position + track.Velocity * (report.Time - track.Time);
            var d = at - report.Position;
            if (Math.Abs(d.Z) > verticalGate || d.X * d.X + d.Y * d.Y > horizontalGate * horizontalGate) continue;
            _civilTracks.Add(track.Id);
            return true;
        }
        return false;
    }

    private void Forget(double before)
    {
        _stale.Clear();
        foreach (var (address, report) in _latest)
            if (report.Time < before) _stale.Add(address);
        foreach (var address in _stale) _latest.Remove(address);
    }
}
