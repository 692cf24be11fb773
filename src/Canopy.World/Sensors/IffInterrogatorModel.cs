using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Randomness;
using Canopy.Core.Sensing;
using Canopy.ThreatEvaluation;
using Canopy.World.Raids;

namespace Canopy.World.Sensors;

/// <summary>
/// The IFF interrogator of a radar: once per revisit period it interrogates every aircraft inside the radar's maximum range
/// and above its horizon; a transponder (one with a Mode 3/A code or Mode 5) answers with the reply probability. The reply
/// gives the code, whether Mode 5 was valid (only aircraft the scenario equips with Mode 5), the range and bearing with the
/// radar's noise, and the Mode C altitude (to the nearest 100 ft).
/// </summary>
public sealed class IffInterrogatorModel
{
    /// <summary>Mode C reports altitude in 100 ft steps.</summary>
    private const double ModeCStep = 30.48;

    private readonly RadarSpec _spec;
    private readonly double _replyProbability;
    private readonly LocalFrame _frame;
    private readonly LocalFrame _common;
    private double _nextScan;

    /// <param name="common">The common frame replies are given in.</param>
    /// <param name="firstScan">Time of the first interrogation.</param>
    public IffInterrogatorModel(RadarSpec spec, LocalFrame common, double firstScan)
    {
        _spec = spec;
        _replyProbability = spec.IffReplyProbability?.Value ?? throw new ArgumentException($"radar {spec.Name} has no IFF interrogator", nameof(spec));
        _frame = new LocalFrame(spec.Antenna);
        _common = common;
        _nextScan = firstScan;
    }

    /// <summary>The radar whose interrogator this is.</summary>
    public SensorId Sensor => _spec.Id;

    /// <summary>An interrogator for every radar that has one, each at a random phase of its revisit period.</summary>
    public static IReadOnlyList<IffInterrogatorModel> Create(IReadOnlyList<SensorSpec> specs, LocalFrame common, Random phaseRng) =>
    [
        .. specs.OfType<RadarSpec>().Where(r => r.IffReplyProbability is not null)
            .Select(r => new IffInterrogatorModel(r, common, phaseRng.NextDouble() * r.RevisitPeriod.Seconds)),
    ];

    /// <summary>When it interrogates at <paramref name="time"/>, appends the replies it hears to <paramref name="replies"/>.</summary>
    public void Interrogate(double time, IReadOnlyList<SimulatedThreat> objects, Random rng, List<IffReply> replies)
    {
        if (time < _nextScan) return;
        while (_nextScan <= time) _nextScan += _spec.RevisitPeriod.Seconds;
        var antennaHeight = _spec.Antenna.HeightM;
        foreach (var o in objects)
        {
            if (!o.IsFlying || o.Aircraft is not { } flight || (flight.Squawk is null && !flight.Mode5)) continue;
            var enu = _frame.EcefToEnu(o.Ecef);
            var (range, azimuth, elevation) = LocalFrame.ToPolar(enu);
            if (range > _spec.MaxRange.Metres || !RadarHorizon.IsVisible(antennaHeight, o.Height, range)) continue;
            if (rng.NextDouble() >= _replyProbability) continue;
            var noisy = LocalFrame.FromPolar(Math.Max(0, rng.NextGaussian(range, _spec.RangeSigma.Metres)),
                rng.NextGaussian(azimuth, _spec.AzimuthSigma.Radians), elevation);
            var position = _common.EcefToEnu(_frame.EnuToEcef(noisy));
            // Mode C: the reported altitude, rounded to 100 ft, replaces the height the bearing geometry gives.
            var modeC = Math.Round(o.Height / ModeCStep) * ModeCStep;
            var up = position with { Z = position.Z + (modeC - o.Height) };
            var sigma = Math.Max(_spec.RangeSigma.Metres, range * _spec.AzimuthSigma.Radians);
            replies.Add(new IffReply(time, up, flight.Squawk ?? -1, flight.Mode5, sigma));
        }
    }
}
