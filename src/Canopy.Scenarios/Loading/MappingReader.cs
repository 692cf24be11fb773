using System.Globalization;
using Canopy.Core.Geodesy;
using Canopy.Core.Quantities;
using YamlDotNet.RepresentationModel;

namespace Canopy.Scenarios.Loading;

/// <summary>
/// Reads the fields of one YAML mapping. Required reads report a missing field at the mapping and give null;
/// reads with a fallback give the fallback when the field is absent. Every key asked for is remembered, so
/// <see cref="ReportUnknownFields"/> can flag the rest and suggest the closest known key.
/// </summary>
internal sealed class MappingReader
{
    private readonly YamlMappingNode map;
    private readonly ValueReader values;
    private readonly List<string> known = [];

    private MappingReader(YamlMappingNode map, string what, ValueReader values)
    {
        this.map = map;
        What = what;
        this.values = values;
    }

    /// <summary>What the mapping describes, for messages ("effector 'PATRIOT-1'").</summary>
    public string What { get; set; }

    public static MappingReader? From(YamlNode node, string what, ValueReader values)
    {
        if (node is YamlMappingNode map) return new MappingReader(map, what, values);
        values.Errors.Add(node, $"{what} must be a mapping of fields such as {{ name: ..., ... }}");
        return null;
    }

    public YamlNode? Find(string key)
    {
        if (!known.Contains(key)) known.Add(key);
        return map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;
    }

    public YamlNode? Require(string key)
    {
        var node = Find(key);
        if (node is null) values.Errors.Add(map, $"{What}: missing required field '{key}'");
        return node;
    }

    public string? Text(string key) => Require(key) is { } n ? values.Text(n, key) : null;

    public string Text(string key, string fallback) => Find(key) is { } n ? values.Text(n, key) ?? fallback : fallback;

    public double? Number(string key, NumberRange range) => Require(key) is { } n ? values.Number(n, key, range) : null;

    public double Number(string key, NumberRange range, double fallback) =>
        Find(key) is { } n ? values.Number(n, key, range) ?? fallback : fallback;

    public int? Integer(string key, NumberRange range) => Require(key) is { } n ? values.Integer(n, key, range) : null;

    public int Integer(string key, NumberRange range, int fallback) =>
        Find(key) is { } n ? values.Integer(n, key, range) ?? fallback : fallback;

    public bool Flag(string key, bool fallback) => Find(key) is { } n ? values.Flag(n, key) ?? fallback : fallback;

    public DateTimeOffset? Time(string key) => Require(key) is { } n ? values.Time(n, key) : null;

    public T? Choice<T>(string key) where T : struct, Enum => Require(key) is { } n ? values.Choice<T>(n, key) : null;

    public Geodetic? Position(string key) => Require(key) is { } n ? values.Position(n, key) : null;

    public Probability? Probability(string key) =>
        Require(key) is { } n && values.Probability(n, key) is { } p ? Core.Quantities.Probability.Of(p) : null;

    public double Fraction(string key, double fallback) =>
        Find(key) is { } n ? values.Probability(n, key) ?? fallback : fallback;

    public Length? Length(string key, NumberRange range) =>
        Quantity(key, QuantityKind.Length, range) is { } v ? Core.Quantities.Length.FromMetres(v) : null;

    public Length Length(string key, NumberRange range, Length fallback) =>
        Optional(key, QuantityKind.Length, range) is { } v ? Core.Quantities.Length.FromMetres(v) : fallback;

    public Speed? Speed(string key, NumberRange range) =>
        Quantity(key, QuantityKind.Speed, range) is { } v ? Core.Quantities.Speed.FromMetresPerSecond(v) : null;

    public Duration? Duration(string key, NumberRange range) =>
        Quantity(key, QuantityKind.Duration, range) is { } v ? Core.Quantities.Duration.FromSeconds(v) : null;

    public Duration? OptionalDuration(string key, NumberRange range) =>
        Optional(key, QuantityKind.Duration, range) is { } v ? Core.Quantities.Duration.FromSeconds(v) : null;

    public Duration Duration(string key, NumberRange range, Duration fallback) => OptionalDuration(key, range) ?? fallback;

    public Angle? Angle(string key, NumberRange range) =>
        Quantity(key, QuantityKind.Angle, range) is { } v ? Core.Quantities.Angle.FromRadians(v) : null;

    public Money? Money(string key, NumberRange range) =>
        Quantity(key, QuantityKind.Money, range) is { } v ? Core.Quantities.Money.FromDollars(v) : null;

    public Money? OptionalMoney(string key, NumberRange range) =>
        Optional(key, QuantityKind.Money, range) is { } v ? Core.Quantities.Money.FromDollars(v) : null;

    /// <summary>A nested mapping; null when absent (reported if required) or not a mapping.</summary>
    public MappingReader? Mapping(string key, bool required, string? what = null)
    {
        var node = required ? Require(key) : Find(key);
        return node is null ? null : From(node, what ?? key, values);
    }

    /// <summary>A list; null when absent (reported if required), not a list, or longer than <paramref name="max"/> items (reported, and not read).</summary>
    public YamlSequenceNode? Sequence(string key, bool required, int max = int.MaxValue)
    {
        var node = required ? Require(key) : Find(key);
        switch (node)
        {
            case null: return null;
            case YamlSequenceNode list when list.Children.Count <= max: return list;
            case YamlSequenceNode list:
                values.Errors.Add(list, string.Create(CultureInfo.InvariantCulture, $"'{key}' has {list.Children.Count:N0} items; it takes at most {max:N0}"));
                return null;
            default:
                values.Errors.Add(node, $"'{key}' must be a list");
                return null;
        }
    }

    /// <summary>Reports every key of the mapping that was never asked for, with the closest known key as a hint.</summary>
    public void ReportUnknownFields()
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (known.Contains(name)) continue;
            var hint = ClosestKey.Among(name, known) is { } k ? $"; did you mean '{k}'?" : "";
            values.Errors.Add(key, $"unknown field '{name}' in {What}{hint}");
        }
    }

    private double? Quantity(string key, QuantityKind kind, NumberRange range) =>
        Require(key) is { } n ? values.Quantity(n, key, kind, range) : null;

    private double? Optional(string key, QuantityKind kind, NumberRange range) =>
        Find(key) is { } n ? values.Quantity(n, key, kind, range) : null;
}
