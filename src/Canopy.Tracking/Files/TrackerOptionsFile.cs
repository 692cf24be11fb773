using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Canopy.Tracking.Files;

/// <summary>
/// tracker.yaml: any of <see cref="TrackerOptions"/>' properties as kebab-case keys (<c>process-noise-density: 2</c>,
/// <c>confirmation-hits: 3</c>); the rest keep their defaults. An unknown key or a bad value is an error with line and column.
/// </summary>
public static partial class TrackerOptionsFile
{
    /// <exception cref="TrackingFileException">The file cannot be read or has an error.</exception>
    public static TrackerOptions Load(string path)
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
        return Parse(yaml, path);
    }

    /// <summary>Parses tracker.yaml text; <paramref name="file"/> only labels the errors.</summary>
    public static TrackerOptions Parse(string yaml, string file)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(HyphenatedNamingConvention.Instance)
            .WithTypeConverter(new KebabEnumConverter()).WithTypeConverter(new ModelListConverter())
            .WithTypeConverter(new BallisticCoefficientConverter()).Build();
        TrackerOptions options;
        try
        {
            options = deserializer.Deserialize<TrackerOptions?>(yaml) ?? new TrackerOptions();
        }
        catch (YamlException e)
        {
            var message = MarkPrefix().Replace(e.InnerException?.Message ?? e.Message, "");
            throw new TrackingFileException($"{file}:{e.Start.Line}:{e.Start.Column}: {Explain(message)}", e);
        }
        CheckValues(options, yaml, file);
        return options;
    }

    /// <summary>
    /// The score-based initiation's probabilities must lie strictly between 0 and 1 and its densities be positive, and
    /// the range-rate gate be positive.
    /// </summary>
    private static void CheckValues(TrackerOptions options, string yaml, string file)
    {
        Check(options.FalseTrackProbability is > 0 and < 1, "false-track-probability", "a probability strictly between 0 and 1");
        Check(options.MissedTrackProbability is > 0 and < 1, "missed-track-probability", "a probability strictly between 0 and 1");
        Check(options.ClutterDensity > 0, "clutter-density", "a positive density (per m³ and scan)");
        Check(options.NewTargetDensity > 0, "new-target-density", "a positive density (per m³ and scan)");
        Check(options.DeletionDrop > 0, "deletion-drop", "positive");
        Check(options.RangeRateGate > 0, "range-rate-gate", "positive (a chi-square value, 1 degree of freedom)");

        void Check(bool ok, string key, string expected)
        {
            if (ok) return;
            var lines = yaml.Split('\n');
            var line = Array.FindIndex(lines, l => l.TrimStart().StartsWith(key + ":", StringComparison.Ordinal)) + 1;
            var column = line > 0 ? lines[line - 1].IndexOf(key, StringComparison.Ordinal) + 1 : 1;
            throw new TrackingFileException($"{file}:{Math.Max(line, 1)}:{column}: {key}: must be {expected}");
        }
    }

    /// <summary>Turns YamlDotNet's "Property 'x' not found on type 'Canopy.Tracking.TrackerOptions'." into words for the file's author.</summary>
    private static string Explain(string message) =>
        UnknownProperty().Match(message) is { Success: true } m
            ? $"unknown key '{m.Groups[1].Value}'; the keys are {string.Join(", ", Keys())}"
            : $"bad value: {message}";

    private static IEnumerable<string> Keys() =>
        typeof(TrackerOptions).GetProperties().Where(p => p.CanWrite).Select(p => HyphenatedNamingConvention.Instance.Apply(p.Name));

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

    [GeneratedRegex(@"Property '([^']*)' not found on type")]
    private static partial Regex UnknownProperty();
}
