using Canopy.Core.Sensing;
using Canopy.Tracking.Metrics;

namespace Canopy.Tracking.Files;

/// <summary>
/// Runs a tracker over recorded detections and writes its confirmed tracks as tracks.csv rows. The tracker is updated
/// at every distinct detection time, and at least every <c>interval</c> seconds between them (with no plots), so its
/// tracks are reported at a steady rate even when no sensor reports.
/// </summary>
public static class DetectionReplay
{
    /// <param name="plots">The detections of every file, any order.</param>
    /// <param name="interval">Longest time (s) between two updates.</param>
    public static DetectionReplayResult Run(ITracker tracker, IReadOnlyList<Plot> plots, double interval, TextWriter tracksCsv)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        ArgumentNullException.ThrowIfNull(plots);
        ArgumentNullException.ThrowIfNull(tracksCsv);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(interval);
        var sorted = plots.OrderBy(p => p.Time).ToArray();
        StateCsv.WriteHeader(tracksCsv, StateFileKind.Tracks);
        var ids = new HashSet<int>();
        var updates = 0;
        var rows = 0;
        var next = 0;
        var last = sorted.Length > 0 ? sorted[0].Time - interval : 0;
        while (next < sorted.Length)
        {
            var time = Math.Min(sorted[next].Time, last + interval);
            last = time;
            var end = next;
            while (end < sorted.Length && sorted[end].Time <= time) end++;
            var tracks = tracker.Update(time, sorted.AsSpan(next, end - next));
            updates++;
            foreach (var track in tracks)
            {
                if (track.Status != TrackStatus.Confirmed) continue;
                StateCsv.WriteRow(tracksCsv, time, new TargetState(track.Id, track.Position, track.Velocity));
                ids.Add(track.Id);
                rows++;
            }
            next = end;
        }
        return new DetectionReplayResult(sorted.Length, updates, rows, ids.Count);
    }
}

/// <summary>What a <see cref="DetectionReplay"/> did: plots fed, tracker updates, tracks.csv rows written and distinct confirmed tracks.</summary>
public sealed record DetectionReplayResult(int Plots, int Updates, int TrackRows, int ConfirmedTracks);
