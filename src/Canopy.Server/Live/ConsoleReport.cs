namespace Canopy.Server.Live;

/// <summary>
/// What a console measured over its last reporting window: pictures received and applied (drawn on the map and
/// panels) per second, push latency (server build to browser receipt, same machine clock), time to apply a picture,
/// and the browser's animation frame interval; with the running totals of pictures received and applied at the page's
/// clock (milliseconds), so a benchmark can take rates over any span between two reports; and picture to screen (server build
/// to the end of the map frame drawing it: median and 95th percentile) with the 95th percentile frame interval.
/// </summary>
public sealed record ConsoleReport(double PicturesPerSecond, double LatencyMs, double LatencyP95Ms, double RenderMs, double FrameMs, int Tracks,
    double AppliedPerSecond = 0, long Received = 0, long Applied = 0, double ClockMs = 0, double ScreenMedianMs = 0, double ScreenP95Ms = 0,
    double FrameP95Ms = 0)
{
    /// <summary>Why the report is not plausible, or null when it is.</summary>
    public string? Problem() =>
        new[] { PicturesPerSecond, AppliedPerSecond, LatencyMs, LatencyP95Ms, RenderMs, FrameMs, ScreenMedianMs, ScreenP95Ms, FrameP95Ms }.Any(v => !double.IsFinite(v) || v < -1000 || v > 1e7)
            ? "every figure must be a finite number of milliseconds (or pictures per second)"
            : !double.IsFinite(ClockMs) || ClockMs < 0 ? "clockMs must be a finite, non-negative number of milliseconds"
            : Tracks < 0 || Received < 0 || Applied < 0 ? "tracks and picture counts must not be negative" : null;
}
