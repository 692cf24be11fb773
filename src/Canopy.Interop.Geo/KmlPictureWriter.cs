using System.Globalization;
using System.Text;
using System.Xml;

namespace Canopy.Interop.Geo;

/// <summary>
/// KML 2.2 (OGC 07-147r2): one Document with a style per feature kind and one Placemark per feature; coordinates
/// "lon,lat,height" with heights absolute (above the ellipsoid, as Canopy keeps them) for tracks and clamped to the
/// ground for areas.
/// </summary>
public sealed class KmlPictureWriter : IPictureWriter
{
    public const string Namespace = "http://www.opengis.net/kml/2.2";

    /// <summary>Line and fill colours (KML's aabbggrr) per feature kind.</summary>
    private static readonly (string Kind, string Line, string Fill)[] Styles =
    [
        ("track", "ff0000ff", "00000000"),
        ("impact", "ff0000ff", "400000ff"),
        ("impact-ellipse", "ff0080ff", "400080ff"),
        ("sensor-coverage", "ffff8000", "20ff8000"),
        ("engagement-zone", "ff00c000", "2000c000"),
        ("defended-asset", "ff00ffff", "4000ffff"),
    ];

    public void Write(IReadOnlyList<GeoFeature> features, double time, Stream stream)
    {
        using var w = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true });
        w.WriteStartDocument();
        w.WriteStartElement("kml", Namespace);
        w.WriteStartElement("Document", Namespace);
        w.WriteElementString("name", Namespace, string.Create(CultureInfo.InvariantCulture, $"Canopy air picture at {time:0.#} s"));
        foreach (var (kind, line, fill) in Styles)
        {
            w.WriteStartElement("Style", Namespace);
            w.WriteAttributeString("id", kind);
            w.WriteStartElement("LineStyle", Namespace);
            w.WriteElementString("color", Namespace, line);
            w.WriteElementString("width", Namespace, "2");
            w.WriteEndElement();
            w.WriteStartElement("PolyStyle", Namespace);
            w.WriteElementString("color", Namespace, fill);
            w.WriteEndElement();
            w.WriteEndElement();
        }
        foreach (var f in features) WritePlacemark(w, f);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndDocument();
    }

    private static void WritePlacemark(XmlWriter w, GeoFeature f)
    {
        w.WriteStartElement("Placemark", Namespace);
        w.WriteElementString("name", Namespace, f.Name);
        w.WriteElementString("styleUrl", Namespace, "#" + f.Kind);
        w.WriteStartElement("ExtendedData", Namespace);
        WriteData(w, "kind", f.Kind);
        foreach (var p in f.Properties)
            WriteData(w, p.Key, p.Text ?? p.Number.ToString("0.###", CultureInfo.InvariantCulture));
        w.WriteEndElement();
        var absolute = f.Kind == "track";
        switch (f.Geometry.Kind)
        {
            case GeoGeometryKind.Point:
                w.WriteStartElement("Point", Namespace);
                WriteAltitudeMode(w, absolute);
                WriteCoordinates(w, f.Geometry.Parts[0]);
                w.WriteEndElement();
                break;
            case GeoGeometryKind.LineString:
                w.WriteStartElement("LineString", Namespace);
                WriteAltitudeMode(w, absolute);
                WriteCoordinates(w, f.Geometry.Parts[0]);
                w.WriteEndElement();
                break;
            case GeoGeometryKind.Polygon:
                w.WriteStartElement("Polygon", Namespace);
                WriteAltitudeMode(w, absolute);
                for (var i = 0; i < f.Geometry.Parts.Count; i++)
                {
                    w.WriteStartElement(i == 0 ? "outerBoundaryIs" : "innerBoundaryIs", Namespace);
                    w.WriteStartElement("LinearRing", Namespace);
                    WriteCoordinates(w, f.Geometry.Parts[i]);
                    w.WriteEndElement();
                    w.WriteEndElement();
                }
                w.WriteEndElement();
                break;
        }
        w.WriteEndElement();
    }

    private static void WriteData(XmlWriter w, string name, string value)
    {
        w.WriteStartElement("Data", Namespace);
        w.WriteAttributeString("name", name);
        w.WriteElementString("value", Namespace, value);
        w.WriteEndElement();
    }

    private static void WriteAltitudeMode(XmlWriter w, bool absolute) =>
        w.WriteElementString("altitudeMode", Namespace, absolute ? "absolute" : "clampToGround");

    private static void WriteCoordinates(XmlWriter w, IReadOnlyList<Core.Geodesy.Geodetic> points)
    {
        var sb = new StringBuilder(points.Count * 32);
        foreach (var p in points)
        {
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(CultureInfo.InvariantCulture, $"{p.LongitudeDeg:0.0######},{p.LatitudeDeg:0.0######},{p.HeightM:0.#}");
        }
        w.WriteElementString("coordinates", Namespace, sb.ToString());
    }
}
