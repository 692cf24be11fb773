using System.Globalization;
using Canopy.Core.Geodesy;
using Canopy.Core.Quantities;
using Canopy.Scenarios.Loading;
using Canopy.Scenarios.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Canopy.Planning.Placement;

/// <summary>The plan read from a file, or null with every error (file:line:column).</summary>
public sealed record PlacementPlanLoadResult(PlacementPlan? Plan, IReadOnlyList<ScenarioError> Errors);

/// <summary>
/// Reads a placement planning file (docs/planning.md) with the scenario loader's readers: quantities carry units
/// (<c>40 km</c>, <c>185 km/h</c>), systems are written as scenario effectors without a position, raid families as
/// scenario waves. Never throws for a mistake in the file: every error is collected with its line and column.
/// </summary>
public static class PlacementPlanLoader
{
    /// <summary>Most candidate sites a plan may list.</summary>
    public const int MaxSites = 2_000;

    /// <summary>Most kinds of system a plan may list.</summary>
    public const int MaxSystems = 50;

    private static readonly NumberRange CountRange = NumberRange.Between(0, 10_000, "[0, 10000]");
    private static readonly NumberRange MastRange = NumberRange.UpTo(1_000, "1 km");
    private static readonly NumberRange DistanceRange = NumberRange.UpTo(1_000_000, "1000 km");
    private static readonly NumberRange MoneyRange = NumberRange.UpTo(1e13, "10000 B$");

    public static PlacementPlanLoadResult Load(string path)
    {
        string yaml;
        try
        {
            if (new FileInfo(path).Length > ScenarioLimits.MaxFileBytes) return One(path, "the file is too large for a plan");
            yaml = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return One(path, $"cannot read the file: {e.Message}");
        }
        return Parse(yaml, path, Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".");
    }

