using System.Globalization;
using System.Text;
using System.Xml;

namespace Canopy.Interop.Cot;

/// <summary>Writes CoT events as XML (version 2.0, invariant culture, UTC times with milliseconds).</summary>
public static class CotXmlWriter
{
    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(false),
        OmitXmlDeclaration = false,
        Indent = false,
    };

    /// <summary>The event as one standalone UTF-8 XML document.</summary>
    public static byte[] ToUtf8(CotEvent e)
    {
        using var stream = new MemoryStream(512);
        Write(e, stream);
        return stream.ToArray();
    }

    public static string ToXml(CotEvent e) => Encoding.UTF8.GetString(ToUtf8(e));

    public static void Write(CotEvent e, Stream stream)
    {
        using var w = XmlWriter.Create(stream, Settings);
        w.WriteStartDocument(standalone: true);
        w.WriteStartElement("event");
        w.WriteAttributeString("version", "2.0");
        w.WriteAttributeString("uid", e.Uid);
        w.WriteAttributeString("type", e.Type);
        w.WriteAttributeString("time", Time(e.Time));
        w.WriteAttributeString("start", Time(e.Start));
        w.WriteAttributeString("stale", Time(e.Stale));
        w.WriteAttributeString("how", e.How);
        w.WriteStartElement("point");
        w.WriteAttributeString("lat", Number(e.LatitudeDeg, "0.0######"));
        w.WriteAttributeString("lon", Number(e.LongitudeDeg, "0.0######"));
        w.WriteAttributeString("hae", Number(e.HaeM, "0.0#"));
        w.WriteAttributeString("ce", Number(e.CeM, "0.0#"));
        w.WriteAttributeString("le", Number(e.LeM, "0.0#"));
        w.WriteEndElement();
        w.WriteStartElement("detail");
        WriteDetail(w, e.Detail);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndDocument();
    }

    /// <summary>The children of &lt;detail&gt; (without the wrapper), as written inside an event.</summary>
    internal static void WriteDetail(XmlWriter w, CotDetail d)
    {
        if (d.Callsign is not null)
        {
            w.WriteStartElement("contact");
            w.WriteAttributeString("callsign", d.Callsign);
            w.WriteEndElement();
        }
        if (d.Track is { } t)
        {
            w.WriteStartElement("track");
            w.WriteAttributeString("course", Number(t.CourseDeg, "0.0#"));
            w.WriteAttributeString("speed", Number(t.SpeedMps, "0.0#"));
            w.WriteEndElement();
        }
        WriteXmlOnlyDetail(w, d);
    }

    /// <summary>The detail elements that have no typed TAK protobuf message: link and remarks.</summary>
    internal static void WriteXmlOnlyDetail(XmlWriter w, CotDetail d)
    {
        if (d.LinkUid is not null)
        {
            w.WriteStartElement("link");
            w.WriteAttributeString("uid", d.LinkUid);
            w.WriteAttributeString("relation", "p-p");
            w.WriteEndElement();
        }
        if (d.Remarks is not null) w.WriteElementString("remarks", d.Remarks);
    }

    /// <summary>xs:dateTime in UTC with milliseconds, as TAK clients write it.</summary>
    public static string Time(DateTime t) =>
        t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>An xs:decimal (never exponent notation; NaN and infinities become CoT's unknown).</summary>
    private static string Number(double v, string format) =>
        (double.IsFinite(v) ? v : CotErrors.Unknown).ToString(format, CultureInfo.InvariantCulture);
}
