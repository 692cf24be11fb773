using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.Core.Sensing;

namespace Canopy.Tracking.Filtering;

/// <summary>
/// How one plot measures the state: the measurement function h(position) of its kind (range/azimuth/elevation
/// or bearing in the sensor's own frame, or a common-frame position) and its noise variances.
/// </summary>
public readonly struct MeasurementModel
{
    private readonly double _v0, _v1, _v2;

    private MeasurementModel(MeasurementKind kind, SensorGeometry? site, double v0, double v1, double v2)
    {
        Kind = kind;
        Site = site;
        (_v0, _v1, _v2) = (v0, v1, v2);
    }

    public MeasurementKind Kind { get; }

    /// <summary>The sensor, for polar and bearing measurements; null for positions.</summary>
    public SensorGeometry? Site { get; }

    /// <summary>Number of measured components: 1 for a bearing, else 3.</summary>
    public int Dimension => Kind == MeasurementKind.Bearing ? 1 : 3;

    /// <summary>Range, azimuth and elevation from <paramref name="site"/> with the given standard deviations (m, rad, rad).</summary>
    public static MeasurementModel Polar(SensorGeometry site, double rangeSigma, double azimuthSigma, double elevationSigma) =>
        new(MeasurementKind.RangeAzimuthElevation, site, rangeSigma * rangeSigma, azimuthSigma * azimuthSigma, elevationSigma * elevationSigma);

    /// <summary>A bearing from <paramref name="site"/> with standard deviation <paramref name="sigma"/> (rad).</summary>
    public static MeasurementModel Bearing(SensorGeometry site, double sigma) =>
        new(MeasurementKind.Bearing, site, sigma * sigma, 0, 0);

    /// <summary>A common-frame position with standard deviation <paramref name="sigma"/> (m) per axis.</summary>
    public static MeasurementModel Position(double sigma) =>
        new(MeasurementKind.Position, null, sigma * sigma, sigma * sigma, sigma * sigma);

    /// <summary>The measured components of <paramref name="plot"/> as this model orders them.</summary>
    public void Read(in Plot plot, Span<double> z)
    {
        switch (Kind)
        {
            case MeasurementKind.Bearing: z[0] = plot.Azimuth; break;
            default: z[0] = plot.Value.X; z[1] = plot.Value.Y; z[2] = plot.Value.Z; break;
        }
    }

    /// <summary>h(position): the noiseless measurement of a common-frame point.</summary>
    public void Evaluate(Vec3 position, Span<double> z)
    {
        switch (Kind)
        {
            case MeasurementKind.Position:
                z[0] = position.X; z[1] = position.Y; z[2] = position.Z;
                break;
            case MeasurementKind.Bearing:
            {
                var l = Site!.RotateToSensor(position - Site.Origin);
                z[0] = Angles.WrapTwoPi(Math.Atan2(l.X, l.Y));
                break;
            }
            default:
            {
                var l = Site!.RotateToSensor(position - Site.Origin);
                var (r, az, el) = LocalFrame.ToPolar(l);
                z[0] = r; z[1] = az; z[2] = el;
                break;
            }
        }
    }

    /// <summary>
    /// h(position) into <paramref name="z"/> and its Jacobian with respect to position into <paramref name="j"/>
    /// (<see cref="Dimension"/> rows of 3, row-major), sharing the work.
    /// </summary>
    public void Linearise(Vec3 position, Span<double> z, Span<double> j)
    {
        if (Kind == MeasurementKind.Position)
        {
            Evaluate(position, z);
            j[..9].Clear();
            j[0] = j[4] = j[8] = 1;
            return;
        }
        var l = Site!.RotateToSensor(position - Site.Origin);
        var rho2 = l.X * l.X + l.Y * l.Y;
        var az = rho2 > 0 ? new Vec3(l.Y / rho2, -l.X / rho2, 0) : Vec3.Zero;
        if (Kind == MeasurementKind.Bearing)
        {
            z[0] = Angles.WrapTwoPi(Math.Atan2(l.X, l.Y));
            Row(j, 0, Site.RotateToCommon(az));
            return;
        }
        var r2 = rho2 + l.Z * l.Z;
        var r = Math.Sqrt(r2);
        var rho = Math.Sqrt(rho2);
        z[0] = r;
        z[1] = Angles.WrapTwoPi(Math.Atan2(l.X, l.Y));
        z[2] = Math.Atan2(l.Z, rho);
        var range = r > 0 ? l * (1 / r) : Vec3.Zero;
        var el = rho > 0 ? new Vec3(-l.X * l.Z / (rho * r2), -l.Y * l.Z / (rho * r2), rho / r2) : Vec3.Zero;
        Row(j, 0, Site.RotateToCommon(range));
        Row(j, 1, Site.RotateToCommon(az));
        Row(j, 2, Site.RotateToCommon(el));
    }

    /// <summary>Component <paramref name="i"/> of a − b, with angles wrapped into (−π, π].</summary>
    public double Residual(int i, double a, double b) =>
        (Kind == MeasurementKind.Bearing && i == 0) || (Kind == MeasurementKind.RangeAzimuthElevation && i == 1)
            ? Angles.WrapPi(a - b)
            : a - b;

    /// <summary>The noise variance of component <paramref name="i"/> (the noise is diagonal).</summary>
    public double Variance(int i) => i switch { 0 => _v0, 1 => _v1, _ => _v2 };

    private static void Row(Span<double> j, int row, Vec3 v)
    {
        j[row * 3] = v.X;
        j[row * 3 + 1] = v.Y;
        j[row * 3 + 2] = v.Z;
    }
}
