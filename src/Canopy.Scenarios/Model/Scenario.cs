using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Quantities;

namespace Canopy.Scenarios.Model;

/// <summary>A whole scenario as read from a file, in SI units.</summary>
public sealed record Scenario(
    string Name,
    string Description,
    Region Region,
    DateTimeOffset StartTime,
    SimulationSettings Simulation,
    DefencePolicy Policy,
    IReadOnlyList<DefendedAsset> Assets,
    IReadOnlyList<SensorSpec> Sensors,
    IReadOnlyList<EffectorSpec> Effectors,
    IReadOnlyList<ThreatWave> Waves)
{
    /// <summary>Aircraft flying through the region: civil traffic, friendly patrols, hostile aircraft.</summary>
    public IReadOnlyList<AircraftFlight> Aircraft { get; init; } = [];

    /// <summary>The nation of every asset, sensor and effector that names none (key <c>nation</c>; default <see cref="DefaultNation"/>).</summary>
    public string Nation { get; init; } = DefaultNation;

    /// <summary>The nation of a scenario that names none.</summary>
    public const string DefaultNation = "XX";

    /// <summary>The nation of a fire unit: its own, else the scenario's.</summary>
    public string NationOf(Canopy.Core.Defence.EffectorSpec effector) => effector.Nation ?? Nation;
}

/// <summary>The area of operations: its centre is the origin of the common ENU frame.</summary>
public sealed record Region(string Name, Geodetic Centre, Length Radius);

/// <param name="Tick">Simulation step.</param>
/// <param name="MaxDuration">The run stops here even if threats are still flying.</param>
public sealed record SimulationSettings(Duration Tick, Duration MaxDuration);

/// <summary>One raid wave: <paramref name="Count"/> threats of one class launched from an area over a time window.</summary>
/// <param name="LaunchCentre">Centre of the launch area (ground).</param>
/// <param name="LaunchRadius">Launch points are drawn uniformly in this disc.</param>
/// <param name="LaunchStart">Start of the launch window after the scenario start.</param>
/// <param name="LaunchEnd">End of the launch window.</param>
/// <param name="Targets">Aim points with weights; each threat draws one.</param>
/// <param name="Via">Optional waypoints every threat of the wave flies through (drones and cruise missiles), each jittered by <paramref name="RouteSpread"/>.</param>
/// <param name="Speed">Cruise speed (drones, cruise) or mean speed over the flight (ballistic; used only if no flight time is given).</param>
/// <param name="Altitude">Cruise altitude above ground (drones, cruise); apogee for ballistic missiles.</param>
/// <param name="AltitudeSpread">Each threat's cruise altitude is drawn uniformly within ± this.</param>
/// <param name="FlightTime">Ballistic only: time from launch to impact; when set it fixes the apogee.</param>
/// <param name="AimError">Circular error probable around the aim point.</param>
/// <param name="Lethality">Fraction of an asset's value destroyed by one impact inside its footprint (decoys: 0).</param>
public sealed record ThreatWave(
    string Name,
    ThreatClass Class,
    int Count,
    Geodetic LaunchCentre,
    Length LaunchRadius,
    Duration LaunchStart,
    Duration LaunchEnd,
    IReadOnlyList<AimPoint> Targets,
    IReadOnlyList<Geodetic> Via,
    Length RouteSpread,
    Speed Speed,
    Length Altitude,
    Length AltitudeSpread,
    Duration? FlightTime,
    Length AimError,
    Money UnitCost,
    double Lethality);

/// <summary>Where a threat is sent: a named defended asset, or a bare point (an open field, a feint).</summary>
public sealed record AimPoint(string? Asset, Geodetic Position, double Weight);

/// <summary>Who an aircraft really is (the truth the simulated world knows; the defence learns it only from ADS-B and IFF).</summary>
public enum AircraftIdentity { Civil, Friendly, Hostile }

/// <summary>
/// One aircraft's flight: it appears at the first route point at <paramref name="Start"/>, flies the route at a constant
/// speed and altitude, and leaves at the last point.
/// </summary>
/// <param name="Squawk">Its Mode 3/A code (0 to 4095, written as four octal digits), or null when its transponder has none.</param>
/// <param name="Mode5">Whether its transponder answers Mode 5 interrogations with a valid (cryptographically authenticated) reply.</param>
/// <param name="Adsb">Whether it broadcasts ADS-B position reports.</param>
public sealed record AircraftFlight(
    string Name,
    AircraftIdentity Identity,
    IReadOnlyList<Geodetic> Route,
    Speed Speed,
    Length Altitude,
    Duration Start,
    int? Squawk,
    bool Mode5,
    bool Adsb);
