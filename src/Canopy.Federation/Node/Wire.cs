using System.Globalization;
using Canopy.Core.Geometry;
using Canopy.Core.Sensing;
using Canopy.Federation.Fusion;
using Canopy.Federation.Messages;
using Canopy.Tracking;
using Coord = Canopy.Federation.Coordination;

namespace Canopy.Federation.Node;

/// <summary>Conversions between the pipeline's values and the wire records (doubles round-trip exactly through JSON).</summary>
public static class Wire
{
    public static PlotRecord ToRecord(in Plot p) => new((int)p.Sensor.Value, p.Time, (byte)p.Kind, p.Value.X, p.Value.Y, p.Value.Z, p.RangeRate);

    public static Plot ToPlot(PlotRecord r) =>
        new(new SensorId(r.Sensor), r.Time, (MeasurementKind)r.Kind, new Vec3(r.A, r.B, r.C)) { RangeRate = r.RangeRate };

    public static double[] ToArray(Vec3 v) => [v.X, v.Y, v.Z];
    public static Vec3 ToVec3(double[] a) => new(a[0], a[1], a[2]);

    public static LocalTrackReport ToReport(in SourceTrack t, bool confirmed, double lastUpdate)
    {
        var cov = new double[StateCovariance.Size];
        for (var i = 0; i < cov.Length; i++) cov[i] = t.Covariance[i];
        return new LocalTrackReport(t.Nation, t.TrackId, t.Time,
            [t.Position.X, t.Position.Y, t.Position.Z, t.Velocity.X, t.Velocity.Y, t.Velocity.Z], cov, "Unknown", 0, confirmed, lastUpdate);
    }

    public static SourceTrack ToSource(LocalTrackReport r) => new(r.Nation, r.TrackId, r.Time,
        new Vec3(r.State[0], r.State[1], r.State[2]), new Vec3(r.State[3], r.State[4], r.State[5]), StateCovariance.From(r.Covariance))
    {
        LastUpdateTime = r.LastUpdateTime,
    };

    public static string KeyText(TrackKey k) => string.Create(CultureInfo.InvariantCulture, $"{k.Nation}:{k.TrackId}");

    /// <summary>Reads "NATION:trackId"; null for anything else.</summary>
    public static TrackKey? ParseKey(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon is < 2 or > 3 || !text[..colon].All(char.IsAsciiLetterUpper)) return null;
        return int.TryParse(text.AsSpan(colon + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id)
            ? new TrackKey(text[..colon], id) : null;
    }

    public static Messages.EngagementClaim ToWire(Coord.EngagementClaim c, string systemKey, double[] interceptPoint, int rounds, double pk,
        double expiresAt) =>
        new(c.Nation, c.FireUnit, systemKey, [.. c.Target.Select(KeyText)], c.IssuedAt, c.InterceptTime, interceptPoint, rounds, pk, c.Salvo,
            expiresAt, c.Engaged, c.ExpectedCost, c.TargetVelocity is { } v ? ToArray(v) : null);

    public static Coord.EngagementClaim FromWire(Messages.EngagementClaim w) =>
        new(w.Nation, w.UnitId, [.. w.LocalTrackIds.Select(ParseKey).OfType<TrackKey>()], w.PlannedInterceptTime, w.ExpectedCost, w.Salvo, w.Time)
        {
            Engaged = w.Fired,
            InterceptPoint = ToVec3(w.InterceptPoint),
            TargetVelocity = w.TargetVelocity is { } v ? ToVec3(v) : null,
        };
}
