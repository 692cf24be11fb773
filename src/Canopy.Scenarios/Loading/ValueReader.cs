using System.Globalization;
using Canopy.Core.Geodesy;
using YamlDotNet.RepresentationModel;

namespace Canopy.Scenarios.Loading;

/// <summary>
/// Converts single YAML nodes to typed values. A bad value is reported at its node and gives null,
/// so that reading goes on and every error of the file is found in one pass.
/// </summary>
internal sealed class ValueReader(ErrorList errors)
{
    public ErrorList Errors => errors;

    public string? Text(YamlNode node, string field)
    {
        if (node is not YamlScalarNode scalar)
        {
            errors.Add(node, $"'{field}' must be a single value, not a list or a mapping");
            return null;
        }
        if (string.IsNullOrWhiteSpace(scalar.Value))
        {
            errors.Add(node, $"'{field}' is empty");
            return null;
        }
        return scalar.Value.Trim();
    }

    public double? Quantity(YamlNode node, string field, QuantityKind kind, NumberRange range)
    {
        if (Text(node, field) is not { } text) return null;
        if (!QuantityParser.TryParse(text, kind, out var value, out var error))
        {
            errors.Add(node, $"{field}: {error}");
            return null;
        }
        return InRange(node, field, text, value, range);
    }

    public double? Number(YamlNode node, string field, NumberRange range)
    {
        if (Text(node, field) is not { } text) return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            errors.Add(node, $"{field}: '{text}' is not a number");
            return null;
        }
        return InRange(node, field, text, value, range);
    }

    public int? Integer(YamlNode node, string field, NumberRange range)
    {
        if (Text(node, field) is not { } text) return null;
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(node, $"{field}: '{text}' is not a whole number");
            return null;
        }
        return (int?)InRange(node, field, text, value, range);
    }

    public double? Probability(YamlNode node, string field)
    {
        if (Text(node, field) is not { } text) return null;
        if (!QuantityParser.TryParseProbability(text, out var value, out var error))
        {
            errors.Add(node, $"{field}: {error}");
            return null;
        }
        return value;
    }

    public bool? Flag(YamlNode node, string field)
    {
        if (Text(node, field) is not { } text) return null;
        if (bool.TryParse(text, out var value)) return value;
        errors.Add(node, $"{field}: '{text}' is neither true nor false");
        return null;
    }

    public DateTimeOffset? Time(YamlNode node, string field)
    {
        if (Text(node, field) is not { } text) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)) return value;
        errors.Add(node, $"{field}: '{text}' is not a date and time such as '2025-07-04T21:00:00Z'");
        return null;
    }

    /// <summary>One of a fixed set of kebab-case names, e.g. an asset kind.</summary>
    public T? Choice<T>(YamlNode node, string field) where T : struct, Enum
    {
        if (Text(node, field) is not { } text) return null;
        foreach (var value in Enum.GetValues<T>())
            if (KebabCase.Of(value.ToString()) == text) return value;
        errors.Add(node, $"{field}: '{text}' is not one of {string.Join(", ", Enum.GetValues<T>().Select(v => KebabCase.Of(v.ToString())))}");
        return null;
    }

    /// <summary>A Mode 3/A code: four octal digits (0000 to 7777), returned as its value 0 to 4095.</summary>
    public int? Squawk(YamlNode node, string field)
    {
        if (Text(node, field) is not { } text) return null;
        if (text.Length == 4 && text.All(c => c is >= '0' and <= '7'))
            return text.Aggregate(0, (code, c) => code * 8 + (c - '0'));
        errors.Add(node, $"{field} must be a Mode 3/A code of four octal digits (0000 to 7777), got '{text}'");
        return null;
    }

    /// <summary>A position mapping { lat, lon, height } with latitude and longitude in degrees.</summary>
    public Geodetic? Position(YamlNode node, string field)
    {
        if (MappingReader.From(node, field, this) is not { } r) return null;
        var lat = r.Number("lat", NumberRange.Latitude);
        var lon = r.Number("lon", NumberRange.Longitude);
        var height = r.Length("height", ScenarioRanges.Height, Core.Quantities.Length.FromMetres(0));
        r.ReportUnknownFields();
        return lat is { } la && lon is { } lo ? Geodetic.FromDegrees(la, lo, height.Metres) : null;
    }

    private double? InRange(YamlNode node, string field, string text, double value, NumberRange range)
    {
        if (range.Contains(value)) return value;
        errors.Add(node, $"{field} {range.Rule}, got '{text}'");
        return null;
    }
}
