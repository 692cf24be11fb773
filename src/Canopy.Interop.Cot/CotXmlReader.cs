using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Canopy.Interop.Cot;

/// <summary>What went wrong with received bytes: a message and where (byte offset, and XML line:column where known).</summary>
public sealed record CotError(string Message, long ByteOffset, int Line = 0, int Column = 0)
{
    public override string ToString() => Line > 0
        ? string.Create(CultureInfo.InvariantCulture, $"line {Line}:{Column}: {Message}")
        : string.Create(CultureInfo.InvariantCulture, $"byte {ByteOffset}: {Message}");
}

/// <summary>Reads one CoT XML event; bad input gives a <see cref="CotError"/> with its line and column, never an exception.</summary>
public static class CotXmlReader
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = 1 << 20,
    };

    private const double MinHae = -1e7, MaxHae = 1e8, MaxError = 1e8;

    /// <summary>
    /// What is out of range in an event's point (latitude [-90, 90], longitude [-180, 180], hae [-1e7, 1e8] m, ce and le [0, 1e8] m,
    /// none NaN), as the XML reader checks it for every event; null when nothing is. The TAK protobuf reader checks the same.
    /// </summary>
    public static string? PointError(CotEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        static bool In(double v, double min, double max) => v >= min && v <= max;
        return !In(e.LatitudeDeg, -90, 90) ? Invalid("lat", e.LatitudeDeg, -90, 90)
            : !In(e.LongitudeDeg, -180, 180) ? Invalid("lon", e.LongitudeDeg, -180, 180)
            : !In(e.HaeM, MinHae, MaxHae) ? Invalid("hae", e.HaeM, MinHae, MaxHae)
            : !In(e.CeM, 0, MaxError) ? Invalid("ce", e.CeM, 0, MaxError)
            : !In(e.LeM, 0, MaxError) ? Invalid("le", e.LeM, 0, MaxError)
            : null;
    }

    private static string Invalid(string name, double value, double min, double max) =>
        string.Create(CultureInfo.InvariantCulture, $"point {name} {value} is not a number in [{min}, {max}]");

    public static CotEvent? Parse(ReadOnlySpan<byte> utf8, out CotError? error)
    {
        XElement root;
        try
        {
            using var stream = new MemoryStream(utf8.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, Settings);
            root = XDocument.Load(reader, LoadOptions.SetLineInfo).Root!;
        }
        catch (XmlException ex)
        {
            error = new CotError(ex.Message, 0, ex.LineNumber, ex.LinePosition);
            return null;
        }
        return FromElement(root, out error);
    }

    private static CotEvent? FromElement(XElement e, out CotError? error)
    {
        error = null;
        if (e.Name.LocalName != "event") return Fail(e, $"root element is <{e.Name.LocalName}>, expected <event>", out error);
        if (e.Element("point") is not { } point) return Fail(e, "<event> has no <point>", out error);
        string? failed = null;
        string Text(XElement x, string name)
        {
            var v = (string?)x.Attribute(name);
            if (v is null) failed ??= $"<{x.Name.LocalName}> lacks the attribute {name}";
            return v ?? "";
        }
        DateTime Time(string name)
        {
            var v = Text(e, name);
            if (DateTime.TryParse(v, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)) return t;
            if (v.Length > 0) failed ??= $"{name}=\"{v}\" is not a date and time";
            return default;
        }
        double Number(string name, double min, double max)
        {
            var v = Text(point, name);
            if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= min && d <= max) return d;
            if (v.Length > 0) failed ??= $"point {name}=\"{v}\" is not a number in [{min}, {max}]";
            return 0;
        }

        var ev = new CotEvent(Text(e, "type"), Text(e, "uid"), Time("time"), Time("start"), Time("stale"), Text(e, "how"),
            Number("lat", -90, 90), Number("lon", -180, 180), Number("hae", MinHae, MaxHae), Number("ce", 0, MaxError), Number("le", 0, MaxError),
            ReadDetail(e.Element("detail")));
        if (failed is null) return ev;
        return Fail(failed.StartsWith("point", StringComparison.Ordinal) || failed.StartsWith("<point", StringComparison.Ordinal) ? point : e, failed, out error);
    }

    /// <summary>The contact, track, link and remarks children of a &lt;detail&gt; element (others are ignored).</summary>
    internal static CotDetail ReadDetail(XElement? detail)
    {
        if (detail is null) return CotDetail.Empty;
        var track = detail.Element("track");
        CotTrack? t = track is not null
            && double.TryParse((string?)track.Attribute("course"), NumberStyles.Float, CultureInfo.InvariantCulture, out var course)
            && double.TryParse((string?)track.Attribute("speed"), NumberStyles.Float, CultureInfo.InvariantCulture, out var speed)
            ? new CotTrack(course, speed) : null;
        return new CotDetail((string?)detail.Element("contact")?.Attribute("callsign"), t,
            (string?)detail.Element("remarks"), (string?)detail.Element("link")?.Attribute("uid"));
    }

    private static CotEvent? Fail(XElement at, string message, out CotError error)
    {
        var info = (IXmlLineInfo)at;
        error = new CotError(message, 0, info.LineNumber, info.LinePosition);
        return null;
    }
}
