using Canopy.Core.Defence;
using Canopy.Scenarios.Model;

namespace Canopy.Server.Live;

/// <summary>What does not move in a run: the region, defended assets, sensors and fire units with their reach and nation.</summary>
/// <param name="StartUnixMs">The scenario's start (simulated time 0), Unix milliseconds UTC: the console's UTC clock.</param>
public sealed record RunLayout(
    string RunId, string Scenario, string Description, double CentreLat, double CentreLon, double RadiusMetres, double Tick,
    IReadOnlyList<AssetView> Assets, IReadOnlyList<SensorView> Sensors, IReadOnlyList<EffectorView> Effectors, double StartUnixMs = 0)
{
    public static RunLayout Of(string runId, Scenario s) => new(
        runId, s.Name, s.Description, s.Region.Centre.LatitudeDeg, s.Region.Centre.LongitudeDeg, s.Region.Radius.Metres,
        s.Simulation.Tick.Seconds,
        [.. s.Assets.Select(a => new AssetView(a.Name, a.Kind.ToString(), a.Position.LatitudeDeg, a.Position.LongitudeDeg, a.Radius.Metres, a.Value,
            a.Nation ?? s.Nation))],
        [.. s.Sensors.Select(x => SensorView.Of(x, x.Nation ?? s.Nation))],
        [.. s.Effectors.Select(e => new EffectorView(e.Id, e.Class.ToString(), e.Position.LatitudeDeg, e.Position.LongitudeDeg,
            e.MinRange.Metres, e.MaxRange.Metres, e.Magazine, e.CostPerShot.Dollars, s.NationOf(e)))],
        s.StartTime.ToUnixTimeMilliseconds());

    /// <summary>The nation of fire unit <paramref name="effectorId"/>, or null when the run has no such unit.</summary>
    public string? NationOf(string effectorId) => Effectors.FirstOrDefault(e => e.Id == effectorId)?.Nation;
}

/// <summary>A defended asset: footprint radius in metres, value in the scenario's units, and its nation.</summary>
public sealed record AssetView(string Name, string Kind, double Lat, double Lon, double Radius, double Value, string Nation);

/// <summary>A sensor, the radius it covers (metres) and its nation.</summary>
public sealed record SensorView(int Id, string Name, string Kind, double Lat, double Lon, double Coverage, string Nation)
{
    public static SensorView Of(SensorSpec s, string nation) => s switch
    {
        RadarSpec r => new(r.Id.Value, r.Name, "radar", r.Position.LatitudeDeg, r.Position.LongitudeDeg, r.MaxRange.Metres, nation),
        AcousticSpec a => new(a.Id.Value, a.Name, "acoustic", a.Position.LatitudeDeg, a.Position.LongitudeDeg, a.DetectionRadius.Metres, nation),
        _ => new(s.Id.Value, s.Name, "sensor", s.Position.LatitudeDeg, s.Position.LongitudeDeg, 0, nation),
    };
}

/// <summary>A fire unit's engagement zone (ring between min and max range, metres), magazine, cost per shot and the nation
/// that operates it (whose battle managers decide for it).</summary>
public sealed record EffectorView(string Id, string Class, double Lat, double Lon, double MinRange, double MaxRange, int Magazine, double CostPerShot,
    string Nation);
