using System.Diagnostics;
using Canopy.Core.Sensing;
using Canopy.Tracking.Metrics;

namespace Canopy.Tracking.Files;

/// <summary>
/// Runs a tracker over recorded detections and writes its confirmed tracks as tracks.csv rows. The tracker is updated
/// at every distinct detection time, and at least every <c>interval</c> seconds between them (with no plots) while it
/// holds any track, so its tracks are reported at a steady rate even when no sensor reports; with no track it goes
/// straight to the next detection, so a long silence costs nothing.
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
        var trackerTicks = 0L;
        while (next < sorted.Length)
        {
            var time = Math.Min(sorted[next].Time, last + interval);
            var end = next;
            while (end < sorted.Length && sorted[end].Time <= time) end++;
            var start = Stopwatch.GetTimestamp();
            var tracks = tracker.Update(time, sorted.AsSpan(next, end - next));
            trackerTicks += Stopwatch.GetTimestamp() - start;
            updates++;
            last = tracks.Count > 0 ? time : double.PositiveInfinity;
            foreach (var track in tracks)
            {
                if (track.Status != TrackStatus.Confirmed) continue;
                StateCsv.WriteRow(tracksCsv, time, new TargetState(track.Id, track.Position, track.Velocity));
                ids.Add(track.Id);
                rows++;
            }
            next = end;
        }
        return new DetectionReplayResult(sorted.Length, updates, rows, ids.Count, Stopwatch.GetElapsedTime(0, trackerTicks));
    }
}

/// <summary>
/// What a <see cref="DetectionReplay"/> did: plots fed, tracker updates, tracks.csv rows written and distinct confirmed
/// tracks, and the wall time spent in the tracker's updates alone (no sorting, no writing).
/// </summary>
public sealed record DetectionReplayResult(int Plots, int Updates, int TrackRows, int ConfirmedTracks, TimeSpan TrackerTime);
