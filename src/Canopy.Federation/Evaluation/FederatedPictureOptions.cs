using Canopy.Federation.Fusion;
using Canopy.Tracking;

namespace Canopy.Federation.Evaluation;

/// <summary>How <see cref="FederatedPictureObserver"/> builds and scores the nations' pictures.</summary>
public sealed record FederatedPictureOptions
{
    /// <summary>
    /// Seconds between two scorings (and fusions). 10 s, the shipped radars' revisit: each scoring sees a new scan, and
    /// fusing three nations' thousand tracks every 2 s tick would triple the night's run time for no new information.
    /// </summary>
    public double Period { get; init; } = 10;

    /// <summary>GOSPA cut-off c (m): the project's usual 500 m.</summary>
    public double Cutoff { get; init; } = 500;

    /// <summary>GOSPA order p: the project's usual 2.</summary>
    public double Order { get; init; } = 2;

    /// <summary>The nations' trackers' options (each nation runs the tracker <c>simulate</c> runs); null for the defaults.</summary>
    public TrackerOptions? Tracking { get; init; }

    /// <summary>The track-to-track fusion's options (each nation's own); null for the defaults.</summary>
    public TrackFusionOptions? Fusion { get; init; }

    public IReadOnlyList<string> Validate()
    {
        var broken = new List<string>();
        if (!(Period > 0) || !double.IsFinite(Period)) broken.Add("Period: must be a positive time (s)");
        if (!(Cutoff > 0) || !double.IsFinite(Cutoff)) broken.Add("Cutoff: must be a positive length (m)");
        if (!(Order >= 1) || !double.IsFinite(Order)) broken.Add("Order: must be 1 or more");
        if (Tracking?.Validate() is { Count: > 0 } t) broken.AddRange(t.Select(r => $"Tracking.{r}"));
        if (Fusion?.Validate() is { Count: > 0 } f) broken.AddRange(f.Select(r => $"Fusion.{r}"));
        return broken;
    }
}
