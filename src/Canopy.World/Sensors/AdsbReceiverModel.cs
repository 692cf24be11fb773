using Canopy.Core.Randomness;
using Canopy.ThreatEvaluation;
using Canopy.World.Raids;

namespace Canopy.World.Sensors;

/// <summary>
/// The ADS-B ground receivers over the region: every <see cref="Period"/> seconds each flying aircraft that broadcasts
/// ADS-B is heard, its reported position the truth plus GNSS error (<see cref="PositionSigma"/> per axis horizontally).
/// </summary>
public sealed class AdsbReceiverModel
{
    /// <summary>Seconds between two reports of one aircraft (position squitters go out twice a second; one a second is kept).</summary>
    public const double Period = 1;

    /// <summary>Horizontal position error per axis, metres (GNSS with NACp 8 or better).</summary>
    public const double PositionSigma = 15;

    private double _next;

    /// <summary>When the receivers report at <paramref name="time"/>, appends one report per broadcasting aircraft.</summary>
    public void Receive(double time, IReadOnlyList<SimulatedThreat> objects, Random rng, List<AdsbReport> reports)
    {
        if (time < _next) return;
        while (_next <= time) _next += Period;
        foreach (var o in objects)
        {
            if (!o.IsFlying || o.Aircraft is not { Adsb: true }) continue;
            var p = o.Enu;
            reports.Add(new AdsbReport(o.Address, time,
                p with { X = rng.NextGaussian(p.X, PositionSigma), Y = rng.NextGaussian(p.Y, PositionSigma) }));
        }
    }
}
