using Canopy.Core.Geometry;
using Canopy.Core.Sensing;
using Canopy.Tracking.Files;

namespace Canopy.Tracking.Tests.Files;

public class DetectionReplayTests
{
    /// <summary>Records the times and plot counts it is updated with; publishes one confirmed track.</summary>
    private sealed class RecordingTracker : ITracker
    {
        public List<(double Time, int Plots)> Calls { get; } = [];

        public IReadOnlyList<Track> Update(double time, ReadOnlySpan<Plot> plots)
        {
            Calls.Add((time, plots.Length));
            return [new Track(4, TrackStatus.Confirmed, time, new Vec3(time, 0, 0), new Vec3(1, 0, 0), new double[36], 0, time, 1),
                new Track(5, TrackStatus.Tentative, time, Vec3.Zero, Vec3.Zero, new double[36], 0, time, 1)];
        }
    }

    [Fact]
    public void Run_GapLongerThanInterval_FillsItWithEmptyUpdates()
    {
        var s = new SensorId(1);
        Plot[] plots = [Plot.Position(s, 3.5, Vec3.Zero), Plot.Position(s, 0, Vec3.Zero), Plot.Position(s, 0, Vec3.Zero), Plot.Position(s, 1, Vec3.Zero)];
        var tracker = new RecordingTracker();
        var csv = new StringWriter();
        var result = DetectionReplay.Run(tracker, plots, 1, csv);

        Assert.Equal([(0, 2), (1, 1), (2, 0), (3, 0), (3.5, 1)], tracker.Calls);
        Assert.Equal(new DetectionReplayResult(4, 5, 5, 1, TimeSpan.Zero), result with { TrackerTime = TimeSpan.Zero });
        var rows = StateCsv.Read(new StringReader(csv.ToString()), "tracks.csv", StateFileKind.Tracks);
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Equal(4, r.State.Id));
        Assert.Equal(3.5, rows[^1].State.Position.X);
    }
}
