using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Quantities;
using Canopy.Scenarios.Model;
using YamlDotNet.RepresentationModel;

namespace Canopy.Scenarios.Loading;

/// <summary>Reads one entry of the waves list; targets may name assets read before; launches must start before <paramref name="maxDuration"/>.</summary>
internal sealed class WaveReader(ValueReader values, IReadOnlyDictionary<string, DefendedAsset> assets, Duration maxDuration)
{
    /// <summary>Lethality of one impact when the wave does not set it.</summary>
    public static double DefaultLethality(ThreatClass c) => c switch
    {
        ThreatClass.Drone => 0.02,
        ThreatClass.Cruise => 0.1,
        ThreatClass.Ballistic => 0.2,
        _ => 0,
    };

    public ThreatWave? Read(YamlNode node)
    {
        if (MappingReader.From(node, "wave", values) is not { } r) return null;
        var name = r.Text("name");
        if (name is not null) r.What = $"wave '{name}'";
        var threatClass = r.Choice<ThreatClass>("class");
        if (threatClass == ThreatClass.Aircraft)
            values.Errors.Add(r.Find("class")!, "aircraft are not a wave; list them under 'aircraft' with their route and identity");
        var count = r.Integer("count", ScenarioRanges.ThreatCount);
        var launch = Launch(r);
        var targets = Targets(r);
        var via = Via(r);
        var routeSpread = r.Length("route-spread", ScenarioRanges.Scatter, Length.FromMetres(0));
        var speed = r.Speed("speed", ScenarioRanges.ThreatSpeed);
        var altitude = r.Length("altitude", ScenarioRanges.ThreatAltitude);
        var altitudeSpread = r.Length("altitude-spread", ScenarioRanges.Scatter, Length.FromMetres(0));
        var flightTime = r.OptionalDuration("flight-time", ScenarioRanges.FlightTime);
        if (flightTime is not null && threatClass is not (null or ThreatClass.Ballistic))
            values.Errors.Add(r.Find("flight-time")!, "flight-time applies only to ballistic waves");
        var aimError = r.Length("aim-error", ScenarioRanges.Scatter, Length.FromMetres(0));
        var unitCost = r.Money("unit-cost", ScenarioRanges.Cost);
        var lethality = r.Fraction("lethality", DefaultLethality(threatClass ?? ThreatClass.Decoy));
        r.ReportUnknownFields();
        return name is null || threatClass is null or ThreatClass.Aircraft || count is null || launch is null || targets is null || via is null
               || speed is null || altitude is null || unitCost is null
            ? null
            : new ThreatWave(name, threatClass.Value, count.Value, launch.Centre, launch.Radius, launch.Start, launch.End,
                targets, via, routeSpread, speed.Value, altitude.Value, altitudeSpread, flightTime, aimError, unitCost.Value, lethality);
    }

    private sealed record LaunchArea(Geodetic Centre, Length Radius, Duration Start, Duration End);

    private LaunchArea? Launch(MappingReader wave)
    {
        if (wave.Mapping("launch", required: true, $"launch of {wave.What}") is not { } r) return null;
        var centre = r.Position("centre");
        var radius = r.Length("radius", ScenarioRanges.LaunchRadius);
        var start = r.Duration("start", ScenarioRanges.StartTime);
        var end = r.Duration("end", ScenarioRanges.StartTime);
        if (start is { } s && end is { } e && e < s)
            values.Errors.Add(r.Find("end")!, $"launch end {e} is before launch start {s}");
        if (start is { } first && first >= maxDuration)
            values.Errors.Add(r.Find("start")!, $"launch start {first} is not before max-duration {maxDuration}: no threat of the wave would fly");
        r.ReportUnknownFields();
        return centre is null || radius is null || start is null || end is null ? null
            : new LaunchArea(centre.Value, radius.Value, start.Value, end.Value);
    }

    private List<AimPoint>? Targets(MappingReader wave)
    {
        if (wave.Sequence("targets", required: true, ScenarioLimits.MaxRoutePoints) is not { } list) return null;
        if (list.Children.Count == 0)
        {
            values.Errors.Add(list, $"{wave.What} has no targets");
            return null;
        }
        var targets = list.Children.Select(Target).ToList();
        return targets.Contains(null) ? null : [.. targets.OfType<AimPoint>()];
    }

    private AimPoint? Target(YamlNode node)
    {
        if (MappingReader.From(node, "target", values) is not { } r) return null;
        var assetNode = r.Find("asset");
        var positionNode = r.Find("position");
        var weight = r.Number("weight", ScenarioRanges.TargetWeight, 1);
        r.ReportUnknownFields();
        if ((assetNode is null) == (positionNode is null))
        {
            values.Errors.Add(node, "a target names either an asset or a position, not both and not neither");
            return null;
        }
        if (positionNode is not null)
            return values.Position(positionNode, "position") is { } p ? new AimPoint(null, p, weight) : null;
        if (values.Text(assetNode!, "asset") is not { } name) return null;
        if (assets.TryGetValue(name, out var asset)) return new AimPoint(name, asset.Position, weight);
        var hint = ClosestKey.Among(name, assets.Keys) is { } k ? $"; did you mean '{k}'?" : "";
        values.Errors.Add(assetNode!, $"target asset '{name}' does not exist{hint}");
        return null;
    }

    private List<Geodetic>? Via(MappingReader wave)
    {
        if (wave.Sequence("via", required: false, ScenarioLimits.MaxRoutePoints) is not { } list) return wave.Find("via") is null ? [] : null;
        var points = list.Children.Select(n => values.Position(n, "via point")).ToList();
        return points.Contains(null) ? null : [.. points.Select(p => p!.Value)];
    }
}
