using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using Canopy.Core.Quantities;
using Canopy.Scenarios.Loading;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Canopy.Tracking.Files;

/// <summary>
/// tracker.yaml: any of <see cref="TrackerOptions"/>' properties as kebab-case keys (<c>process-noise-density: 2</c>,
/// <c>confirmation-hits: 3</c>, <c>max-coast-time: 5 s</c>); the rest keep their defaults. An unknown key, a bad value or
/// a value out of its range (<see cref="TrackerOptions.Validate"/>) is an error with line and column.
/// </summary>
public static partial class TrackerOptionsFile
{
    /// <exception cref="TrackingFileException">The file cannot be read or has an error.</exception>
    public static TrackerOptions Load(string path, TrackerOptions? defaults = null)
    {
        string yaml;
        try
        {
            yaml = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new TrackingFileException($"{path}: cannot read the file: {e.Message}", e);
        }
        return Parse(yaml, path, defaults);
    }

    /// <summary>
    /// Parses tracker.yaml text; <paramref name="file"/> only labels the errors. Keys absent from the file keep their
    /// value in <paramref name="defaults"/> (the tracker's defaults when null, or those derived from the sensors).
    /// </summary>
    /// <exception cref="TrackingFileException">A bad key or value, or values that break <see cref="TrackerOptions.Validate"/>: every broken rule with its key's line and column.</exception>
    public static TrackerOptions Parse(string yaml, string file, TrackerOptions? defaults = null)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(HyphenatedNamingConvention.Instance)
            .WithTypeConverter(new KebabEnumConverter()).WithTypeConverter(new ModelListConverter())
            .WithTypeConverter(new BallisticCoefficientConverter()).WithTypeConverter(new DurationConverter())
            .WithTypeConverter(new SensorBiasListConverter()).Build();
        TrackerOptions read;
        try
        {
            read = deserializer.Deserialize<TrackerOptions?>(yaml) ?? new TrackerOptions();
        }
        catch (YamlException e)
        {
            var message = MarkPrefix().Replace(e.InnerException?.Message ?? e.Message, "");
            throw new TrackingFileException($"{file}:{e.Start.Line}:{e.Start.Column}: {Explain(message)}", e);
        }
        var keys = KeyMarks(yaml);
        var options = defaults is null ? read : Merge(defaults, read, keys.Keys);
        var broken = options.Validate();
        if (broken.Count == 0) return options;
        var lines = broken.Select(rule =>
        {
            var key = Kebab(rule.Property);
            var mark = keys.TryGetValue(key, out var m) ? m : (Line: 1L, Column: 1L);
            return (mark.Line, mark.Column, Text: $"{file}:{mark.Line}:{mark.Column}: {key}: must be {rule.Rule}");
        });
        throw new TrackingFileException(string.Join(Environment.NewLine, lines.OrderBy(l => l.Line).ThenBy(l => l.Column).Select(l => l.Text)));
    }

    /// <summary>The top-level keys of the file with their line and column.</summary>
    private static Dictionary<string, (long Line, long Column)> KeyMarks(string yaml)
    {
        var marks = new Dictionary<string, (long, long)>(StringComparer.Ordinal);
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode root)
            foreach (var key in root.Children.Keys)
                if (key is YamlScalarNode { Value: { } name }) marks[name] = (key.Start.Line, key.Start.Column);
        return marks;
    }

    /// <summary><paramref name="defaults"/> with the options the file sets (<paramref name="keys"/>) taken from <paramref name="read"/>.</summary>
    private static TrackerOptions Merge(TrackerOptions defaults, TrackerOptions read, IEnumerable<string> keys)
    {
        var merged = defaults with { };
        foreach (var property in typeof(TrackerOptions).GetProperties().Where(p => p.CanWrite))
            if (keys.Contains(Kebab(property.Name))) property.SetValue(merged, property.GetValue(read));
        return merged;
    }

    private static string Kebab(string property) => HyphenatedNamingConvention.Instance.Apply(property);

    /// <summary>Turns YamlDotNet's "Property 'x' not found on type 'Canopy.Tracking.TrackerOptions'." into words for the file's author.</summary>
    private static string Explain(string message) =>
        UnknownProperty().Match(message) is { Success: true } m
            ? $"unknown key '{m.Groups[1].Value}'; the keys are {string.Join(", ", Keys())}"
            : $"bad value: {message}";

    private static IEnumerable<string> Keys() =>
        typeof(TrackerOptions).GetProperties().Where(p => p.CanWrite).Select(p => Kebab(p.Name));

    [GeneratedRegex(@"^\(Line: .*?\) - \(Line: .*?\): ")]
    private static partial Regex MarkPrefix();

    /// <summary>Reads <c>models:</c>, a non-empty sequence of distinct motion models (<c>[constant-velocity, constant-acceleration]</c>).</summary>
    private sealed class ModelListConverter : IYamlTypeConverter
    {
        private readonly KebabEnumConverter _enums = new();

        public bool Accepts(Type type) => type == typeof(IReadOnlyList<MotionModelKind>);

        public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer)
        {
            var start = parser.Consume<SequenceStart>();
            var models = new List<MotionModelKind>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                var at = parser.Current!;
                var model = (MotionModelKind)_enums.ReadYaml(parser, typeof(MotionModelKind), rootDeserializer)!;
                if (models.Contains(model))
                    throw new YamlException(at.Start, at.End, $"'{HyphenatedNamingConvention.Instance.Apply(model.ToString())}' is listed twice");
                models.Add(model);
            }
            if (models.Count == 0) throw new YamlException(start.Start, start.End, "the IMM needs at least one motion model");
            return models;
        }

        public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer) =>
            throw new NotSupportedException("tracker.yaml is only read");
    }

    /// <summary>
    /// Reads <c>ballistic-coefficient:</c> (the only optional number), a positive finite number of kg/m², bare or
    /// followed by its unit (<c>5000</c> or <c>5000 kg/m2</c>).
    /// </summary>
    private sealed class BallisticCoefficientConverter : IYamlTypeConverter
    {
        public bool Accepts(Type type) => type == typeof(double?);

        public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer)
        {
            var scalar = parser.Consume<Scalar>();
            var text = scalar.Value.Trim();
            foreach (var unit in (string[])["kg/m2", "kg/m²"])
                if (text.EndsWith(unit, StringComparison.Ordinal)) text = text[..^unit.Length].TrimEnd();
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var beta) || !(beta > 0) || double.IsInfinity(beta))
                throw new YamlException(scalar.Start, scalar.End, $"ballistic-coefficient: '{scalar.Value}' must be a positive number of kg/m2");
            return beta;
        }

        public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer) =>
            throw new NotSupportedException("tracker.yaml is only read");
    }

    /// <summary>Reads an option's enum value in kebab case (<c>constant-velocity</c>) or as its C# name (<c>ConstantVelocity</c>).</summary>
    private sealed class KebabEnumConverter : IYamlTypeConverter
    {
        public bool Accepts(Type type) => type.IsEnum;

        public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer)
        {
            var scalar = parser.Consume<Scalar>();
            var name = scalar.Value.Replace("-", "", StringComparison.Ordinal);
            if (!name.All(char.IsAsciiLetterOrDigit) || !Enum.TryParse(type, name, ignoreCase: true, out var value) || char.IsDigit(name[0]))
            {
                var names = Enum.GetNames(type).Select(n => HyphenatedNamingConvention.Instance.Apply(n));
                throw new YamlException(scalar.Start, scalar.End, $"'{scalar.Value}' is not one of {string.Join(", ", names)}");
            }
            return value;
        }

        public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer) =>
            throw new NotSupportedException("tracker.yaml is only read");
    }

    /// <summary>Reads a duration (<c>max-coast-time:</c>): a number of seconds, bare or with its unit (<c>2.5</c>, <c>2.5 s</c>, <c>1 min</c>).</summary>
    private sealed class DurationConverter : IYamlTypeConverter
    {
        public bool Accepts(Type type) => type == typeof(Duration);

        public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer)
        {
            var scalar = parser.Consume<Scalar>();
            if (double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var bare))
                return double.IsFinite(bare) ? Duration.FromSeconds(bare) : throw new YamlException(scalar.Start, scalar.End, $"'{scalar.Value}' is not a finite duration");
            if (!QuantityParser.TryParse(scalar.Value, QuantityKind.Duration, out var seconds, out var error) || !double.IsFinite(seconds))
                throw new YamlException(scalar.Start, scalar.End, error ?? $"'{scalar.Value}' is not a finite duration");
            return Duration.FromSeconds(seconds);
        }

        public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer) =>
            throw new NotSupportedException("tracker.yaml is only read");
    }

    /// <summary>
    /// Reads <c>sensor-biases:</c>, a sequence of <c>{ sensor-id: 1, range-bias: 120 m, azimuth-bias: 0.1 deg }</c>
    /// (biases bare in m and rad, or with units; each optional, default 0).
    /// </summary>
    private sealed class SensorBiasListConverter : IYamlTypeConverter
    {
        private const string Form = "a list of { sensor-id: N, range-bias: 120 m, azimuth-bias: 0.1 deg }";

        public bool Accepts(Type type) => type == typeof(IReadOnlyList<SensorBias>);

        public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer)
        {
            if (!parser.TryConsume<SequenceStart>(out _))
                throw new YamlException(parser.Current!.Start, parser.Current.End, $"sensor-biases: expected {Form}");
            var biases = new List<SensorBias>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                if (!parser.TryConsume<MappingStart>(out var start))
                    throw new YamlException(parser.Current!.Start, parser.Current.End, $"sensor-biases: expected {Form}");
                int? id = null;
                double range = 0, azimuth = 0;
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var key = parser.Consume<Scalar>();
                    var value = parser.Consume<Scalar>();
                    switch (key.Value)
                    {
                        case "sensor-id":
                            id = int.TryParse(value.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0
                                ? i
                                : throw new YamlException(value.Start, value.End, $"sensor-id: '{value.Value}' is not a sensor id (a whole number, 0 or more)");
                            break;
                        case "range-bias":
                            range = Quantity(value, QuantityKind.Length, "range-bias");
                            break;
                        case "azimuth-bias":
                            azimuth = Quantity(value, QuantityKind.Angle, "azimuth-bias");
                            break;
                        default:
                            throw new YamlException(key.Start, key.End, $"unknown key '{key.Value}' in a sensor bias; the keys are sensor-id, range-bias, azimuth-bias");
                    }
                }
                if (id is null) throw new YamlException(start.Start, start.End, "a sensor bias needs its sensor-id");
                if (biases.Any(b => b.SensorId == id))
                    throw new YamlException(start.Start, start.End, $"sensor {id} has two biases");
                biases.Add(new SensorBias(id.Value, range, azimuth));
            }
            return biases;
        }

        /// <summary>A bare number (SI: m or rad) or a quantity with its unit.</summary>
        private static double Quantity(Scalar value, QuantityKind kind, string key)
        {
            if (double.TryParse(value.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var bare) && double.IsFinite(bare)) return bare;
            if (QuantityParser.TryParse(value.Value, kind, out var si, out var error) && double.IsFinite(si)) return si;
            throw new YamlException(value.Start, value.End, $"{key}: {error ?? $"'{value.Value}' is not finite"}");
        }

        public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer) =>
            throw new NotSupportedException("tracker.yaml is only read");
    }

    [GeneratedRegex(@"Property '([^']*)' not found on type")]
    private static partial Regex UnknownProperty();
}
