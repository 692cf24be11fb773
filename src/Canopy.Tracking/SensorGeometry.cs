using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;

namespace Canopy.Tracking;

/// <summary>
/// Where a sensor's antenna sits in the common ENU frame and how its own ENU axes turn into the common ones.
/// Precomputed once per sensor: sensor ENU → ECEF → common ENU is one rotation and one offset.
/// </summary>
public sealed class SensorGeometry
{
    private readonly double[] _rotation = new double[9]; // row-major, sensor ENU -> common ENU

    public SensorGeometry(LocalFrame common, SensorSpec spec)
    {
        Spec = spec;
        var own = new LocalFrame(spec.Antenna);
        Origin = common.ToEnu(spec.Antenna);
        Span<Vec3> axes = [new(1, 0, 0), new(0, 1, 0), new(0, 0, 1)];
        for (var col = 0; col < 3; col++)
        {
            var c = common.RotateToEnu(own.RotateToEcef(axes[col]));
            _rotation[col] = c.X;
            _rotation[3 + col] = c.Y;
            _rotation[6 + col] = c.Z;
        }
    }

    public SensorSpec Spec { get; }

    /// <summary>The antenna's position in the common frame.</summary>
    public Vec3 Origin { get; }

    /// <summary>Turns a vector from the sensor's ENU axes into the common ENU axes.</summary>
    public Vec3 RotateToCommon(Vec3 v) => new(
        _rotation[0] * v.X + _rotation[1] * v.Y + _rotation[2] * v.Z,
        _rotation[3] * v.X + _rotation[4] * v.Y + _rotation[5] * v.Z,
        _rotation[6] * v.X + _rotation[7] * v.Y + _rotation[8] * v.Z);

    /// <summary>Turns a vector from the common ENU axes into the sensor's ENU axes.</summary>
    public Vec3 RotateToSensor(Vec3 v) => new(
        _rotation[0] * v.X + _rotation[3] * v.Y + _rotation[6] * v.Z,
        _rotation[1] * v.X + _rotation[4] * v.Y + _rotation[7] * v.Z,
        _rotation[2] * v.X + _rotation[5] * v.Y + _rotation[8] * v.Z);

    /// <summary>
    /// Converts a range/azimuth/elevation measurement to a common-frame point and writes its 3x3 covariance
    /// (row-major) into <paramref name="covariance"/>: J·diag(σr², σa², σe²)·Jᵀ in the sensor frame, rotated.
    /// </summary>
    public Vec3 ConvertPolar(double range, double azimuth, double elevation,
        double rangeSigma, double azimuthSigma, double elevationSigma, Span<double> covariance)
    {
        var (se, ce) = Math.SinCos(elevation);
        var (sa, ca) = Math.SinCos(azimuth);
        Span<double> j =
        [
            ce * sa, range * ce * ca, -range * se * sa,
            ce * ca, -range * ce * sa, -range * se * ca,
            se, 0, range * ce,
        ];
        // M = Rot·J: Jacobian of the common-frame point with respect to (range, azimuth, elevation).
        Span<double> m = stackalloc double[9];
        for (var r = 0; r < 3; r++)
            for (var c = 0; c < 3; c++)
                m[r * 3 + c] = _rotation[r * 3] * j[c] + _rotation[r * 3 + 1] * j[3 + c] + _rotation[r * 3 + 2] * j[6 + c];
        Span<double> v = [rangeSigma * rangeSigma, azimuthSigma * azimuthSigma, elevationSigma * elevationSigma];
        for (var r = 0; r < 3; r++)
            for (var c = 0; c < 3; c++)
                covariance[r * 3 + c] = m[r * 3] * v[0] * m[c * 3] + m[r * 3 + 1] * v[1] * m[c * 3 + 1] + m[r * 3 + 2] * v[2] * m[c * 3 + 2];
        return Origin + RotateToCommon(LocalFrame.FromPolar(range, azimuth, elevation));
    }

    /// <summary>
    /// The bearing (clockwise from north in the sensor's frame) of a common-frame point, and its gradient with
    /// respect to that point written into the first three values of <paramref name="gradient"/>.
    /// </summary>
    public double Bearing(Vec3 point, Span<double> gradient)
    {
        var local = RotateToSensor(point - Origin);
        var h2 = local.X * local.X + local.Y * local.Y;
        var g = h2 > 0 ? RotateToCommon(new Vec3(local.Y / h2, -local.X / h2, 0)) : Vec3.Zero;
        gradient[0] = g.X;
        gradient[1] = g.Y;
        gradient[2] = g.Z;
        return Angles.WrapTwoPi(Math.Atan2(local.X, local.Y));
    }
}
