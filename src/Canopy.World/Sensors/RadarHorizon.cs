namespace Canopy.World.Sensors;

/// <summary>The radar horizon over a 4/3-radius Earth: d (km) = 4.12 (sqrt(h_radar m) + sqrt(h_target m)).</summary>
public static class RadarHorizon
{
    public static double DistanceMetres(double radarHeight, double targetHeight) =>
        4120 * (Math.Sqrt(Math.Max(0, radarHeight)) + Math.Sqrt(Math.Max(0, targetHeight)));

    public static bool IsVisible(double radarHeight, double targetHeight, double range) =>
        range <= DistanceMetres(radarHeight, targetHeight);
}
