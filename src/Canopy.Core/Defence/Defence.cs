using Canopy.Core.Geodesy;

namespace Canopy.Core.Defence;

/// <summary>
/// What the pipeline knows of its own side: the frame it works in, the assets it defends, its sensors and fire units.
/// Built from a scenario in simulation, from configuration in live operation.
/// </summary>
public sealed class DefenceLayout
{
    public DefenceLayout(LocalFrame frame, IReadOnlyList<DefendedAsset> assets, IReadOnlyList<SensorSpec> sensors,
        IReadOnlyList<EffectorSpec> effectors, DefencePolicy policy)
    {
        Frame = frame;
        Assets = assets;
        Sensors = sensors;
        Effectors = effectors;
        Policy = policy;
    }

    public LocalFrame Frame { get; }
    public IReadOnlyList<DefendedAsset> Assets { get; }
    public IReadOnlyList<SensorSpec> Sensors { get; }
    public IReadOnlyList<EffectorSpec> Effectors { get; }
    public DefencePolicy Policy { get; }
}

/// <summary>Rules of engagement the scenario may set.</summary>
/// <param name="EngageOnlyThreatsToDefendedAreas">The Iron Dome rule: a threat predicted to fall outside every defended area is not engaged.</param>
/// <param name="DollarsPerValueUnit">The value-of-money exchange rate: what one unit of asset value (and so of damage) is worth in
/// dollars, so that a salvo's price can be weighed against the damage it prevents. Default 200 k$: a drone at a city of
/// value 1000 (lethality 0.02, 20 units) is worth 4 M$, less than a pair of 4 M$ missiles but more than a gun burst.</param>
public sealed record DefencePolicy(bool EngageOnlyThreatsToDefendedAreas = true, double DollarsPerValueUnit = DefencePolicy.DefaultDollarsPerValueUnit)
{
    /// <summary>200 k$ per unit of asset value.</summary>
    public const double DefaultDollarsPerValueUnit = 200_000;

    /// <summary>Mode 3/A codes (0 to 4095) that identify a friendly aircraft when an IFF interrogator hears them.</summary>
    public IReadOnlyList<int> FriendlySquawks { get; init; } = [];

    /// <summary>Fraction of an asset's value one hostile aircraft destroys when it reaches the asset.</summary>
    public double AircraftLethality { get; init; } = DefaultAircraftLethality;

    /// <summary>5 % of an asset's value per hostile aircraft.</summary>
    public const double DefaultAircraftLethality = 0.05;
}
