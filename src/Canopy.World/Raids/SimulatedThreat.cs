using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.Scenarios.Model;
using Canopy.World.Kinematics;

namespace Canopy.World.Raids;

/// <summary>Where an air object is in its life: threats end destroyed or impacted; aircraft end destroyed or departed (at the end of their route).</summary>
public enum ThreatState : byte { Waiting, Flying, Destroyed, Impacted, Departed }

/// <summary>
/// One air object's ground truth (a threat, or an aircraft when <see cref="Aircraft"/> is set): what it is, where it is going
/// and where it is now. Only the simulated world sees it.
/// </summary>
public sealed class SimulatedThreat(
    int id, ThreatClass threatClass, string wave, double launchTime, IFlightPath path,
    Geodetic aimPoint, DefendedAsset? targetAsset, double unitCost, double lethality)
{
    public int Id { get; } = id;
    public ThreatClass Class { get; } = threatClass;
    public string Wave { get; } = wave;
    public double LaunchTime { get; } = launchTime;
    public IFlightPath Path { get; } = path;
    public Geodetic AimPoint { get; } = aimPoint;

    /// <summary>The asset it was sent at, or null for an aim point in the open.</summary>
    public DefendedAsset? TargetAsset { get; } = targetAsset;

    /// <summary>The aircraft's flight plan and transponder when this is an aircraft, else null.</summary>
    public AircraftFlight? Aircraft { get; init; }

    /// <summary>The aircraft's 24-bit ICAO address (what its ADS-B reports carry); 0 for threats.</summary>
    public int Address { get; init; }

    public double UnitCost { get; } = unitCost;
    public double Lethality { get; } = lethality;
    public double ImpactTime => LaunchTime + Path.Duration;

    public ThreatState State { get; internal set; }
    public Vec3 Ecef { get; private set; }

    /// <summary>Position in the scenario's common ENU frame.</summary>
    public Vec3 Enu { get; private set; }

    /// <summary>Height above the ellipsoid, metres (terrain is at height 0).</summary>
    public double Height { get; private set; }

    public bool IsFlying => State == ThreatState.Flying;

    internal void MoveTo(double time, LocalFrame frame)
    {
        (Ecef, Height) = Path.At(time - LaunchTime);
        Enu = frame.EcefToEnu(Ecef);
    }
}
