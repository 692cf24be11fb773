using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Quantities;
using Canopy.Core.Sensing;
using Canopy.World.Kinematics;
using Canopy.World.Raids;

namespace Canopy.World.Tests;

/// <summary>Small hand-built worlds for the tests.</summary>
internal static class WorldFixtures
{
    public static readonly Geodetic Origin = Geodetic.FromDegrees(50, 30);

    /// <summary>A drone flying due north at <paramref name="height"/> from <paramref name="northStart"/> to <paramref name="northEnd"/> metres north of the origin.</summary>
    public static SimulatedThreat NorthboundDrone(int id, double northStart, double northEnd, double height, double speed = 50,
        double lethality = 0.5, double launchTime = 0)
    {
        var a = Geodesic.Direct(Origin, 0, northStart).WithHeight(height);
        var b = Geodesic.Direct(Origin, 0, northEnd).WithHeight(height);
        return new SimulatedThreat(id, ThreatClass.Drone, "test", launchTime, new WaypointFlightPath([a, b], speed), b.WithHeight(0), null, 30_000, lethality);
    }

    public static RadarSpec Radar(double antennaHeight, double maxRange = 300_000, double pd = 1, double falseAlarms = 0) =>
        new(new SensorId(1), "R1", Origin, Length.FromMetres(antennaHeight), Length.FromMetres(maxRange), Duration.FromSeconds(5),
            Length.FromMetres(1e-6), Angle.FromRadians(1e-9), Angle.FromRadians(1e-9), Probability.Of(pd), falseAlarms);

    public static EffectorSpec Gun(double pkDrone) =>
        new("GUN-1", EffectorClass.Gun, Origin, Length.FromMetres(100), Length.FromKilometres(5), Length.FromKilometres(3),
            Speed.FromMetresPerSecond(1000), 100, Duration.FromSeconds(2), Duration.FromSeconds(1), 1,
            new Dictionary<ThreatClass, Probability> { [ThreatClass.Drone] = Probability.Of(pkDrone) }, Money.FromDollars(5000));
}
