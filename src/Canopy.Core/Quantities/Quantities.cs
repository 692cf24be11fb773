using System.Globalization;

namespace Canopy.Core.Quantities;

/// <summary>A distance in metres. Finite; may be negative only as a difference.</summary>
public readonly record struct Length : IComparable<Length>
{
    private Length(double metres) => Metres = Checked.Finite(metres, nameof(metres));
    public double Metres { get; }
    public double Kilometres => Metres / 1000;
    public static Length FromMetres(double m) => new(m);
    public static Length FromKilometres(double km) => new(km * 1000);
    public static Length operator +(Length a, Length b) => new(a.Metres + b.Metres);
    public static Length operator -(Length a, Length b) => new(a.Metres - b.Metres);
    public static Length operator *(Length a, double s) => new(a.Metres * s);
    public static double operator /(Length a, Length b) => a.Metres / b.Metres;
    public static Duration operator /(Length a, Speed v) => Duration.FromSeconds(a.Metres / v.MetresPerSecond);
    public static bool operator <(Length a, Length b) => a.Metres < b.Metres;
    public static bool operator >(Length a, Length b) => a.Metres > b.Metres;
    public static bool operator <=(Length a, Length b) => a.Metres <= b.Metres;
    public static bool operator >=(Length a, Length b) => a.Metres >= b.Metres;
    public int CompareTo(Length other) => Metres.CompareTo(other.Metres);
    public override string ToString() => Math.Abs(Metres) >= 10_000
        ? string.Create(CultureInfo.InvariantCulture, $"{Kilometres:0.###} km")
        : string.Create(CultureInfo.InvariantCulture, $"{Metres:0.###} m");
}

/// <summary>A speed in metres per second.</summary>
public readonly record struct Speed : IComparable<Speed>
{
    private Speed(double mps) => MetresPerSecond = Checked.Finite(mps, nameof(mps));
    public double MetresPerSecond { get; }
    public double KilometresPerHour => MetresPerSecond * 3.6;
    public static Speed FromMetresPerSecond(double v) => new(v);
    public static Speed FromKilometresPerHour(double v) => new(v / 3.6);
    public static Length operator *(Speed v, Duration t) => Length.FromMetres(v.MetresPerSecond * t.Seconds);
    public static bool operator <(Speed a, Speed b) => a.MetresPerSecond < b.MetresPerSecond;
    public static bool operator >(Speed a, Speed b) => a.MetresPerSecond > b.MetresPerSecond;
    public static bool operator <=(Speed a, Speed b) => a.MetresPerSecond <= b.MetresPerSecond;
    public static bool operator >=(Speed a, Speed b) => a.MetresPerSecond >= b.MetresPerSecond;
    public int CompareTo(Speed other) => MetresPerSecond.CompareTo(other.MetresPerSecond);
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{KilometresPerHour:0.#} km/h");
}

/// <summary>A span of time in seconds.</summary>
public readonly record struct Duration : IComparable<Duration>
{
    private Duration(double s) => Seconds = Checked.Finite(s, nameof(s));
    public double Seconds { get; }
    public static readonly Duration Zero = default;
    public static Duration FromSeconds(double s) => new(s);
    public static Duration FromMinutes(double m) => new(m * 60);
    public static Duration FromHours(double h) => new(h * 3600);
    public static Duration operator +(Duration a, Duration b) => new(a.Seconds + b.Seconds);
    public static Duration operator -(Duration a, Duration b) => new(a.Seconds - b.Seconds);
    public static Duration operator *(Duration a, double s) => new(a.Seconds * s);
    public static bool operator <(Duration a, Duration b) => a.Seconds < b.Seconds;
    public static bool operator >(Duration a, Duration b) => a.Seconds > b.Seconds;
    public static bool operator <=(Duration a, Duration b) => a.Seconds <= b.Seconds;
    public static bool operator >=(Duration a, Duration b) => a.Seconds >= b.Seconds;
    public int CompareTo(Duration other) => Seconds.CompareTo(other.Seconds);
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Seconds:0.###} s");
}

/// <summary>A plane angle in radians.</summary>
public readonly record struct Angle
{
    private Angle(double rad) => Radians = Checked.Finite(rad, nameof(rad));
    public double Radians { get; }
    public double Degrees => Radians * 180 / Math.PI;
    public static Angle FromRadians(double r) => new(r);
    public static Angle FromDegrees(double d) => new(d * Math.PI / 180);
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Degrees:0.###}°");
}

/// <summary>An amount of money in US dollars; never negative.</summary>
public readonly record struct Money : IComparable<Money>
{
    private Money(double usd) => Dollars = Checked.NonNegative(usd, nameof(usd));
    public double Dollars { get; }
    public static readonly Money Zero = default;
    public static Money FromDollars(double usd) => new(usd);
    public static Money operator +(Money a, Money b) => new(a.Dollars + b.Dollars);
    public static Money operator *(Money a, double count) => new(a.Dollars * count);
    public static double operator /(Money a, Money b) => a.Dollars / b.Dollars;
    public int CompareTo(Money other) => Dollars.CompareTo(other.Dollars);
    public override string ToString() => Dollars switch
    {
        >= 1e6 => string.Create(CultureInfo.InvariantCulture, $"{Dollars / 1e6:0.###} M$"),
        >= 1e3 => string.Create(CultureInfo.InvariantCulture, $"{Dollars / 1e3:0.###} k$"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Dollars:0.##} $"),
    };
}

/// <summary>A probability in [0, 1].</summary>
public readonly record struct Probability
{
    private Probability(double p)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), p, "a probability lies in [0, 1]");
        Value = p;
    }
    public double Value { get; }
    public static Probability Of(double p) => new(p);
    public Probability Complement => new(1 - Value);
    public override string ToString() => Value.ToString("0.###", CultureInfo.InvariantCulture);
}

internal static class Checked
{
    public static double Finite(double v, string name) =>
        double.IsFinite(v) ? v : throw new ArgumentOutOfRangeException(name, v, "must be a finite number");

    public static double NonNegative(double v, string name) =>
        double.IsFinite(v) && v >= 0 ? v : throw new ArgumentOutOfRangeException(name, v, "must be a finite non-negative number");
}
