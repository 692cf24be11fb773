using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using Canopy.Core.Geometry;

namespace Canopy.Interop.Geo.Tests;

public class PictureWriterTests
{
    [Fact]
    public void AirPictureRecorder_StoppedAtATime_KeepsThatStepAndTheHistoryUpToIt()
    {
        var recorder = new AirPictureRecorder(PictureFixture.Layout(), at: 15);
        for (var t = 0; t <= 30; t += 10) recorder.Observe(t, [PictureFixture.Track(t)], [], []);
        var picture = recorder.Picture!;
        Assert.Equal(10, picture.Time);
        Assert.Equal([new Vec3(-10_000, 5_000, 300), new Vec3(-9_500, 5_000, 300)], picture.History[4]);
    }

    [Fact]
    public void AirPictureRecorder_Assignment_StaysUntilItsInterceptTimeHasPassed()
    {
        var layout = PictureFixture.Layout();
        var assignment = new Canopy.Assignment.WeaponAssignment(layout.Effectors[0], 4, 2, 12, 25, new Vec3(0, 5_000, 300), 0.5,
            Canopy.Core.Quantities.Money.FromDollars(200));
        var recorder = new AirPictureRecorder(layout);
        recorder.Observe(10, [PictureFixture.Track(10)], [], [assignment]);
        recorder.Observe(20, [PictureFixture.Track(20)], [], []);
        Assert.Equal([assignment], recorder.Picture!.Assignments);
        recorder.Observe(30, [PictureFixture.Track(30)], [], []);
        Assert.Empty(recorder.Picture!.Assignments);
    }

    [Fact]
    public void From_Picture_HasOneFeatureOfEachKindExpected()
    {
        var kinds = PictureFeatures.From(PictureFixture.Picture()).Select(f => f.Kind).ToArray();
        Assert.Equal(["track", "impact", "impact-ellipse", "sensor-coverage", "engagement-zone", "defended-asset"], kinds);
    }

    [Fact]
    public void GeoJson_ParsedBack_IsAFeatureCollectionWithLongitudeFirst()
    {
        var picture = PictureFixture.Picture();
        using var stream = new MemoryStream();
        new GeoJsonPictureWriter().Write(PictureFeatures.From(picture), picture.Time, stream);
        using var doc = JsonDocument.Parse(stream.ToArray());
        var root = doc.RootElement;
        Assert.Equal("FeatureCollection", root.GetProperty("type").GetString());
        var features = root.GetProperty("features").EnumerateArray().ToArray();
        Assert.Equal(6, features.Length);

        var track = features.Single(f => f.GetProperty("properties").GetProperty("kind").GetString() == "track");
        Assert.Equal("LineString", track.GetProperty("geometry").GetProperty("type").GetString());
        var coordinates = track.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().ToArray();
        Assert.Equal(3, coordinates.Length);
        var first = picture.Layout.Frame.ToGeodetic(new Vec3(-10_000, 5_000, 300));
        Assert.Equal(first.LongitudeDeg, coordinates[0][0].GetDouble(), 6); // RFC 7946: longitude, then latitude
        Assert.Equal(first.LatitudeDeg, coordinates[0][1].GetDouble(), 6);
        Assert.True(coordinates[0][0].GetDouble() < 31 && coordinates[0][1].GetDouble() > 50);

        var zone = features.Single(f => f.GetProperty("properties").GetProperty("kind").GetString() == "engagement-zone");
        var rings = zone.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().ToArray();
        Assert.Equal(2, rings.Length); // outer ring at maximum range, hole at minimum range
        Assert.Equal(PictureFeatures.RingPoints + 1, rings[0].GetArrayLength());
        Assert.Equal(rings[0][0].GetRawText(), rings[0][PictureFeatures.RingPoints].GetRawText());
        Assert.True(GroundEllipseTests.SignedArea(Ring(rings[0])) > 0, "outer ring counter-clockwise");
        Assert.True(GroundEllipseTests.SignedArea(Ring(rings[1])) < 0, "hole clockwise");

        var ellipse = features.Single(f => f.GetProperty("properties").GetProperty("kind").GetString() == "impact-ellipse");
        // σ² = 400 + 180² · 1 at 180 s to go: 2σ = 2 · sqrt(32 800) = 362.2 m.
        Assert.Equal(2 * Math.Sqrt(400 + 180 * 180), ellipse.GetProperty("properties").GetProperty("semi_major_m").GetDouble(), 2);
    }

    [Fact]
    public void Kml_IsWellFormedForXmllintWithOnePlacemarkPerFeature()
    {
        var picture = PictureFixture.Picture();
        var path = Path.GetTempFileName();
        try
        {
            using (var stream = File.Create(path)) new KmlPictureWriter().Write(PictureFeatures.From(picture), picture.Time, stream);
            var (code, output) = Xmllint("--noout", path);
            Assert.True(code == 0, output);
            var doc = XDocument.Load(path);
            XNamespace kml = KmlPictureWriter.Namespace;
            Assert.Equal(6, doc.Descendants(kml + "Placemark").Count());
            Assert.Single(doc.Descendants(kml + "innerBoundaryIs"));
            var line = doc.Descendants(kml + "LineString").Single().Element(kml + "coordinates")!.Value.Split(' ')[0].Split(',');
            var first = picture.Layout.Frame.ToGeodetic(new Vec3(-10_000, 5_000, 300));
            Assert.Equal(first.LongitudeDeg, double.Parse(line[0], CultureInfo.InvariantCulture), 6);
            Assert.Equal(first.LatitudeDeg, double.Parse(line[1], CultureInfo.InvariantCulture), 6);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static (double X, double Y)[] Ring(JsonElement ring) =>
        ring.EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble())).ToArray();

    private static (int ExitCode, string Output) Xmllint(params string[] args)
    {
        var psi = new ProcessStartInfo("xmllint") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("xmllint did not start (scripts/setup.sh installs it)");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30))) process.Kill();
        return (process.ExitCode, stdout.Result + stderr);
    }
}
