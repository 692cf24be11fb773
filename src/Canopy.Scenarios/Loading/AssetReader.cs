using Canopy.Core.Defence;
using Canopy.Core.Quantities;
using YamlDotNet.RepresentationModel;

namespace Canopy.Scenarios.Loading;

/// <summary>Reads one entry of the assets list.</summary>
internal sealed class AssetReader(ValueReader values, ScenarioValidator validator)
{
    public DefendedAsset? Read(YamlNode node)
    {
        if (MappingReader.From(node, "asset", values) is not { } r) return null;
        var name = r.Text("name");
        if (name is not null) r.What = $"asset '{name}'";
        validator.Unique("asset name", name, r.Find("name"));
        var kind = r.Choice<AssetKind>("kind");
        var position = r.Position("position");
        var radius = r.Length("radius", NumberRange.Positive);
        var value = r.Number("value", NumberRange.Positive);
        r.ReportUnknownFields();
        return name is null || kind is null || position is null || radius is null || value is null
            ? null
            : new DefendedAsset(name, kind.Value, position.Value, radius.Value, value.Value);
    }
}
