using System.Net;
using System.Net.Sockets;
using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.Core.Quantities;
using Canopy.Core.Sensing;
using Canopy.Interop.Cot;
using Canopy.Pipeline;
using Canopy.Server.Approval;
using Canopy.Server.Decisions;
using Canopy.Server.Live;

namespace Canopy.Server.Tests;

/// <summary>
/// CoT in on loopback: a live run of the quiet night whose fire units read an <see cref="EffectorPositionBoard"/> fed by a
/// <see cref="CotPositionFeed"/>; a mobile fire group's tablet reports it 20 km away (XML, then TAK protobuf) and the next step's
/// picture and pipeline have it there.
/// </summary>
public class CotInLiveRunTests
{
    private const string Tablet = "ANDROID-5f1e0c"; // the uid of MFG-1's tablet, given as cot-uid

    [Fact]
    public async Task LiveRun_CotPositionReports_MoveTheMobileFireGroupAtTheNextStep()
    {
        var scenario = new ScenarioCatalog(RepositoryRoot.Scenarios).Load("quiet-night", out var error) ?? throw new InvalidOperationException(error);
        scenario = scenario with { Effectors = [.. scenario.Effectors.Select(e => e.Id == "MFG-1" ? e with { CotUid = Tablet } : e)] };
        var start = scenario.Effectors.Single(e => e.Id == "MFG-1").Position;
        var local = new LocalFrame(start);
        var board = new EffectorPositionBoard(scenario.Effectors);
        await using var feed = new CotPositionFeed(CotTransport.Udp, new IPEndPoint(IPAddress.Loopback, 0), board);
        await using var run = new LiveRun("cot", scenario, 7, ApprovalMode.Manual, 1, paused: true, 30, new NoDecisions(), new NoPublisher(),
            TimeProvider.System, board);
        run.Advance(5);
        Assert.Equal(0, Offset(run, local).Length, 1.0);

        // XML from the tablet (matched by cot-uid; its callsign names no effector): 20 km north.
        var north = local.ToGeodetic(new Vec3(0, 20_000, 0));
        using (var xml = new UdpCotSender(feed.LocalEndPoint, CotEncoding.Xml)) xml.Send(Friendly(north, DateTime.UtcNow.AddMinutes(-30)));
        await WaitFor(() => feed.Applied == 1);
        run.Advance(1);
        Assert.True((Offset(run, local) - new Vec3(0, 20_000, 0)).Length < 1, $"MFG-1 at {Offset(run, local)}, 20 km north expected");

        // Garbage is counted and skipped; then TAK protobuf: 20 km east of the start (28 km in 30 min: a drive the unit can make).
        using (var garbage = new UdpClient()) await garbage.SendAsync(new byte[] { 0x3C, 0x65, 0x76, 0x00 }, feed.LocalEndPoint);
        var east = local.ToGeodetic(new Vec3(20_000, 0, 0));
        using (var proto = new UdpCotSender(feed.LocalEndPoint, CotEncoding.TakProtobuf)) proto.Send(Friendly(east, DateTime.UtcNow));
        await WaitFor(() => feed.Applied == 2 && feed.Bad == 1);
        run.Advance(1);
        Assert.True((Offset(run, local) - new Vec3(20_000, 0, 0)).Length < 1, $"MFG-1 at {Offset(run, local)}, 20 km east expected");
        Assert.True(board.TryGetPosition("MFG-1", out _));
        Assert.False(board.TryGetPosition("MFG-2", out _));
    }

    /// <summary>
    /// The pipeline itself, fed by position plots of a drone flying at 50 m/s towards a city: the one mobile fire group, 25 km
    /// off the drone's path with a 4 km reach, can engage nothing; once its tablet reports it (TAK protobuf over loopback) 1 km
    /// beside the drone's path 2 km ahead of the drone, the next step assigns it the drone, launching from the reported position.
    /// </summary>
    [Fact]
    public async Task Pipeline_CotReportBringsTheFireGroupInReach_NextStepAssignsItTheThreat()
    {
        var frame = new LocalFrame(Geodetic.FromDegrees(50.45, 30.52, 0));
        var mfg = new EffectorSpec("MFG-1", EffectorClass.MobileFireGroup, frame.ToGeodetic(new Vec3(25_000, 0, 0)), Length.FromMetres(0),
            Length.FromKilometres(4), Length.FromKilometres(2), Speed.FromMetresPerSecond(800), 100, Duration.FromSeconds(2), Duration.FromSeconds(0), 2,
            new Dictionary<ThreatClass, Probability> { [ThreatClass.Drone] = Probability.Of(0.5) }, Money.FromDollars(1000), CotUid: Tablet);
        var layout = new DefenceLayout(frame, [new DefendedAsset("city", AssetKind.City, frame.Origin, Length.FromMetres(2000), 1000)], [], [mfg], new DefencePolicy());
        var board = new EffectorPositionBoard(layout.Effectors);
        await using var feed = new CotPositionFeed(CotTransport.Udp, new IPEndPoint(IPAddress.Loopback, 0), board);
        var pipeline = DefaultPipeline.Create(layout, AssignerKind.Greedy, a => a, null, null, board);
        static Vec3 Drone(double t) => new(0, 20_000 - 50 * t, 600);
        var sensor = new SensorId(65536);
        var threatSeen = false;
        for (var t = 0.0; t <= 40; t += 2)
        {
            var step = pipeline.Step(t, [Plot.Position(sensor, t, Drone(t))]);
            threatSeen |= step.Threats.Count > 0;
            Assert.Empty(step.Assignments);
        }
        Assert.True(threatSeen, "the drone was never assessed a threat");

        var reported = frame.ToGeodetic(Drone(42) + new Vec3(1000, -2000, -600));
        using (var proto = new UdpCotSender(feed.LocalEndPoint, CotEncoding.TakProtobuf)) proto.Send(Friendly(reported, DateTime.UtcNow));
        await WaitFor(() => feed.Applied == 1);
        var next = pipeline.Step(42, [Plot.Position(sensor, 42, Drone(42))]);

        var assignment = Assert.Single(next.Assignments);
        Assert.Equal("MFG-1", assignment.Effector.Id);
        Assert.True((frame.ToEnu(assignment.Effector.Position) - frame.ToEnu(reported)).Length < 1);
        Assert.Equal(assignment, Assert.Single(next.Engagements.Shots).Assignment);
    }

