using Canopy.Core.Defence;
using Canopy.Core.Quantities;
using YamlDotNet.RepresentationModel;

namespace Canopy.Scenarios.Loading;

/// <summary>Reads one entry of the effectors list.</summary>
internal sealed class EffectorReader(ValueReader values, ScenarioValidator validator)
{
    public EffectorSpec? Read(YamlNode node)
    {
        if (MappingReader.From(node, "effector", values) is not { } r) return null;
        var id = r.Text("id");
        if (id is not null) r.What = $"effector '{id}'";
        validator.Unique("effector id", id, r.Find("id"));
        var effectorClass = r.Choice<EffectorClass>("class");
        var position = r.Position("position");
        validator.InsideRegion(r.What, position, r.Find("position"));
        var minRange = r.Length("min-range", ScenarioRanges.EffectorMinRange, Length.FromMetres(0));
        var maxRange = r.Length("max-range", ScenarioRanges.EffectorMaxRange);
        if (maxRange is { } max && minRange > max)
            values.Errors.Add(r.Find("min-range")!, $"min-range {minRange} is greater than max-range {max}");
        var maxAltitude = r.Length("max-altitude", ScenarioRanges.EffectorMaxAltitude);
        var speed = r.Speed("interceptor-speed", ScenarioRanges.InterceptorSpeed);
        var magazine = r.Integer("magazine", ScenarioRanges.Magazine);
        var reload = r.Duration("reload-time", ScenarioRanges.ReloadTime);
        var reaction = r.Duration("reaction-time", ScenarioRanges.ReactionTime, Duration.Zero);
        var salvo = r.Integer("salvo-size", ScenarioRanges.SalvoSize, 1);
        if (magazine is { } m && salvo > m)
            values.Errors.Add(r.Find("salvo-size")!, $"salvo-size {salvo} is larger than the magazine of {m}");
        var cost = r.Money("cost-per-shot", ScenarioRanges.Cost);
        var pk = KillProbabilities(r);
        var cotUid = r.Find("cot-uid") is null ? null : r.Text("cot-uid");
        var nation = NationReader.Read(r, values);
        var cotFrom = CotSources(r);
        if (cotFrom is not null && cotUid is null) values.Errors.Add(r.Find("cot-from")!, "cot-from needs cot-uid (only a unit with a cot-uid moves by CoT)");
        r.ReportUnknownFields();
        return id is null || effectorClass is null || position is null || maxRange is null || maxAltitude is null || speed is null
               || magazine is null || reload is null || cost is null || pk is null
            ? null
            : new EffectorSpec(id, effectorClass.Value, position.Value, minRange, maxRange.Value, maxAltitude.Value, speed.Value,
                magazine.Value, reload.Value, reaction, salvo, pk, cost.Value, cotUid, cotFrom) { Nation = nation };
    }

    /// <summary>The addresses of <c>cot-from</c>: one numeric IP address or a list of them; null when absent.</summary>
    private List<System.Net.IPAddress>? CotSources(MappingReader effector)
    {
        if (effector.Find("cot-from") is not { } node) return null;
        var items = node is YamlSequenceNode list ? list.Children : [node];
        var addresses = new List<System.Net.IPAddress>();
        foreach (var item in items)
        {
            if (item is YamlScalarNode { Value: { } text } && System.Net.IPAddress.TryParse(text, out var address) && text.Contains(address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? ':' : '.'))
                addresses.Add(address);
            else values.Errors.Add(item, "cot-from: expected a numeric IP address (for example 10.20.0.5) or a list of them");
        }
        return addresses;
    }

    /// <summary>The kill-probability mapping; a threat class left out cannot be engaged (probability 0).</summary>
    private Dictionary<ThreatClass, Probability>? KillProbabilities(MappingReader effector)
    {
        if (effector.Mapping("kill-probability", required: true, $"kill-probability of {effector.What}") is not { } r) return null;
        var result = new Dictionary<ThreatClass, Probability>();
        foreach (var threat in Enum.GetValues<ThreatClass>())
        {
            var key = KebabCase.Of(threat.ToString());
            if (r.Find(key) is not null && r.Probability(key) is { } p) result[threat] = p;
        }
        r.ReportUnknownFields();
        return result;
    }
}
