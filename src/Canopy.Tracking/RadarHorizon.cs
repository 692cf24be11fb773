namespace Canopy.Tracking;

/// <summary>
/// The radar horizon over a smooth Earth with standard refraction (4/3 Earth radius):
/// d = 4.12 km·(√h_radar + √h_target), heights in metres above the surface.
/// </summary>
public static class RadarHorizon
{
    /// <summary>The farthest distance (m) at which a radar at <paramref name="radarHeight"/> m sees a target at <paramref name="targetHeight"/> m.</summary>
    public static double Distance(double radarHeight, double targetHeight) =>
        4120 * (Math.Sqrt(Math.Max(0, radarHeight)) + Math.Sqrt(Math.Max(0, targetHeight)));
}
