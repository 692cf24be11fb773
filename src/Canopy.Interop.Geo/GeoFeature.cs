using Canopy.Core.Geodesy;

namespace Canopy.Interop.Geo;

public enum GeoGeometryKind { Point, LineString, Polygon }

/// <summary>
/// A geometry in WGS-84: a point (one part of one position), a line string (one part) or a polygon (closed rings, the
/// outer one counter-clockwise first, then holes clockwise).
/// </summary>
public sealed record GeoGeometry(GeoGeometryKind Kind, IReadOnlyList<IReadOnlyList<Geodetic>> Parts)
{
    public static GeoGeometry Point(Geodetic p) => new(GeoGeometryKind.Point, [[p]]);
    public static GeoGeometry Line(IReadOnlyList<Geodetic> points) => new(GeoGeometryKind.LineString, [points]);
    public static GeoGeometry Polygon(params IReadOnlyList<Geodetic>[] rings) => new(GeoGeometryKind.Polygon, rings);
}

/// <summary>A named value attached to a feature: text or a number (SI units, named in the key).</summary>
public readonly record struct GeoProperty(string Key, string? Text, double Number)
{
    public static GeoProperty Of(string key, string text) => new(key, text, double.NaN);
    public static GeoProperty Of(string key, double number) => new(key, null, number);
}

/// <summary>
/// One thing on the map. <paramref name="Kind"/> is one of track, impact, impact-ellipse, sensor-coverage,
/// engagement-zone, defended-asset.
/// </summary>
public sealed record GeoFeature(string Kind, string Name, GeoGeometry Geometry, IReadOnlyList<GeoProperty> Properties);

/// <summary>Writes the picture in one file format.</summary>
public interface IPictureWriter
{
    void Write(IReadOnlyList<GeoFeature> features, double time, Stream stream);
}
