using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.Core.Quantities;
using Canopy.Core.Randomness;
using Canopy.Core.Sensing;

namespace Canopy.Tracking.Tests;

/// <summary>A small test world: a common frame, radars, and a perfect-detection plot generator.</summary>
internal static class TestWorld
{
    public static readonly LocalFrame Frame = new(Geodetic.FromDegrees(32.0, 35.0));

    public static RadarSpec Radar(int id, Geodetic position, double maxRangeM = 150_000, double antennaHeight = 10,
        double rangeSigma = 10, double angleSigmaDeg = 0.05, double falseAlarms = 0) => new(
        new SensorId(id), "radar" + id, position, Length.FromMetres(antennaHeight),
        Length.FromMetres(maxRangeM), Duration.FromSeconds(1),
        Length.FromMetres(rangeSigma), Angle.FromDegrees(angleSigmaDeg), Angle.FromDegrees(angleSigmaDeg),
        Probability.Of(1), falseAlarms);

    public static DefenceLayout Layout(params SensorSpec[] sensors) =>
        new(Frame, [], sensors, [], new DefencePolicy());

    /// <summary>The plot a radar reports of a common-frame point, with Gaussian noise from its specification.</summary>
    public static Plot Observe(RadarSpec radar, double time, Vec3 common, Random rng)
    {
        var own = new LocalFrame(radar.Antenna);
        var (r, az, el) = LocalFrame.ToPolar(own.EcefToEnu(Frame.EnuToEcef(common)));
        return Plot.Polar(radar.Id, time,
            rng.NextGaussian(r, radar.RangeSigma.Metres),
            rng.NextGaussian(az, radar.AzimuthSigma.Radians),
            rng.NextGaussian(el, radar.ElevationSigma.Radians));
    }

    /// <summary>A uniformly placed false plot within the radar's coverage, at low elevation.</summary>
    public static Plot Clutter(RadarSpec radar, double time, Random rng) => Plot.Polar(radar.Id, time,
        rng.NextUniform(1_000, radar.MaxRange.Metres), rng.NextUniform(0, 2 * Math.PI), rng.NextUniform(0, 0.2));
}
