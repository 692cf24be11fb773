using System.Globalization;
using Canopy.Core.Defence;
using Canopy.Core.Quantities;
using Canopy.Core.Sensing;
using YamlDotNet.RepresentationModel;

namespace Canopy.Scenarios.Loading;

/// <summary>Reads one entry of the sensors list: a radar or an acoustic post.</summary>
internal sealed class SensorReader(ValueReader values, ScenarioValidator validator)
{
    public SensorSpec? Read(YamlNode node)
    {
        if (MappingReader.From(node, "sensor", values) is not { } r) return null;
        var kind = r.Text("kind");
        var id = r.Integer("id", ScenarioRanges.SensorId);
        var name = r.Text("name");
        r.What = $"sensor '{name ?? id?.ToString(CultureInfo.InvariantCulture) ?? "?"}'";
        validator.Unique("sensor id", id?.ToString(CultureInfo.InvariantCulture), r.Find("id"));
        var position = r.Position("position");
        validator.InsideRegion(r.What, position, r.Find("position"));
        var antenna = r.Length("antenna-height", ScenarioRanges.AntennaHeight, Length.FromMetres(0));
        var nation = NationReader.Read(r, values);
        var common = new Common(new SensorId(id ?? 0), name ?? "", position ?? default, antenna);
        SensorSpec? spec;
        switch (kind)
        {
            case "radar": spec = Radar(r, common); break;
            case "acoustic": spec = Acoustic(r, common); break;
            case null: return null;
            default:
                values.Errors.Add(r.Find("kind")!, $"kind: '{kind}' is not one of radar, acoustic");
                return null;
        }
        r.ReportUnknownFields();
        return id is null || name is null || position is null || spec is null ? null : spec with { Nation = nation };
    }

    private sealed record Common(SensorId Id, string Name, Core.Geodesy.Geodetic Position, Length AntennaHeight);

    private RadarSpec? Radar(MappingReader r, Common c)
    {
        var maxRange = r.Length("max-range", ScenarioRanges.RadarRange);
        var revisit = r.Duration("revisit", ScenarioRanges.ScanPeriod);
        var rangeNoise = r.Length("range-noise", ScenarioRanges.RangeNoise);
        var azimuthNoise = r.Angle("azimuth-noise", ScenarioRanges.AngleNoise);
        var elevationNoise = r.Angle("elevation-noise", ScenarioRanges.AngleNoise);
        var pd = r.Probability("detection-probability");
        var falseAlarms = r.Number("false-alarms-per-scan", ScenarioRanges.FalseAlarmsPerScan, 0);
        var iff = Iff(r);
        var rangeRateNoise = r.Find("range-rate-noise") is null ? null : r.Speed("range-rate-noise", ScenarioRanges.RangeRateNoise);
        return maxRange is null || revisit is null || rangeNoise is null || azimuthNoise is null || elevationNoise is null || pd is null
            ? null
            : new RadarSpec(c.Id, c.Name, c.Position, c.AntennaHeight, maxRange.Value, revisit.Value,
                rangeNoise.Value, azimuthNoise.Value, elevationNoise.Value, pd.Value, falseAlarms, rangeRateNoise) { IffReplyProbability = iff };
    }

    /// <summary>The IFF reply probability when <c>iff: true</c> (default <see cref="DefaultIffReplyProbability"/>), else null.</summary>
    private Probability? Iff(MappingReader radar)
    {
        var iff = radar.Flag("iff", false);
        var reply = radar.Find("iff-reply-probability") is not null ? radar.Probability("iff-reply-probability") : null;
        if (!iff && reply is not null)
            values.Errors.Add(radar.Find("iff-reply-probability")!, $"iff-reply-probability needs 'iff: true' on {radar.What}");
        return iff ? reply ?? DefaultIffReplyProbability : null;
    }

    /// <summary>IFF reply probability of an interrogating radar that does not set one.</summary>
    public static readonly Probability DefaultIffReplyProbability = Core.Quantities.Probability.Of(0.95);

    private static AcousticSpec? Acoustic(MappingReader r, Common c)
    {
        var radius = r.Length("detection-radius", ScenarioRanges.AcousticRadius);
        var bearingNoise = r.Angle("bearing-noise", ScenarioRanges.AngleNoise);
        var period = r.Duration("report-period", ScenarioRanges.ScanPeriod);
        var pd = r.Probability("detection-probability");
        return radius is null || bearingNoise is null || period is null || pd is null
            ? null
            : new AcousticSpec(c.Id, c.Name, c.Position, c.AntennaHeight, radius.Value, bearingNoise.Value, period.Value, pd.Value);
    }
}