    /// <summary>
    /// The after-action replay of a live run (automatic mode, decisions and relocations in SQLite) in which an XML report from
    /// MFG-1's tablet moved it 20 km north: the relocation is recorded once, at the step that applied it; the replay has MFG-1
    /// at its scenario position the step before, 20 km north (within 1 m) at that step and at the end, and the same fire units,
    /// engagements and score as the live run.
    /// </summary>
    [Fact]
    public async Task Replay_RunWithACotRelocation_MovesTheUnitAtTheSameStepAndEngagesAsLive()
    {
        var scenario = new ScenarioCatalog(RepositoryRoot.Scenarios).Load("quiet-night", out var error) ?? throw new InvalidOperationException(error);
        scenario = scenario with { Effectors = [.. scenario.Effectors.Select(e => e.Id == "MFG-1" ? e with { CotUid = Tablet } : e)] };
        var local = new LocalFrame(scenario.Effectors.Single(e => e.Id == "MFG-1").Position);
        using var folder = new TempFolder();
        var store = new SqliteDecisionLog(folder.File("decisions.db"));
        var board = new EffectorPositionBoard(scenario.Effectors);
        await using var feed = new CotPositionFeed(CotTransport.Udp, new IPEndPoint(IPAddress.Loopback, 0), board);
        await using var run = new LiveRun("relocated", scenario, 7, ApprovalMode.Automatic, 1, paused: true, 30, store, new NoPublisher(),
            TimeProvider.System, board, store);
        run.Advance(600);
        var north = new Vec3(0, 20_000, 0);
        using (var xml = new UdpCotSender(feed.LocalEndPoint, CotEncoding.Xml)) xml.Send(Friendly(local.ToGeodetic(north), DateTime.UtcNow));
        await WaitFor(() => feed.Applied == 1);
        run.Advance(6600);
        var live = run.Picture();

        var relocation = Assert.Single(store.RelocationsFor("relocated"));
        Assert.Equal(("MFG-1", 600.0), (relocation.Effector, relocation.SimulatedTime)); // 1 s ticks: Advance(600) stepped 0..599
        Assert.Equal(0, Offset(run.ReplayAt(599), local).Length, 1.0);
        foreach (var replayed in new[] { run.ReplayAt(600), run.ReplayAt(live.Time) })
            Assert.True((Offset(replayed, local) - north).Length < 1, $"MFG-1 replayed at {Offset(replayed, local)} at {replayed.Time} s, 20 km north expected");
        var replay = run.ReplayAt(live.Time);
        Assert.Equal(live.Time, replay.Time);
        Assert.Equal(Units(live), Units(replay));
        Assert.Equal(live.Summary, replay.Summary);
        var engagements = run.Events().Where(e => e.Kind == "Engagement").ToList();
        Assert.NotEmpty(engagements);
        Assert.Equal(engagements, replay.NewEvents.Where(e => e.Kind == "Engagement"));
    }

    private static List<string> Units(Picture picture) =>
        [.. picture.FireUnits.Select(u => $"{u.Id} {u.RoundsLeft} {u.ReadyAt} [{string.Join(' ', u.Engaging)}] {u.Lat} {u.Lon}")];

    /// <summary>MFG-1's position in the live picture, as east/north/up metres from where the scenario put it.</summary>
    private static Vec3 Offset(LiveRun run, LocalFrame local) => Offset(run.Picture(), local);

    /// <summary>MFG-1's position in a picture, as east/north/up metres from where the scenario put it.</summary>
    private static Vec3 Offset(Picture picture, LocalFrame local)
    {
        var unit = picture.FireUnits.Single(u => u.Id == "MFG-1");
        var enu = local.ToEnu(Geodetic.FromDegrees(unit.Lat, unit.Lon, 0));
        return enu with { Z = 0 };
    }

    private static CotEvent Friendly(Geodetic at, DateTime time) =>
        new("a-f-G-U-C", Tablet, time, time, time.AddMinutes(2), "h-g-i-g-o", at.LatitudeDeg, at.LongitudeDeg, at.HeightM, 5, 10, new CotDetail(Callsign: "Alpha 1"));

    private static async Task WaitFor(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++) await Task.Delay(25);
        Assert.True(condition(), "the CoT feed did not apply the report within 5 s");
    }

    private sealed class NoDecisions : IDecisionLog
    {
        public void Add(Decision decision) { }
        public IReadOnlyList<Decision> ForRun(string runId) => [];
    }

    private sealed class NoPublisher : IPicturePublisher
    {
        public Task PublishAsync(LivePicture picture, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
