using Canopy.Core.Defence;
using Canopy.Core.Quantities;
using YamlDotNet.RepresentationModel;

namespace Canopy.Scenarios.Loading;

/// <summary>Reads one entry of the assets list.</summary>
internal sealed class AssetReader(ValueReader values, ScenarioValidator validator)
{
    /// <summary>The asset, or null when it has no usable name; with other errors it still comes back (with placeholder values,
    /// the scenario being rejected anyway) so that waves aiming at it do not also report it as missing.</summary>
    public DefendedAsset? Read(YamlNode node)
    {
        if (MappingReader.From(node, "asset", values) is not { } r) return null;
        var name = r.Text("name");
        if (name is not null) r.What = $"asset '{name}'";
        validator.Unique("asset name", name, r.Find("name"));
        var kind = r.Choice<AssetKind>("kind");
        var position = r.Position("position");
        var radius = r.Length("radius", ScenarioRanges.AssetRadius);
        var value = r.Number("value", ScenarioRanges.AssetValue);
        var nation = NationReader.Read(r, values);
        r.ReportUnknownFields();
        return name is null ? null : new DefendedAsset(name, kind ?? default, position ?? default, radius ?? default, value ?? 0) { Nation = nation };
    }
}
