using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Quantities;
using Canopy.Scenarios.Model;
using YamlDotNet.RepresentationModel;

namespace Canopy.Planning.Placement;

/// <summary>
/// A placement planning file read in SI units: the base scenario (region, assets and values, sensors, the nights), the
/// systems to place, the candidate sites, the rules (minimum distance, budget) and the raid families.
/// </summary>
/// <param name="BaseYaml">The base scenario's text: the written scenario is it with its effectors replaced.</param>
/// <param name="Raids">The raid families (threat axes, classes, rates as counts per night, routes); the base scenario's waves when the file gives none.</param>
public sealed record PlacementPlan(
    string Name,
    string Description,
    string BasePath,
    Scenario Base,
    string BaseYaml,
    IReadOnlyList<PlannedSystem> Systems,
    IReadOnlyList<CandidateSite> Sites,
    Length MinDistance,
    Money? Budget,
    IReadOnlyList<ThreatWave> Raids);

/// <summary>
/// One kind of system to place: <paramref name="Count"/> units of the fire unit <paramref name="Type"/> (whose position
/// is the site's). <paramref name="Fields"/> are its effector fields as written, copied into the placed scenario.
/// </summary>
/// <param name="MastHeight">Height of its fire-control radar above the site, for the radar horizon.</param>
public sealed record PlannedSystem(string Name, int? Count, Money UnitCost, Length MastHeight, EffectorSpec Type,
    IReadOnlyList<KeyValuePair<YamlNode, YamlNode>> Fields);

/// <summary>A place a unit may stand; its height is the terrain above the surrounding ground.</summary>
public sealed record CandidateSite(string Name, Geodetic Position);
