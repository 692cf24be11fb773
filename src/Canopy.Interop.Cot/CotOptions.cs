namespace Canopy.Interop.Cot;

/// <summary>How Canopy's picture becomes CoT events.</summary>
/// <param name="Epoch">The UTC instant of simulation or pipeline time 0.</param>
/// <param name="StaleAfterS">How long a track event stays valid: a few sensor revisit periods.</param>
/// <param name="UidPrefix">Prefix of every uid Canopy sends, so that several Canopy servers can share a TAK network.</param>
public sealed record CotOptions(DateTime Epoch, double StaleAfterS = 15, string UidPrefix = "canopy")
{
    /// <summary>Stale time of track events as <paramref name="revisits"/> times the longest revisit period.</summary>
    public static double StaleAfterRevisits(double longestRevisitS, int revisits = 3) => revisits * longestRevisitS;

    public DateTime At(double time) => Epoch.AddTicks((long)Math.Round(time * TimeSpan.TicksPerSecond));
}
