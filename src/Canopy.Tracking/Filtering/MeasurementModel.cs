using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.Core.Sensing;

namespace Canopy.Tracking.Filtering;

/// <summary>
/// How one plot measures the state: the measurement function h(state) of its kind (range/azimuth/elevation, with
/// the range rate when the radar reports it, or a bearing, in the sensor's own frame, or a common-frame position)
/// and its noise variances.
/// </summary>
public readonly struct MeasurementModel
{
    private readonly double _v0, _v1, _v2, _v3;

    private MeasurementModel(MeasurementKind kind, SensorGeometry? site, double v0, double v1, double v2, double v3 = double.NaN)
    {
        Kind = kind;
        Site = site;
        (_v0, _v1, _v2, _v3) = (v0, v1, v2, v3);
    }

    public MeasurementKind Kind { get; }

    /// <summary>The sensor, for polar and bearing measurements; null for positions.</summary>
    public SensorGeometry? Site { get; }

    /// <summary>Whether the fourth component is the range rate ṙ = (p − s)·v/|p − s|, which depends on the velocity.</summary>
    public bool HasRangeRate => !double.IsNaN(_v3);

    /// <summary>Number of measured components: 1 for a bearing, 4 for range, azimuth, elevation and range rate, else 3.</summary>
    public int Dimension => Kind == MeasurementKind.Bearing ? 1 : HasRangeRate ? 4 : 3;

    /// <summary>Range, azimuth and elevation from <paramref name="site"/> with the given standard deviations (m, rad, rad).</summary>
    public static MeasurementModel Polar(SensorGeometry site, double rangeSigma, double azimuthSigma, double elevationSigma) =>
        new(MeasurementKind.RangeAzimuthElevation, site, rangeSigma * rangeSigma, azimuthSigma * azimuthSigma, elevationSigma * elevationSigma);

    /// <summary>Range, azimuth, elevation and range rate from <paramref name="site"/> with the given standard deviations (m, rad, rad, m/s).</summary>
    public static MeasurementModel PolarWithRangeRate(SensorGeometry site, double rangeSigma, double azimuthSigma, double elevationSigma,
        double rangeRateSigma) =>
        new(MeasurementKind.RangeAzimuthElevation, site, rangeSigma * rangeSigma, azimuthSigma * azimuthSigma,
            elevationSigma * elevationSigma, rangeRateSigma * rangeRateSigma);

    /// <summary>A bearing from <paramref name="site"/> with standard deviation <paramref name="sigma"/> (rad).</summary>
    public static MeasurementModel Bearing(SensorGeometry site, double sigma) =>
        new(MeasurementKind.Bearing, site, sigma * sigma, 0, 0);

    /// <summary>A common-frame position with standard deviation <paramref name="sigma"/> (m) per axis.</summary>
    public static MeasurementModel Position(double sigma) => Position(sigma, sigma, sigma);

    /// <summary>A common-frame position with standard deviations (m) east, north and up.</summary>
    public static MeasurementModel Position(double sigmaEast, double sigmaNorth, double sigmaUp) =>
        new(MeasurementKind.Position, null, sigmaEast * sigmaEast, sigmaNorth * sigmaNorth, sigmaUp * sigmaUp);

    /// <summary>The measured components of <paramref name="plot"/> as this model orders them.</summary>
    public void Read(in Plot plot, Span<double> z)
    {
        switch (Kind)
        {
            case MeasurementKind.Bearing: z[0] = plot.Azimuth; break;
            default:
                z[0] = plot.Value.X; z[1] = plot.Value.Y; z[2] = plot.Value.Z;
                if (HasRangeRate) z[3] = plot.RangeRate;
                break;
        }
    }

    /// <summary>h(state): the noiseless measurement of a common-frame state (x, y, z, vx, vy, vz).</summary>
    public void Evaluate(ReadOnlySpan<double> state, Span<double> z)
    {
        var position = new Vec3(state[0], state[1], state[2]);
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
                var d = position - Site!.Origin;
                var (r, az, el) = LocalFrame.ToPolar(Site.RotateToSensor(d));
                z[0] = r; z[1] = az; z[2] = el;
                if (HasRangeRate) z[3] = r > 0 ? (d.X * state[3] + d.Y * state[4] + d.Z * state[5]) / r : 0;
                break;
            }
        }
    }

    /// <summary>
    /// h(state) into <paramref name="z"/> and its Jacobian with respect to the state into <paramref name="j"/>
    /// (<see cref="Dimension"/> rows of 6, row-major), sharing the work. Only the range rate depends on the velocity:
    /// ∂ṙ/∂p = (v − ṙ·u)/r and ∂ṙ/∂v = u, with u the unit line of sight.
    /// </summary>
    public void Linearise(ReadOnlySpan<double> state, Span<double> z, Span<double> j)
    {
        j[..(Dimension * 6)].Clear();
        var position = new Vec3(state[0], state[1], state[2]);
        if (Kind == MeasurementKind.Position)
        {
            Evaluate(state, z);
            j[0] = j[7] = j[14] = 1;
            return;
        }
        var d = position - Site!.Origin;
        var l = Site.RotateToSensor(d);
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
        if (!HasRangeRate) return;
        if (!(r > 0))
        {
            z[3] = 0;
            return;
        }
        z[3] = LineariseRangeRate(d, r, state, j.Slice(18, 6));
    }

    /// <summary>
    /// The predicted range rate ṙ̂ = u·v of a Gaussian common-frame state (mean <paramref name="state"/>, covariance
    /// <paramref name="p"/>, 6 x 6 row-major) and its variance s = J·P·Jᵀ + σṙ², J = [(v − ṙ̂·u)/r, u] being the
    /// range-rate row of <see cref="Linearise"/>: what gating tests a plot's range rate against. Needs <see cref="HasRangeRate"/>.
    /// </summary>
    public (double RangeRate, double Variance) PredictRangeRate(ReadOnlySpan<double> state, ReadOnlySpan<double> p)
    {
        Span<double> j = stackalloc double[6];
        j.Clear();
        var d = new Vec3(state[0], state[1], state[2]) - Site!.Origin;
        var r = d.Length;
        var rangeRate = r > 0 ? LineariseRangeRate(d, r, state, j) : 0;
        var variance = _v3;
        for (var a = 0; a < 6; a++)
        {
            var row = 0.0;
            for (var b = 0; b < 6; b++) row += p[a * 6 + b] * j[b];
            variance += j[a] * row;
        }
        return (rangeRate, variance);
    }

    /// <summary>Component <paramref name="i"/> of a − b, with angles wrapped into (−π, π].</summary>
    public double Residual(int i, double a, double b) =>
        (Kind == MeasurementKind.Bearing && i == 0) || (Kind == MeasurementKind.RangeAzimuthElevation && i == 1)
            ? Angles.WrapPi(a - b)
            : a - b;

    /// <summary>The noise variance of component <paramref name="i"/> (the noise is diagonal).</summary>
    public double Variance(int i) => i switch { 0 => _v0, 1 => _v1, 2 => _v2, _ => _v3 };

    /// <summary>
    /// ṙ = u·v for the line of sight <paramref name="d"/> = p − s of length <paramref name="r"/> &gt; 0, u = d/r, and its
    /// Jacobian row into <paramref name="j"/> (6): ∂ṙ/∂p = (v − ṙ·u)/r, ∂ṙ/∂v = u.
    /// </summary>
    private static double LineariseRangeRate(Vec3 d, double r, ReadOnlySpan<double> state, Span<double> j)
    {
        var u = d * (1 / r);
        var v = new Vec3(state[3], state[4], state[5]);
        var rangeRate = Vec3.Dot(u, v);
        Row(j, 0, (v - u * rangeRate) * (1 / r));
        j[3] = u.X;
        j[4] = u.Y;
        j[5] = u.Z;
        return rangeRate;
    }

    /// <summary>Writes the position part (first three columns) of Jacobian row <paramref name="row"/>.</summary>
    private static void Row(Span<double> j, int row, Vec3 v)
    {
        j[row * 6] = v.X;
        j[row * 6 + 1] = v.Y;
        j[row * 6 + 2] = v.Z;
    }
}
