using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Server.Decisions;
using Canopy.Server.Live;
using Canopy.Server.Replay;

namespace Canopy.Server.Tests;

/// <summary><see cref="RecordingEffectorPositions"/> writes what the pipeline applied; <see cref="PlaybackEffectorPositions"/> gives it back by step time.</summary>
public class EffectorPositionsPlaybackTests
{
    private static readonly Geodetic A = Geodetic.FromDegrees(51.02, 31.25), B = Geodetic.FromDegrees(51.2, 31.25), C = Geodetic.FromDegrees(50.9, 31.0);

    [Fact]
    public void Recording_PositionReadAtManySteps_IsRecordedOnlyWhenItChanges()
    {
        var reported = new Reported();
        var log = new ListLog();
        var time = 0.0;
        var recording = new RecordingEffectorPositions("run", reported, log, () => time);

        foreach (var (t, position) in new (double, Geodetic?)[] { (0, null), (1, A), (2, A), (3, A), (4, B), (5, B), (6, A) })
        {
            time = t;
            reported.Position = position;
            Assert.Equal(position is not null, recording.TryGetPosition("MFG-1", out var read));
            if (position is { } p) Assert.Equal(p, read);
        }

        Assert.Equal([new Relocation("run", 1, "MFG-1", A), new Relocation("run", 4, "MFG-1", B), new Relocation("run", 6, "MFG-1", A)], log.Added);
    }

    [Fact]
    public void Recording_StoreFailsToWrite_AppliesThePositionAndRecordsItAtTheNextStep()
    {
        var reported = new Reported { Position = A };
        var log = new ListLog { FailNext = true };
        var time = 7.0;
        var recording = new RecordingEffectorPositions("run", reported, log, () => time);

        Assert.True(recording.TryGetPosition("MFG-1", out var first));
        time = 8;
        Assert.True(recording.TryGetPosition("MFG-1", out var second));
        time = 9;
        Assert.True(recording.TryGetPosition("MFG-1", out _));

        Assert.Equal((A, A), (first, second));
        Assert.Equal(1, recording.Unrecorded);
        Assert.Equal([new Relocation("run", 8, "MFG-1", A)], log.Added);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(9.5, null)]
    [InlineData(10, "B")]
    [InlineData(19, "B")]
    [InlineData(20, "C")] // two at 20 s: the last recorded wins
    [InlineData(1e6, "C")]
    public void Playback_AtStepTime_IsTheLatestRelocationAtOrBeforeIt(double time, string? expected)
    {
        // Recorded out of time order (a hand-edited file): the playback orders them by time.
        var playback = new PlaybackEffectorPositions([
            new Relocation("run", 20, "MFG-1", A), new Relocation("run", 10, "MFG-1", B), new Relocation("run", 20, "MFG-1", C),
            new Relocation("run", 5, "MFG-2", A)], () => time);

        var found = playback.TryGetPosition("MFG-1", out var position);

        Assert.Equal(expected is not null, found);
        if (expected is not null) Assert.Equal(expected == "B" ? B : C, position);
        Assert.False(playback.TryGetPosition("MFG-3", out _));
    }

    private sealed class Reported : IEffectorPositions
    {
        public Geodetic? Position { get; set; }

        public bool TryGetPosition(string effectorId, out Geodetic position)
        {
            position = Position ?? default;
            return Position is not null;
        }
    }

    private sealed class ListLog : IRelocationLog
    {
        public List<Relocation> Added { get; } = [];

        /// <summary>Whether the next write fails as a full disk's would.</summary>
        public bool FailNext { get; set; }

        public void Add(Relocation relocation)
        {
            if (FailNext)
            {
                FailNext = false;
                throw new IOException("disk full");
            }
            Added.Add(relocation);
        }

        public IReadOnlyList<Relocation> RelocationsFor(string runId) => Added;
    }
}
