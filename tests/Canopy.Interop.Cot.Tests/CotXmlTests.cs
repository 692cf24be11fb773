using System.Text;
using Canopy.Core.Defence;
using Canopy.Core.Geometry;

namespace Canopy.Interop.Cot.Tests;

public class CotXmlTests
{
    private static readonly CotPictureEncoder Encoder = new(Fixtures.Frame, Fixtures.Options);

    private static IEnumerable<CotEvent> Samples()
    {
        var track = Fixtures.Track(7, new Vec3(-1234.5, 5678.9, 321), new Vec3(-30, 40, -2));
        var threat = Fixtures.Threat(track, ThreatClass.Ballistic);
        yield return Encoder.ThreatEvent(61.25, threat);
        yield return Encoder.TrackEvent(61.25, track, ThreatEvaluation.AirIdentity.Civil);
        yield return Encoder.TrackEvent(61.25, track, ThreatEvaluation.AirIdentity.Friendly);
        yield return Encoder.EngagementCue(61.25, Fixtures.Assignment("MFG-<&>\"1", 7), threat);
    }

    [Fact]
    public void Write_TrackThreatAndCue_AreValidAgainstTheMitreBaseEventSchema()
    {
        if (Tools.CotSchema is not { } schema)
        {
            Console.WriteLine("CoT schema test skipped: ../shared/cot/cot-event.xsd is absent");
            return;
        }
        var dir = Directory.CreateTempSubdirectory("canopy-cot-");
        try
        {
            var files = Samples().Select((e, i) =>
            {
                var path = Path.Combine(dir.FullName, $"event{i}.xml");
                File.WriteAllBytes(path, CotXmlWriter.ToUtf8(e));
                return path;
            }).ToArray();
            var (code, stdout, stderr) = Tools.Run("xmllint", null, ["--noout", "--schema", schema, .. files]);
            Assert.True(code == 0, stdout + stderr);
            Assert.Equal(files.Length, stderr.Split('\n').Count(l => l.EndsWith(" validates", StringComparison.Ordinal)));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Write_ThenParse_ReturnsTheSameEvent()
    {
        foreach (var e in Samples())
        {
            var back = CotXmlReader.Parse(CotXmlWriter.ToUtf8(e), out var error);
            Assert.Null(error);
            Assert.NotNull(back);
            Assert.Equal((e.Type, e.Uid, e.How, e.Time, e.Stale, e.Detail.Callsign, e.Detail.Remarks, e.Detail.LinkUid),
                (back.Type, back.Uid, back.How, back.Time, back.Stale, back.Detail.Callsign, back.Detail.Remarks, back.Detail.LinkUid));
            Assert.Equal(e.LatitudeDeg, back.LatitudeDeg, 7);
            Assert.Equal(e.LongitudeDeg, back.LongitudeDeg, 7);
            Assert.Equal(e.HaeM, back.HaeM, 2);
            Assert.Equal(e.CeM, back.CeM, 2);
            Assert.Equal(e.Detail.Track?.CourseDeg ?? 0, back.Detail.Track?.CourseDeg ?? 0, 2);
        }
    }

    [Fact]
    public void Write_TimesAndNumbers_UseInvariantUtcForms()
    {
        var xml = CotXmlWriter.ToXml(Samples().First());
        Assert.Contains("time=\"2026-01-01T00:01:01.250Z\"", xml, StringComparison.Ordinal);
        Assert.Contains("stale=\"2026-01-01T00:01:16.250Z\"", xml, StringComparison.Ordinal);
        Assert.Contains("how=\"m-f\"", xml, StringComparison.Ordinal);
        Assert.Contains("<track course=\"323.13\" speed=\"50.0\" />", xml, StringComparison.Ordinal);
        Assert.DoesNotContain("E+", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BrokenXml_ReportsTheLineAndColumn()
    {
        var result = CotXmlReader.Parse(Encoding.UTF8.GetBytes("<event version=\"2.0\">\n  <point lat=\"1\" lon=\"2\"\n</event>"), out var error);
        Assert.Null(result);
        Assert.NotNull(error);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Parse_LatitudeOutOfRange_ReportsThePointLine()
    {
        const string xml = "<event version=\"2.0\" uid=\"u\" type=\"a-f-G\" how=\"h-e\" time=\"2026-01-01T00:00:00Z\" start=\"2026-01-01T00:00:00Z\" stale=\"2026-01-01T00:01:00Z\">\n" +
            "<point lat=\"91\" lon=\"2\" hae=\"0\" ce=\"1\" le=\"1\"/></event>";
        Assert.Null(CotXmlReader.Parse(Encoding.UTF8.GetBytes(xml), out var error));
        Assert.NotNull(error);
        Assert.Equal(2, error.Line);
        Assert.Contains("lat=\"91\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingUid_NamesTheAttribute()
    {
        const string xml = "<event version=\"2.0\" type=\"a-f-G\" how=\"h-e\" time=\"2026-01-01T00:00:00Z\" start=\"2026-01-01T00:00:00Z\" stale=\"2026-01-01T00:01:00Z\">" +
            "<point lat=\"1\" lon=\"2\" hae=\"0\" ce=\"1\" le=\"1\"/></event>";
        Assert.Null(CotXmlReader.Parse(Encoding.UTF8.GetBytes(xml), out var error));
        Assert.Contains("uid", error!.Message, StringComparison.Ordinal);
    }
}
