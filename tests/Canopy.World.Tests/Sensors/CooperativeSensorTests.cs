using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Quantities;
using Canopy.Scenarios.Model;
using Canopy.ThreatEvaluation;
using Canopy.World.Raids;
using Canopy.World.Sensors;

namespace Canopy.World.Tests.Sensors;

public class CooperativeSensorTests
{
    private static readonly LocalFrame Common = new(WorldFixtures.Origin);

    /// <summary>An aircraft flying north at 8 km from 40 km north of the origin, launched and moved to t = 10 s.</summary>
    private static (SimulatedWorld World, SimulatedThreat Aircraft) Flying(AircraftIdentity identity, int? squawk, bool mode5, bool adsb)
    {
        var route = new[] { Geodesic.Direct(WorldFixtures.Origin, 0, 40_000), Geodesic.Direct(WorldFixtures.Origin, 0, 140_000) };
        var flight = new AircraftFlight("a", identity, route, Speed.FromMetresPerSecond(250), Length.FromKilometres(8), Duration.Zero, squawk, mode5, adsb);
        var scenario = new Scenario("s", "", new Region("r", WorldFixtures.Origin, Length.FromKilometres(200)), DateTimeOffset.UnixEpoch,
            new SimulationSettings(Duration.FromSeconds(1), Duration.FromHours(1)), new DefencePolicy(), [], [], [], []) { Aircraft = [flight] };
        var aircraft = Assert.Single(AircraftGenerator.Generate(scenario, 1));
        var world = new SimulatedWorld([aircraft], [], Common, new Random(1));
        world.AdvanceTo(10);
        return (world, aircraft);
    }

    private static IffInterrogatorModel Interrogator(double replyProbability) =>
        new(WorldFixtures.Radar(20) with { IffReplyProbability = Probability.Of(replyProbability) }, Common, 0);

    [Fact]
    public void Interrogate_FriendlyWithMode5_RepliesWithItsCodeAtItsPositionAndModeCAltitude()
    {
        var (world, aircraft) = Flying(AircraftIdentity.Friendly, 0x941, mode5: true, adsb: false);
        var replies = new List<IffReply>();
        Interrogator(1).Interrogate(10, world.Threats, new Random(1), replies);

        var reply = Assert.Single(replies);
        Assert.Equal(0x941, reply.Mode3A);
        Assert.True(reply.Mode5Valid);
        Assert.Equal(10, reply.Time);
        // The fixture radar's noise is negligible; Mode C rounds 8000 m to 262 x 100 ft = 7985.76 m.
        Assert.Equal(aircraft.Enu.X, reply.Position.X, 0.01);
        Assert.Equal(aircraft.Enu.Y, reply.Position.Y, 0.01);
        Assert.Equal(aircraft.Enu.Z - 8000 + 7985.76, reply.Position.Z, 0.01);
    }

    [Fact]
    public void Interrogate_HostileWithoutTransponder_IsSilent()
    {
        var (world, _) = Flying(AircraftIdentity.Hostile, null, mode5: false, adsb: false);
        var replies = new List<IffReply>();
        Interrogator(1).Interrogate(10, world.Threats, new Random(1), replies);
        Assert.Empty(replies);
    }

    [Fact]
    public void Interrogate_ReplyProbability_IsTheShareOfScansAnswered()
    {
        var (world, _) = Flying(AircraftIdentity.Civil, 0x4E1, mode5: false, adsb: false);
        var interrogator = Interrogator(0.7);
        var rng = new Random(5);
        var replies = new List<IffReply>();
        // One scan each 5 s revisit: 2000 scans at the same instant's geometry.
        for (var k = 0; k < 2000; k++) interrogator.Interrogate(10 + 5 * k, world.Threats, rng, replies);
        // Binomial(2000, 0.7): sd 20.5, so 1400 +- 82 is 4 sd.
        Assert.InRange(replies.Count, 1318, 1482);
        Assert.All(replies, r => Assert.False(r.Mode5Valid));
    }

    [Fact]
    public void Receive_CivilWithAdsb_ReportsItsAddressOncePerSecondNearItsPosition()
    {
        var (world, aircraft) = Flying(AircraftIdentity.Civil, null, mode5: false, adsb: true);
        var receiver = new AdsbReceiverModel();
        var reports = new List<AdsbReport>();
        receiver.Receive(10, world.Threats, new Random(1), reports);
        receiver.Receive(10.5, world.Threats, new Random(1), reports);

        var report = Assert.Single(reports);
        Assert.Equal(AircraftGenerator.FirstAddress, report.Address);
        Assert.Equal(aircraft.Enu.Z, report.Position.Z);
        Assert.InRange((report.Position - aircraft.Enu).Length, 0, 6 * AdsbReceiverModel.PositionSigma);
    }

    [Fact]
    public void AdvanceTo_AircraftAtTheEndOfItsRoute_DepartsWithoutAnImpact()
    {
        var (world, aircraft) = Flying(AircraftIdentity.Civil, null, mode5: false, adsb: false);
        var events = world.AdvanceTo(401); // 100 km at 250 m/s
        Assert.Empty(events);
        Assert.Equal(ThreatState.Departed, aircraft.State);
        Assert.True(world.Finished);
    }
}
