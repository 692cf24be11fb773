using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Canopy.Scenarios.Loading;

/// <summary>The kinds of physical quantity a scenario file writes with a unit.</summary>
public enum QuantityKind { Length, Speed, Duration, Angle, Money }

/// <summary>
/// Reads quantities written as a number, an optional space and a unit ("40 km", "170 km/h", "6 Mach", "4 M$")
/// and returns them in SI units (m, m/s, s, rad, US dollars). Invariant culture: the decimal separator is a point.
/// </summary>
public static partial class QuantityParser
{
    /// <summary>One Mach, taken as the speed of sound at sea level in the standard atmosphere (m/s).</summary>
    public const double MachMetresPerSecond = 340.29;

    private sealed record Unit(QuantityKind Kind, double ToSi);

    private static readonly Dictionary<string, Unit> Units = new(StringComparer.Ordinal)
    {
        ["m"] = new(QuantityKind.Length, 1),
        ["km"] = new(QuantityKind.Length, 1000),
        ["ft"] = new(QuantityKind.Length, 0.3048),
        ["nmi"] = new(QuantityKind.Length, 1852),
        ["m/s"] = new(QuantityKind.Speed, 1),
        ["km/h"] = new(QuantityKind.Speed, 1 / 3.6),
        ["kn"] = new(QuantityKind.Speed, 1852.0 / 3600),
        ["Mach"] = new(QuantityKind.Speed, MachMetresPerSecond),
        ["mach"] = new(QuantityKind.Speed, MachMetresPerSecond),
        ["ms"] = new(QuantityKind.Duration, 0.001),
        ["s"] = new(QuantityKind.Duration, 1),
        ["min"] = new(QuantityKind.Duration, 60),
        ["h"] = new(QuantityKind.Duration, 3600),
        ["deg"] = new(QuantityKind.Angle, Math.PI / 180),
        ["rad"] = new(QuantityKind.Angle, 1),
        ["mrad"] = new(QuantityKind.Angle, 0.001),
        ["$"] = new(QuantityKind.Money, 1),
        ["k$"] = new(QuantityKind.Money, 1e3),
        ["M$"] = new(QuantityKind.Money, 1e6),
        ["B$"] = new(QuantityKind.Money, 1e9),
    };

    /// <summary>A number in ASCII digits (not any Unicode digit, as \d would take), then the unit.</summary>
    [GeneratedRegex(@"^\s*(?<number>[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?)\s*(?<unit>.*?)\s*$")]
    private static partial Regex NumberAndUnit();

    /// <summary>Parses <paramref name="text"/> as a quantity of the <paramref name="expected"/> kind; the value is in SI units.</summary>
    public static bool TryParse(string text, QuantityKind expected, out double value, [NotNullWhen(false)] out string? error)
    {
        value = 0;
        var match = NumberAndUnit().Match(text);
        if (!match.Success)
        {
            error = $"'{text}' is not a number with a unit, e.g. '{Example(expected)}'";
            return false;
        }
        var number = double.Parse(match.Groups["number"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        var unitText = match.Groups["unit"].Value;
        if (unitText.Length == 0)
        {
            error = $"'{text}' needs a unit of {Name(expected)}, e.g. '{Example(expected)}'";
            return false;
        }
        if (!Units.TryGetValue(unitText, out var unit))
        {
            error = $"'{text}': unknown unit '{unitText}'; a {Name(expected)} takes {UnitsOf(expected)}";
            return false;
        }
        if (unit.Kind != expected)
        {
            error = $"'{text}' is a {Name(unit.Kind)}, expected a {Name(expected)}";
            return false;
        }
        value = number * unit.ToSi;
        if (!double.IsFinite(value))
        {
            value = 0;
            error = $"'{text}' is too large a number";
            return false;
        }
        error = null;
        return true;
    }

    /// <summary>Parses a probability written as a plain number in [0, 1] or as a percentage ("85 %").</summary>
    public static bool TryParseProbability(string text, out double value, [NotNullWhen(false)] out string? error)
    {
        value = 0;
        var match = NumberAndUnit().Match(text);
        var unit = match.Success ? match.Groups["unit"].Value : null;
        if (unit is not ("" or "%"))
        {
            error = $"'{text}' is not a probability; write a number in [0, 1] or a percentage such as '85 %'";
            return false;
        }
        var number = double.Parse(match.Groups["number"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        value = unit == "%" ? number / 100 : number;
        if (!(value >= 0 && value <= 1))
        {
            error = $"'{text}' is outside [0, 1] (0 % to 100 %)";
            return false;
        }
        error = null;
        return true;
    }

    /// <summary>The lower-case name of a kind, as used in messages ("length", "speed").</summary>
    public static string Name(QuantityKind kind) => kind.ToString().ToLowerInvariant();

    private static string Example(QuantityKind kind) => kind switch
    {
        QuantityKind.Length => "40 km",
        QuantityKind.Speed => "180 km/h",
        QuantityKind.Duration => "5 s",
        QuantityKind.Angle => "0.2 deg",
        _ => "4 M$",
    };

    private static string UnitsOf(QuantityKind kind) =>
        string.Join(", ", Units.Where(u => u.Value.Kind == kind && u.Key != "mach").Select(u => u.Key));
}