    /// <summary>Parses plan text; <paramref name="folder"/> is where a relative <c>base</c> path is looked up.</summary>
    public static PlacementPlanLoadResult Parse(string yaml, string fileName, string folder)
    {
        var errors = new ErrorList(fileName);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            errors.Add(e.Start, e.Message);
            return new PlacementPlanLoadResult(null, errors.InFileOrder());
        }
        if (stream.Documents.Count == 0) return One(fileName, "the file is empty");
        var values = new ValueReader(errors);
        if (MappingReader.From(stream.Documents[0].RootNode, "the plan", values) is not { } r)
            return new PlacementPlanLoadResult(null, errors.InFileOrder());
        var name = r.Text("name");
        var description = r.Text("description", "");
        var basePath = r.Text("base");
        var minDistance = r.Length("min-distance", DistanceRange, Length.FromMetres(0));
        var budget = r.OptionalMoney("budget", MoneyRange);
        if (basePath is null)
        {
            r.ReportUnknownFields();
            return new PlacementPlanLoadResult(null, errors.InFileOrder());
        }
        var fullBase = Path.IsPathRooted(basePath) ? basePath : Path.GetFullPath(Path.Combine(folder, basePath));
        var loaded = ScenarioLoader.Load(fullBase);
        if (loaded.Scenario is not { } scenario)
        {
            errors.Add(r.Find("base")!, $"the base scenario '{basePath}' does not load: {string.Join("; ", loaded.Errors.Take(3))}");
            r.ReportUnknownFields();
            return new PlacementPlanLoadResult(null, errors.InFileOrder());
        }
        var validator = new ScenarioValidator(errors, scenario.Region);
        var systems = Systems(r, values, validator, scenario, budget is not null);
        var sites = Sites(r, values, validator);
        var raids = scenario.Waves;
        if (r.Sequence("raids", required: false, ScenarioLimits.MaxThreatsPerNight) is { } list)
        {
            var reader = new WaveReader(values, scenario.Assets.ToDictionary(a => a.Name), scenario.Simulation.MaxDuration);
            raids = [.. list.Children.Select(reader.Read).OfType<ThreatWave>()];
            if (list.Children.Count == 0) errors.Add(list, "raids is empty; leave it out to use the base scenario's waves");
        }
        r.ReportUnknownFields();
        if (errors.Count > 0 || name is null) return new PlacementPlanLoadResult(null, errors.InFileOrder());
        return new PlacementPlanLoadResult(
            new PlacementPlan(name, description, fullBase, scenario, File.ReadAllText(fullBase), systems, sites, minDistance, budget, raids), []);
    }

    private static List<PlannedSystem> Systems(MappingReader plan, ValueReader values, ScenarioValidator validator, Scenario scenario, bool hasBudget)
    {
        var result = new List<PlannedSystem>();
        if (plan.Sequence("systems", required: true, MaxSystems) is not { } list) return result;
        if (list.Children.Count == 0) values.Errors.Add(list, "systems is empty; a plan places at least one kind of system");
        var effectors = new EffectorReader(values, validator);
        foreach (var item in list.Children)
        {
            if (item is not YamlMappingNode map)
            {
                values.Errors.Add(item, "a system must be a mapping such as { name: NASAMS, count: 4, class: ..., max-range: ... }");
                continue;
            }
            var name = Take(map, "name") is { } n ? values.Text(n, "name") : null;
            if (name is null) values.Errors.Add(map, "system: missing required field 'name'");
            var count = Take(map, "count") is { } c ? values.Integer(c, "count", CountRange) : null;
            var cost = Take(map, "unit-cost") is { } u ? values.Quantity(u, "unit-cost", QuantityKind.Money, MoneyRange) : null;
            var mast = Take(map, "mast-height") is { } m ? values.Quantity(m, "mast-height", QuantityKind.Length, MastRange) : null;
            if (count is null && !hasBudget) values.Errors.Add(map, $"system '{name}': give a count, or a budget for the plan and a unit-cost here");
            if (hasBudget && cost is null) values.Errors.Add(map, $"system '{name}': the plan has a budget, so each system needs a unit-cost");
            foreach (var key in new[] { "id", "position" })
                if (Take(map, key) is { } bad) values.Errors.Add(bad, $"system '{name}': '{key}' is chosen by the planner; leave it out");
            var fields = map.Children.ToList();
            map.Children.Add(new YamlScalarNode("id"), new YamlScalarNode(name ?? "?"));
            var centre = scenario.Region.Centre;
            map.Children.Add(new YamlScalarNode("position"), new YamlMappingNode(
                new YamlScalarNode("lat"), new YamlScalarNode(centre.LatitudeDeg.ToString("R", CultureInfo.InvariantCulture)),
                new YamlScalarNode("lon"), new YamlScalarNode(centre.LongitudeDeg.ToString("R", CultureInfo.InvariantCulture))));
            var type = effectors.Read(map);
            if (name is null || type is null) continue;
            result.Add(new PlannedSystem(name, count, Money.FromDollars(cost ?? 0), Length.FromMetres(mast ?? 10), type, fields));
        }
        return result;
    }

    private static List<CandidateSite> Sites(MappingReader plan, ValueReader values, ScenarioValidator validator)
    {
        var result = new List<CandidateSite>();
        if (plan.Sequence("sites", required: true, MaxSites) is not { } list) return result;
        foreach (var item in list.Children)
        {
            if (MappingReader.From(item, "site", values) is not { } r) continue;
            var name = r.Text("name");
            if (name is not null) r.What = $"site '{name}'";
            validator.Unique("site name", name, r.Find("name"));
            var position = r.Position("position");
            validator.InsideRegion(r.What, position, r.Find("position"));
            r.ReportUnknownFields();
            if (name is not null && position is { } p) result.Add(new CandidateSite(name, p));
        }
        if (list.Children.Count == 0) values.Errors.Add(list, "sites is empty; a plan needs candidate sites");
        return result;
    }

    /// <summary>Removes a planning key from a system's mapping (so the effector reader sees only effector fields) and returns its value.</summary>
    private static YamlNode? Take(YamlMappingNode map, string key)
    {
        var k = new YamlScalarNode(key);
        if (!map.Children.TryGetValue(k, out var node)) return null;
        map.Children.Remove(k);
        return node;
    }

    private static PlacementPlanLoadResult One(string file, string message) => new(null, [new ScenarioError(file, 1, 1, message)]);
}
