using Canopy.Core.Geodesy;
using Canopy.Core.Quantities;
using Canopy.Scenarios.Model;
using YamlDotNet.RepresentationModel;

namespace Canopy.Scenarios.Loading;

/// <summary>Reads one entry of the aircraft list.</summary>
internal sealed class AircraftReader(ValueReader values, ScenarioValidator validator)
{
    public AircraftFlight? Read(YamlNode node)
    {
        if (MappingReader.From(node, "aircraft", values) is not { } r) return null;
        var name = r.Text("name");
        if (name is not null) r.What = $"aircraft '{name}'";
        validator.Unique("aircraft name", name, r.Find("name"));
        var identity = r.Choice<AircraftIdentity>("identity");
        var route = Route(r);
        var speed = r.Speed("speed", ScenarioRanges.AircraftSpeed);
        var altitude = r.Length("altitude", ScenarioRanges.AircraftAltitude);
        var start = r.Duration("start", ScenarioRanges.StartTime, Duration.Zero);
        var squawk = r.Find("squawk") is { } s ? values.Squawk(s, "squawk") : null;
        var mode5 = r.Flag("mode5", identity == AircraftIdentity.Friendly);
        var adsb = r.Flag("adsb", identity == AircraftIdentity.Civil);
        r.ReportUnknownFields();
        return name is null || identity is null || route is null || speed is null || altitude is null
               || (r.Find("squawk") is not null && squawk is null)
            ? null
            : new AircraftFlight(name, identity.Value, route, speed.Value, altitude.Value, start, squawk, mode5, adsb);
    }

    private List<Geodetic>? Route(MappingReader aircraft)
    {
        if (aircraft.Sequence("route", required: true, ScenarioLimits.MaxRoutePoints) is not { } list) return null;
        if (list.Children.Count < 2)
        {
            values.Errors.Add(list, $"the route of {aircraft.What} needs at least two points");
            return null;
        }
        var points = list.Children.Select(n => values.Position(n, "route point")).ToList();
        return points.Contains(null) ? null : [.. points.Select(p => p!.Value)];
    }
}
