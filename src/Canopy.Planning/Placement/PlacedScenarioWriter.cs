using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Canopy.Planning.Placement;

/// <summary>
/// Writes the placed force as a scenario: the plan's base scenario with its name and effectors replaced by one fire unit
/// per placed system (id <c>NAME-k</c>, the site's position, the system's effector fields as written in the plan).
/// </summary>
public static class PlacedScenarioWriter
{
    public static string Write(PlacementPlan plan, IReadOnlyList<CandidateSite> sites, IReadOnlyList<int> kindAtSite)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(kindAtSite);
        var stream = new YamlStream();
        stream.Load(new StringReader(plan.BaseYaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        root.Children[new YamlScalarNode("name")] = new YamlScalarNode(plan.Name);
        var effectors = new YamlSequenceNode();
        var numbers = new int[plan.Systems.Count];
        for (var s = 0; s < kindAtSite.Count; s++)
        {
            if (kindAtSite[s] < 0) continue;
            var system = plan.Systems[kindAtSite[s]];
            var p = sites[s].Position;
            var unit = new YamlMappingNode { Style = YamlDotNet.Core.Events.MappingStyle.Flow };
            unit.Add("id", $"{system.Name}-{++numbers[kindAtSite[s]]}");
            unit.Add("position", new YamlMappingNode(
                new YamlScalarNode("lat"), new YamlScalarNode(p.LatitudeDeg.ToString("0.#####", CultureInfo.InvariantCulture)),
                new YamlScalarNode("lon"), new YamlScalarNode(p.LongitudeDeg.ToString("0.#####", CultureInfo.InvariantCulture)),
                new YamlScalarNode("height"), new YamlScalarNode(p.HeightM.ToString("0.#", CultureInfo.InvariantCulture) + " m"))
            { Style = YamlDotNet.Core.Events.MappingStyle.Flow });
            foreach (var (key, value) in system.Fields) unit.Add(key, value);
            effectors.Add(unit);
        }
        root.Children[new YamlScalarNode("effectors")] = effectors;
        var text = new StringWriter(CultureInfo.InvariantCulture);
        text.WriteLine($"# Placed by `canopy plan placement` from the plan '{plan.Name}' on the base scenario {Path.GetFileName(plan.BasePath)}.");
        stream.Save(text, assignAnchors: false);
        return text.ToString();
    }
}
