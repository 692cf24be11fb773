using Canopy.Assignment;
using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.Core.Quantities;
using Canopy.ThreatEvaluation;
using Canopy.Tracking;

namespace Canopy.Engagement.Tests;

/// <summary>Mobile fire groups moved by reported positions (<see cref="IEffectorPositions"/>) before the assigner plans.</summary>
public class RelocateTests
{
    private static readonly LocalFrame Frame = new(Geodetic.FromDegrees(50.0, 30.0, 0));

    private static readonly EffectorSpec Mfg = Effector("MFG-1", east: 0);
    private static readonly EffectorSpec Sam = Effector("SAM-1", east: -5000);

    private static readonly DefenceLayout Layout = new(Frame,
        [new DefendedAsset("city", AssetKind.City, Frame.Origin, Length.FromMetres(1000), 1e6)], [], [Mfg, Sam], new DefencePolicy(false));

    private static EffectorSpec Effector(string id, double east) =>
        new(id, EffectorClass.MobileFireGroup, Frame.ToGeodetic(new Vec3(east, 0, 0)), Length.FromMetres(0),
            Length.FromKilometres(10), Length.FromKilometres(5), Speed.FromMetresPerSecond(600),
            Magazine: 10, Duration.FromSeconds(5), Duration.FromSeconds(0), SalvoSize: 1,
            new Dictionary<ThreatClass, Probability> { [ThreatClass.Drone] = Probability.Of(0.8) },
            Money.FromDollars(1000));

    private sealed class Reported(Dictionary<string, Geodetic> positions) : IEffectorPositions
    {
        public bool TryGetPosition(string effectorId, out Geodetic position) => positions.TryGetValue(effectorId, out position);
    }

    [Fact]
    public void Relocate_ReportedUnit_MovesItsSpecAndEnuPositionAndLeavesTheOthers()
    {
        var controller = new ShootLookShootEngagementController(Layout);
        var moved = Frame.ToGeodetic(new Vec3(20_000, 0, 0));

        controller.Relocate(new Reported(new() { ["MFG-1"] = moved }));

        Assert.Equal(20_000, controller.FireUnits[0].Position.X, 1e-3);
        Assert.Equal(moved, controller.FireUnits[0].Spec.Position);
        Assert.Equal(-5000, controller.FireUnits[1].Position.X, 1e-3);
        Assert.Equal(Sam.Position, controller.FireUnits[1].Spec.Position);
    }

    [Fact]
    public void Relocate_ThreatOutOfReach_BecomesAssignableFromTheNewPositionAndFiresFromThere()
    {
        // A drone hovering 25 km east at 1 km: out of both units' 10 km reach until MFG-1 is reported 20 km east (5 km off).
        var drone = new Track(1, TrackStatus.Confirmed, 0, new Vec3(25_000, 0, 1000), Vec3.Zero, new double[36], -10, 0, 10);
        var threat = new ThreatAssessment(drone, ThreatClass.Drone, 0.9, null, Vec3.Zero, 1000, true, 1, 1);
        var assigner = new GreedyWeaponAssigner(Layout);
        var controller = new ShootLookShootEngagementController(Layout);
        Assert.Empty(assigner.Assign(0, [threat], controller.FireUnits));

        var moved = Frame.ToGeodetic(new Vec3(20_000, 0, 0));
        controller.Relocate(new Reported(new() { ["MFG-1"] = moved }));
        var assignment = Assert.Single(assigner.Assign(0, [threat], controller.FireUnits));
        var shot = Assert.Single(controller.Step(0, [drone], [assignment]).Shots);

        Assert.Equal("MFG-1", assignment.Effector.Id);
        Assert.Equal(moved, shot.Assignment.Effector.Position); // the world launches from the effector's position
    }
}
