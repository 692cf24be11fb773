using System.Globalization;
using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Tracking;

namespace Canopy.Interop.Geo;

/// <summary>
/// The map features of an air picture: each confirmed track's history (a line string, or a point when it has only
/// one position), each threat's predicted impact point and its 2-sigma ellipse, each sensor's coverage circle (maximum
/// range on the ground), each fire unit's engagement zone (the ring between minimum and maximum range) and each defended
/// asset's footprint.
/// </summary>
public static class PictureFeatures
{
    /// <summary>Points per circle or ellipse.</summary>
    public const int RingPoints = 72;

    /// <summary>The ellipse's size in standard deviations.</summary>
    public const double EllipseSigmas = 2;

    public static List<GeoFeature> From(AirPicture picture)
    {
        var frame = picture.Layout.Frame;
        var features = new List<GeoFeature>();
        foreach (var track in picture.Tracks)
        {
            if (track.Status != TrackStatus.Confirmed) continue;
            var history = picture.History.TryGetValue(track.Id, out var h) && h.Count > 1
                ? GeoGeometry.Line(h.Select(frame.ToGeodetic).ToArray())
                : GeoGeometry.Point(frame.ToGeodetic(track.Position));
            features.Add(new GeoFeature("track", Name("Track", track.Id), history,
            [
                GeoProperty.Of("track_id", track.Id),
                GeoProperty.Of("speed_mps", track.Velocity.Length),
                GeoProperty.Of("updates", track.Updates),
            ]));
        }
        foreach (var threat in picture.Threats)
        {
            var name = Name("Impact of track", threat.Track.Id);
            var properties = new[]
            {
                GeoProperty.Of("track_id", threat.Track.Id),
                GeoProperty.Of("class", threat.Class.ToString()),
                GeoProperty.Of("time_to_go_s", threat.TimeToGo),
                GeoProperty.Of("target", threat.TargetAsset?.Name ?? ""),
                GeoProperty.Of("score", threat.Score),
            };
            features.Add(new GeoFeature("impact", name, GeoGeometry.Point(frame.ToGeodetic(threat.PredictedImpact)), properties));
            var covariance = threat.Track.Covariance;
            var (ee, en, nn) = GroundEllipse.ImpactCovariance(covariance, Math.Max(0, threat.TimeToGo));
            var ellipse = GroundEllipse.FromCovariance(ee, en, nn, EllipseSigmas);
            var ring = ellipse.Ring(threat.PredictedImpact, RingPoints).Select(frame.ToGeodetic).ToArray();
            features.Add(new GeoFeature("impact-ellipse", name + " (2σ)", GeoGeometry.Polygon(ring),
            [
                GeoProperty.Of("track_id", threat.Track.Id),
                GeoProperty.Of("semi_major_m", ellipse.SemiMajorM),
                GeoProperty.Of("semi_minor_m", ellipse.SemiMinorM),
                GeoProperty.Of("orientation_deg", ellipse.OrientationRad * 180 / Math.PI),
            ]));
        }
        foreach (var sensor in picture.Layout.Sensors)
        {
            var range = sensor switch
            {
                RadarSpec r => r.MaxRange.Metres,
                AcousticSpec a => a.DetectionRadius.Metres,
                _ => 0,
            };
            features.Add(new GeoFeature("sensor-coverage", sensor.Name, GeoGeometry.Polygon(GeodesicCircle.Ring(sensor.Position, range, RingPoints)),
                [GeoProperty.Of("sensor", sensor.Id.ToString()), GeoProperty.Of("max_range_m", range)]));
        }
        foreach (var effector in picture.Effectors ?? picture.Layout.Effectors)
        {
            var outer = GeodesicCircle.Ring(effector.Position, effector.MaxRange.Metres, RingPoints);
            var zone = effector.MinRange.Metres > 0
                ? GeoGeometry.Polygon(outer, GeodesicCircle.Ring(effector.Position, effector.MinRange.Metres, RingPoints).Reverse().ToArray())
                : GeoGeometry.Polygon(outer);
            features.Add(new GeoFeature("engagement-zone", effector.Id, zone,
            [
                GeoProperty.Of("class", effector.Class.ToString()),
                GeoProperty.Of("min_range_m", effector.MinRange.Metres),
                GeoProperty.Of("max_range_m", effector.MaxRange.Metres),
            ]));
        }
        foreach (var asset in picture.Layout.Assets)
        {
            features.Add(new GeoFeature("defended-asset", asset.Name, GeoGeometry.Polygon(GeodesicCircle.Ring(asset.Position, asset.Radius.Metres, RingPoints)),
                [GeoProperty.Of("asset_kind", asset.Kind.ToString()), GeoProperty.Of("radius_m", asset.Radius.Metres), GeoProperty.Of("value", asset.Value)]));
        }
        return features;
    }

    private static string Name(string what, int id) => string.Create(CultureInfo.InvariantCulture, $"{what} {id}");
}
