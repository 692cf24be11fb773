using System.Globalization;
using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Sensing;
using Canopy.Interop.Geo;
using Canopy.Pipeline;
using Canopy.Scenarios.Loading;
using Canopy.Scenarios.Model;
using Canopy.Simulation.Running;
using Canopy.World;

namespace Canopy.Cli.Commands;

/// <summary>Keeps the air picture of a simulated run at a chosen time (or its end), for `--geojson`, `--kml` and `canopy cot`.</summary>
internal sealed class PictureObserver(Scenario scenario, double? at) : IRunObserver
{
    public AirPictureRecorder Recorder { get; } = new(LayoutOf(scenario), at);

    public void OnTick(double time, SimulatedWorld world, ReadOnlySpan<Plot> plots, PipelineStep step) =>
        Recorder.Observe(time, step.Tracks, step.Threats, step.Assignments);

    /// <summary>The layout the runner builds for the pipeline: the frame at the region's centre.</summary>
    public static DefenceLayout LayoutOf(Scenario s) =>
        new(new LocalFrame(s.Region.Centre), s.Assets, s.Sensors, s.Effectors, s.Policy);

    /// <summary>Parses `--at`: seconds as a plain number, or a duration with its unit ("90 s", "5 min").</summary>
    public static bool TryParseTime(string? text, out double? seconds, out string? error)
    {
        seconds = null;
        error = null;
        if (text is null) return true;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) && plain >= 0)
        {
            seconds = plain;
            return true;
        }
        if (QuantityParser.TryParse(text, QuantityKind.Duration, out var value, out error) && value >= 0)
        {
            seconds = value;
            return true;
        }
        error = $"--at: {error ?? $"'{text}' is negative"}";
        return false;
    }

    /// <summary>Writes the picture's features as GeoJSON and/or KML.</summary>
    public static void Export(AirPicture picture, string? geoJsonPath, string? kmlPath)
    {
        var features = PictureFeatures.From(picture);
        if (geoJsonPath is not null)
        {
            using var stream = File.Create(geoJsonPath);
            new GeoJsonPictureWriter().Write(features, picture.Time, stream);
        }
        if (kmlPath is not null)
        {
            using var stream = File.Create(kmlPath);
            new KmlPictureWriter().Write(features, picture.Time, stream);
        }
    }
}
