using Canopy.Core.Defence;
using Canopy.Core.Quantities;
using Canopy.Scenarios.Model;
using YamlDotNet.RepresentationModel;

namespace Canopy.Scenarios.Loading;

/// <summary>Reads the top level of a scenario document and hands each list to its item reader.</summary>
internal sealed class ScenarioReader(ErrorList errors)
{
    /// <summary>Simulation step when the file does not set one.</summary>
    public static readonly Duration DefaultTick = Duration.FromSeconds(1);

    /// <summary>Longest simulated time when the file does not set one.</summary>
    public static readonly Duration DefaultMaxDuration = Duration.FromHours(12);

    private readonly ValueReader values = new(errors);

    /// <summary>The scenario, or null when the document is unusable; check the error list in any case.</summary>
    public Scenario? Read(YamlNode root)
    {
        if (MappingReader.From(root, "the scenario", values) is not { } r) return null;
        var name = r.Text("name");
        var description = r.Text("description", "");
        var nation = NationReader.Read(r, values);
        var region = Region(r);
        var start = r.Time("start");
        var simulation = Simulation(r);
        var policy = r.Mapping("policy", required: false) is { } p ? Policy(p) : new DefencePolicy();
        var validator = new ScenarioValidator(errors, region);
        var assets = List(r, "assets", new AssetReader(values, validator).Read);
        var sensors = List(r, "sensors", new SensorReader(values, validator).Read);
        var effectors = List(r, "effectors", new EffectorReader(values, validator).Read);
        var byName = assets.DistinctBy(a => a.Name).ToDictionary(a => a.Name);
        var waves = Waves(r, new WaveReader(values, byName));
        var aircraft = List(r, "aircraft", new AircraftReader(values, validator).Read);
        r.ReportUnknownFields();
        return name is null || region is null || start is null
            ? null
            : new Scenario(name, description, region, start.Value, simulation, policy, assets, sensors, effectors, waves) { Aircraft = aircraft, Nation = nation ?? Scenario.DefaultNation };
    }

    private Region? Region(MappingReader scenario)
    {
        if (scenario.Mapping("region", required: true) is not { } r) return null;
        var name = r.Text("name");
        var centre = r.Position("centre");
        var radius = r.Length("radius", NumberRange.Positive);
        r.ReportUnknownFields();
        return name is null || centre is null || radius is null ? null : new Region(name, centre.Value, radius.Value);
    }

    private static SimulationSettings Simulation(MappingReader scenario)
    {
        if (scenario.Mapping("simulation", required: false) is not { } r) return new SimulationSettings(DefaultTick, DefaultMaxDuration);
        var settings = new SimulationSettings(
            r.Duration("tick", NumberRange.Positive, DefaultTick),
            r.Duration("max-duration", NumberRange.Positive, DefaultMaxDuration));
        r.ReportUnknownFields();
        return settings;
    }

    private DefencePolicy Policy(MappingReader r)
    {
        var engageOnlyThreatsToDefendedAreas = r.Flag("engage-only-threats-to-defended-areas", true);
        var valueUnit = r.OptionalMoney("value-unit")?.Dollars ?? DefencePolicy.DefaultDollarsPerValueUnit;
        var friendly = r.Sequence("friendly-squawks", required: false) is { } list
            ? list.Children.Select(n => values.Squawk(n, "friendly-squawks")).OfType<int>().ToList()
            : [];
        var aircraftLethality = r.Fraction("aircraft-lethality", DefencePolicy.DefaultAircraftLethality);
        r.ReportUnknownFields();
        return new DefencePolicy(engageOnlyThreatsToDefendedAreas, valueUnit) { FriendlySquawks = friendly, AircraftLethality = aircraftLethality };
    }

    private List<ThreatWave> Waves(MappingReader scenario, WaveReader reader)
    {
        var list = scenario.Sequence("waves", required: true);
        if (list is { Children.Count: 0 }) errors.Add(list, "waves is empty; a scenario needs at least one wave");
        return list is null ? [] : Items(list, reader.Read);
    }

    private static List<T> List<T>(MappingReader scenario, string key, Func<YamlNode, T?> read) where T : class =>
        scenario.Sequence(key, required: false) is { } list ? Items(list, read) : [];

    private static List<T> Items<T>(YamlSequenceNode list, Func<YamlNode, T?> read) where T : class =>
        [.. list.Children.Select(read).OfType<T>()];
}
