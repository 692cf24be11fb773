using Canopy.Pipeline;
using Canopy.Server.Approval;
using Canopy.Server.Decisions;
using Canopy.Server.Live;
using Canopy.Simulation.Running;

namespace Canopy.Server.Tests;

public class PictureBuilderTests
{
    [Theory]
    // Diagonal covariances: the axes are the square roots, along east (bearing 90) or north (bearing 0).
    [InlineData(4, 1, 0, 2, 1, 90)]
    [InlineData(1, 9, 0, 3, 1, 0)]
    // [[2, 1], [1, 2]]: eigenvalues 3 and 1, major axis along east+north, bearing 45 (north-east).
    [InlineData(2, 2, 1, 1.7320508075688772, 1, 45)]
    // [[2, -1], [-1, 2]]: same, major axis along east-south, bearing 135 (south-east).
    [InlineData(2, 2, -1, 1.7320508075688772, 1, 135)]
    public void Ellipse_KnownCovariance_GivesSemiAxesAndBearing(double sxx, double syy, double sxy, double major, double minor, double bearing)
    {
        var e = PictureBuilder.Ellipse(sxx, syy, sxy);
        Assert.Equal(major, e.Major, 9);
        Assert.Equal(minor, e.Minor, 9);
        Assert.Equal(bearing, e.Bearing, 9);
    }
}

public class LivePictureTests
{
    [Fact]
    public void BuildLive_TracksAndThreats_MatchTheFullPictureAtWireResolution()
    {
        var scenario = new ScenarioCatalog(RepositoryRoot.Scenarios).Load("quiet-night", out var error) ?? throw new InvalidOperationException(error);
        OperatorApprovalAssigner gate = null!;
        var session = new SimulationSession(scenario, 7, layout => DefaultPipeline.Create(layout, AssignerKind.MarginalReturn,
            inner => gate = new OperatorApprovalAssigner(inner, new NoDecisions(), "t", TimeProvider.System)));
        PipelineStep? step = null;
        for (var i = 0; i < 3600 && (step is null || step.Threats.Count < 3); i++) step = session.Step() ?? step;
        var clock = new RunClockState(true, 1);

        var full = PictureBuilder.Build("t", session, step, gate, clock, [], TimeProvider.System);
        var live = PictureBuilder.BuildLive("t", session, step, gate, clock, [], TimeProvider.System);

        Assert.Equal(full.Tracks.Count * LivePicture.TrackStride, live.Tracks.Length);
        Assert.True(full.Threats.Count >= 3);
        var classOf = full.Threats.ToDictionary(t => t.TrackId, t => t.Class);
        for (var k = 0; k < full.Tracks.Count; k++)
        {
            var t = full.Tracks[k];
            var row = live.Tracks.AsSpan(k * LivePicture.TrackStride, LivePicture.TrackStride);
            Assert.Equal(t.Id, row[0]);
            Assert.Equal(t.Confirmed ? 1 : 0, row[1]);
            Assert.Equal(t.Lat, row[2], 0.5e-6);
            Assert.Equal(t.Lon, row[3], 0.5e-6);
            Assert.Equal(t.Height, row[4], 0.5);
            Assert.Equal(t.VEast, row[5], 0.05);
            Assert.Equal(t.VNorth, row[6], 0.05);
            Assert.Equal(t.VUp, row[7], 0.05);
            var identified = row[8] == LivePicture.CivilClass || row[8] == LivePicture.FriendlyClass;
            Assert.Equal(classOf.TryGetValue(t.Id, out var c) ? c : null, row[8] >= 0 && !identified ? live.Classes[(int)row[8]] : null);
        }
        Assert.Equal(full.Threats, live.Threats);
        Assert.Equal(full.Threats.Count, live.ThreatCount);
        // The console's asset and time to go are the evaluator's first threatened asset and arrival (where it may dive).
        var assessed = step!.Threats.ToDictionary(a => a.Track.Id);
        foreach (var v in full.Threats)
        {
            Assert.Equal(assessed[v.TrackId].FirstAsset?.Name, v.FirstAsset);
            Assert.Equal(assessed[v.TrackId].FirstArrival, v.FirstArrival);
            Assert.True(v.FirstArrival <= v.TimeToGo);
        }
    }

    [Fact]
    public void BuildLive_AirlinerAndFriendlyFighterInCover_AreSentAsCivilAndFriendly()
    {
        // Quiet night, 40 min in: the airliner (ADS-B, from 20 min) and the fighter (Mode 5, from 25 min, in from the west) are tracked.
        var scenario = new ScenarioCatalog(RepositoryRoot.Scenarios).Load("quiet-night", out var error) ?? throw new InvalidOperationException(error);
        OperatorApprovalAssigner gate = null!;
        var session = new SimulationSession(scenario, 7, layout => DefaultPipeline.Create(layout, AssignerKind.MarginalReturn,
            inner => gate = new OperatorApprovalAssigner(inner, new NoDecisions(), "t", TimeProvider.System)));
        PipelineStep? step = null;
        for (var i = 0; i <= 2400; i++) step = session.Step() ?? step;

        var live = PictureBuilder.BuildLive("t", session, step, gate, new RunClockState(true, 1), [], TimeProvider.System);

        var classes = Enumerable.Range(0, live.Tracks.Length / LivePicture.TrackStride)
            .Select(k => live.Tracks[k * LivePicture.TrackStride + 8]).Where(c => c >= 0).Select(c => live.Classes[(int)c]).ToList();
        Assert.Contains("Civil", classes);
        Assert.Contains("Friendly", classes);
        Assert.DoesNotContain(live.Threats, t => t.Class is "Civil" or "Friendly");
    }

    private sealed class NoDecisions : IDecisionLog
    {
        public void Add(Decision decision) { }
        public IReadOnlyList<Decision> ForRun(string runId) => [];
    }
}
