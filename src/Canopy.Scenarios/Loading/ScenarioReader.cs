using System.Globalization;
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
        var assets = List(r, "assets", new AssetReader(values, validator).Read, ScenarioLimits.MaxAssets);
        var sensors = List(r, "sensors", new SensorReader(values, validator).Read, ScenarioLimits.MaxSensors);
        var effectors = List(r, "effectors", new EffectorReader(values, validator).Read, ScenarioLimits.MaxEffectors);
        var byName = assets.DistinctBy(a => a.Name).ToDictionary(a => a.Name);
        var waves = Waves(r, new WaveReader(values, byName, simulation.MaxDuration));
        var aircraft = List(r, "aircraft", new AircraftReader(values, validator).Read, ScenarioLimits.MaxThreatsPerNight);
        CheckFalseAlarmRate(r, sensors);
        CheckThreatCount(r, waves, aircraft);
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
        var radius = r.Length("radius", ScenarioRanges.RegionRadius);
        r.ReportUnknownFields();
        return name is null || centre is null || radius is null ? null : new Region(name, centre.Value, radius.Value);
    }

    private SimulationSettings Simulation(MappingReader scenario)
    {
        if (scenario.Mapping("simulation", required: false) is not { } r) return new SimulationSettings(DefaultTick, DefaultMaxDuration);
        var settings = new SimulationSettings(
            r.Duration("tick", ScenarioRanges.Tick, DefaultTick),
            r.Duration("max-duration", ScenarioRanges.MaxDuration, DefaultMaxDuration));
        var (tick, end) = (settings.Tick.Seconds, settings.MaxDuration.Seconds);
        var at = r.Find("tick") ?? r.Find("max-duration");
        if (at is not null && tick > end)
            errors.Add(at, $"tick {settings.Tick} is longer than max-duration {settings.MaxDuration}: the night would end at its first step");
        else if (at is not null && end / tick > ScenarioLimits.MaxSteps)
            errors.Add(at, string.Create(CultureInfo.InvariantCulture,
                $"max-duration / tick is {end / tick:N0} steps; a night takes at most {ScenarioLimits.MaxSteps:N0} (a longer tick or a shorter night)"));
        r.ReportUnknownFields();
        return settings;
    }

    /// <summary>The radars' false plots per second, all together, are what the tracker must sift.</summary>
    private void CheckFalseAlarmRate(MappingReader scenario, IReadOnlyList<SensorSpec> sensors)
    {
        var perSecond = sensors.OfType<RadarSpec>().Sum(r => r.FalseAlarmsPerScan / r.RevisitPeriod.Seconds);
        if (perSecond > ScenarioLimits.MaxFalseAlarmsPerSecond)
            errors.Add(scenario.Find("sensors")!, string.Create(CultureInfo.InvariantCulture,
                $"the radars make {perSecond:N0} false plots a second together (false-alarms-per-scan / revisit); the tracker takes at most {ScenarioLimits.MaxFalseAlarmsPerSecond:N0}"));
    }

    private void CheckThreatCount(MappingReader scenario, IReadOnlyList<ThreatWave> waves, IReadOnlyList<AircraftFlight> aircraft)
    {
        var total = waves.Sum(w => (long)w.Count) + aircraft.Count;
        if (total > ScenarioLimits.MaxThreatsPerNight)
            errors.Add(scenario.Find("waves")!, string.Create(CultureInfo.InvariantCulture,
                $"the night holds {total:N0} threats and aircraft; a night takes at most {ScenarioLimits.MaxThreatsPerNight:N0}"));
    }

    private DefencePolicy Policy(MappingReader r)
    {
        var engageOnlyThreatsToDefendedAreas = r.Flag("engage-only-threats-to-defended-areas", true);
        var valueUnit = r.OptionalMoney("value-unit", ScenarioRanges.ValueUnit)?.Dollars ?? DefencePolicy.DefaultDollarsPerValueUnit;
        var friendly = r.Sequence("friendly-squawks", required: false, 4096) is { } list
            ? list.Children.Select(n => values.Squawk(n, "friendly-squawks")).OfType<int>().ToList()
            : [];
        var aircraftLethality = r.Fraction("aircraft-lethality", DefencePolicy.DefaultAircraftLethality);
        r.ReportUnknownFields();
        return new DefencePolicy(engageOnlyThreatsToDefendedAreas, valueUnit) { FriendlySquawks = friendly, AircraftLethality = aircraftLethality };
    }

    private List<ThreatWave> Waves(MappingReader scenario, WaveReader reader)
    {
        var list = scenario.Sequence("waves", required: true, ScenarioLimits.MaxThreatsPerNight);
        if (list is { Children.Count: 0 }) errors.Add(list, "waves is empty; a scenario needs at least one wave");
        return list is null ? [] : Items(list, reader.Read);
    }

    /// <summary>The items of an optional list; a list longer than <paramref name="max"/> is one error and is not read.</summary>
    private static List<T> List<T>(MappingReader scenario, string key, Func<YamlNode, T?> read, int max) where T : class =>
        scenario.Sequence(key, required: false, max) is { } list ? Items(list, read) : [];

    private static List<T> Items<T>(YamlSequenceNode list, Func<YamlNode, T?> read) where T : class =>
        [.. list.Children.Select(read).OfType<T>()];
}
