using System.Globalization;
using Canopy.Core.Geodesy;
using Canopy.Scenarios.Model;
using YamlDotNet.RepresentationModel;

namespace Canopy.Scenarios.Loading;

/// <summary>
/// The rules that relate one item of a scenario to others: unique names and ids, and sites that must lie in the region.
/// Field-level rules (units, ranges, required fields) are checked where the fields are read.
/// </summary>
internal sealed class ScenarioValidator(ErrorList errors, Region? region)
{
    /// <summary>How far outside the region radius a sensor or effector may still stand.</summary>
    public const double SiteMarginM = 50_000;

    private readonly Dictionary<string, HashSet<string>> seen = [];

    /// <summary>Reports <paramref name="key"/> at <paramref name="at"/> if another item of the same kind already used it.</summary>
    public void Unique(string what, string? key, YamlNode? at)
    {
        if (key is null || at is null) return;
        if (!seen.TryGetValue(what, out var keys)) seen[what] = keys = new HashSet<string>(StringComparer.Ordinal);
        if (!keys.Add(key)) errors.Add(at, $"duplicate {what} '{key}'");
    }

    /// <summary>Reports a site farther than the region radius plus <see cref="SiteMarginM"/> from the region centre.</summary>
    public void InsideRegion(string what, Geodetic? position, YamlNode? at)
    {
        if (region is null || position is not { } p || at is null) return;
        var distance = Geodesic.Inverse(region.Centre, p).DistanceM;
        if (distance <= region.Radius.Metres + SiteMarginM) return;
        errors.Add(at, string.Create(CultureInfo.InvariantCulture,
            $"{what} is far outside the region: {distance / 1000:0} km from the centre of {region.Name}, region radius {region.Radius.Kilometres:0} km"));
    }
}
