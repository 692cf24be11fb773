using Canopy.Core.Defence;
using Canopy.Scenarios.Model;
using Canopy.World.Kinematics;

namespace Canopy.World.Raids;

/// <summary>
/// Puts a scenario's aircraft in the air: each flies its route at its altitude and speed from its start time (no random
/// draws), with an ICAO address of <see cref="FirstAddress"/> plus its place in the list.
/// </summary>
public static class AircraftGenerator
{
    /// <summary>The first ICAO address handed out.</summary>
    public const int FirstAddress = 0x500000;

    /// <param name="firstId">Id of the first aircraft; the others follow.</param>
    public static IEnumerable<SimulatedThreat> Generate(Scenario scenario, int firstId)
    {
        for (var i = 0; i < scenario.Aircraft.Count; i++)
        {
            var flight = scenario.Aircraft[i];
            var altitude = flight.Altitude.Metres;
            var path = new WaypointFlightPath([.. flight.Route.Select(p => p.WithHeight(altitude))], flight.Speed.MetresPerSecond);
            yield return new SimulatedThreat(firstId + i, ThreatClass.Aircraft, flight.Name, flight.Start.Seconds, path,
                flight.Route[^1].WithHeight(0), null, 0, 0)
            {
                Aircraft = flight,
                Address = FirstAddress + i,
            };
        }
    }
}
