using System.Text.Json;

namespace Canopy.Interop.Geo;

/// <summary>
/// GeoJSON (RFC 7946): one FeatureCollection, positions as [longitude, latitude, height] in degrees and metres,
/// every feature's kind and name among its properties, and the picture time as a foreign member <c>time_s</c>.
/// </summary>
public sealed class GeoJsonPictureWriter : IPictureWriter
{
    public void Write(IReadOnlyList<GeoFeature> features, double time, Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("type", "FeatureCollection");
        w.WriteNumber("time_s", time);
        w.WriteStartArray("features");
        foreach (var f in features)
        {
            w.WriteStartObject();
            w.WriteString("type", "Feature");
            w.WriteStartObject("geometry");
            w.WriteString("type", f.Geometry.Kind.ToString());
            w.WritePropertyName("coordinates");
            WriteCoordinates(w, f.Geometry);
            w.WriteEndObject();
            w.WriteStartObject("properties");
            w.WriteString("kind", f.Kind);
            w.WriteString("name", f.Name);
            foreach (var p in f.Properties)
            {
                if (p.Text is not null) w.WriteString(p.Key, p.Text);
                else if (double.IsFinite(p.Number)) w.WriteNumber(p.Key, Math.Round(p.Number, 3));
                else w.WriteNull(p.Key);
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteCoordinates(Utf8JsonWriter w, GeoGeometry g)
    {
        if (g.Kind == GeoGeometryKind.Point)
        {
            WritePosition(w, g.Parts[0][0]);
            return;
        }
        if (g.Kind == GeoGeometryKind.Polygon) w.WriteStartArray();
        foreach (var part in g.Parts)
        {
            w.WriteStartArray();
            foreach (var p in part) WritePosition(w, p);
            w.WriteEndArray();
        }
        if (g.Kind == GeoGeometryKind.Polygon) w.WriteEndArray();
    }

    /// <summary>RFC 7946 §3.1.1: longitude, latitude, then height; 7 decimals (about 1 cm), as §11.2 advises.</summary>
    private static void WritePosition(Utf8JsonWriter w, Core.Geodesy.Geodetic p)
    {
        w.WriteStartArray();
        w.WriteNumberValue(Math.Round(p.LongitudeDeg, 7));
        w.WriteNumberValue(Math.Round(p.LatitudeDeg, 7));
        w.WriteNumberValue(Math.Round(p.HeightM, 1));
        w.WriteEndArray();
    }
}
