using Canopy.Scenarios.Loading;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Canopy.Planning.Supply;

/// <summary>The plan read from a file, or null with every error (file:line:column).</summary>
public sealed record SupplyPlanLoadResult(SupplyPlan? Plan, IReadOnlyList<ScenarioError> Errors);

/// <summary>
/// Reads a supply planning file (docs/planning.md) with the scenario loader's readers: money as <c>450 k$</c>, GDP as
/// <c>4500 B$</c>, shares as <c>0.25 %</c>. Every error is collected with its line and column; nothing throws.
/// </summary>
public static class SupplyPlanLoader
{
    private static readonly NumberRange MonthsRange = NumberRange.Between(1, 120, "[1, 120]");
    private static readonly NumberRange Count = NumberRange.Between(0, 1e7, "[0, 10000000]");
    private static readonly NumberRange MoneyRange = NumberRange.UpTo(1e14, "100000 B$");
    private static readonly NumberRange Lead = NumberRange.Between(0, 60, "[0, 60] months");

    public static SupplyPlanLoadResult Load(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new SupplyPlanLoadResult(null, [new ScenarioError(path, 1, 1, $"cannot read the file: {e.Message}")]);
        }
    }

    public static SupplyPlanLoadResult Parse(string yaml, string fileName)
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
            return new SupplyPlanLoadResult(null, errors.InFileOrder());
        }
        if (stream.Documents.Count == 0) return new SupplyPlanLoadResult(null, [new ScenarioError(fileName, 1, 1, "the file is empty")]);
        var values = new ValueReader(errors);
        if (MappingReader.From(stream.Documents[0].RootNode, "the supply plan", values) is not { } r)
            return new SupplyPlanLoadResult(null, errors.InFileOrder());
        var name = r.Text("name");
        var months = r.Integer("months", MonthsRange);
        double nights = 0, growth = 0;
        if (r.Mapping("tempo", required: true) is { } tempo)
        {
            nights = tempo.Number("nights-per-month", NumberRange.Between(0, 31, "[0, 31]")) ?? 0;
            growth = tempo.Fraction("growth", 0);
            tempo.ReportUnknownFields();
        }
        var types = new List<StockType>();
        var typeIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        if (r.Sequence("types", required: true, 200) is { } typeList)
            foreach (var item in typeList.Children)
            {
                if (MappingReader.From(item, "type", values) is not { } t) continue;
                var typeName = t.Text("name");
                if (typeName is not null) t.What = $"type '{typeName}'";
                var stock = t.Number("stock", Count);
                var safety = t.Number("safety-stock", Count, 0);
                var perNight = t.Number("per-night", Count);
                var shortfall = t.Money("shortfall-damage", MoneyRange);
                t.ReportUnknownFields();
                if (typeName is null || stock is null || perNight is null || shortfall is null) continue;
                if (!typeIndex.TryAdd(typeName, types.Count)) { errors.Add(t.Find("name")!, $"duplicate type '{typeName}'"); continue; }
                types.Add(new StockType(typeName, stock.Value, safety, perNight.Value, shortfall.Value.Dollars));
            }
        var partners = new List<Partner>();
        var lines = new List<ProductionLine>();
        if (r.Sequence("partners", required: true, 100) is { } partnerList)
            foreach (var item in partnerList.Children)
            {
                if (MappingReader.From(item, "partner", values) is not { } p) continue;
                var nation = p.Text("nation");
                if (nation is not null) p.What = $"partner '{nation}'";
                var gdp = p.Money("gdp", MoneyRange);
                var share = p.Probability("budget-share");
                var index = partners.Count;
                if (p.Sequence("lines", required: true, 100) is { } lineList)
                    foreach (var lineNode in lineList.Children)
                    {
                        if (MappingReader.From(lineNode, $"line of {p.What}", values) is not { } l) continue;
                        var type = l.Text("type");
                        var capacity = l.Number("capacity", Count);
                        var cost = l.Money("unit-cost", MoneyRange);
                        var lead = l.Integer("lead-time-months", Lead, 0);
                        var ramp = l.Integer("ramp-up-months", Lead, 0);
                        l.ReportUnknownFields();
                        if (type is not null && !typeIndex.ContainsKey(type))
                            errors.Add(l.Find("type")!, $"unknown type '{type}'; the types are {string.Join(", ", typeIndex.Keys)}");
                        if (type is null || !typeIndex.TryGetValue(type, out var ti) || capacity is null || cost is null) continue;
                        lines.Add(new ProductionLine($"{nation}/{type}", index, ti, capacity.Value, cost.Value.Dollars, lead, ramp));
                    }
                p.ReportUnknownFields();
                if (nation is null || gdp is null || share is null) continue;
                partners.Add(new Partner(nation, share.Value.Value * gdp.Value.Dollars / 12));
            }
        r.ReportUnknownFields();
        if (errors.Count > 0 || name is null || months is null) return new SupplyPlanLoadResult(null, errors.InFileOrder());
        return new SupplyPlanLoadResult(new SupplyPlan(name, months.Value, nights, growth, types, partners, lines), []);
    }
}
