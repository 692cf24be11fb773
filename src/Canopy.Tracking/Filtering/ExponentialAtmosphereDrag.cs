namespace Canopy.Tracking.Filtering;

/// <summary>
/// Flat-earth ballistic dynamics with drag in an exponential atmosphere, on the 6-state (x, y, z, vx, vy, vz), z up:
/// a = g + a_drag, a_drag = −ρ(h)·|v|·v/(2β), ρ(h) = 1.225·exp(−h/7,200 m) kg/m³, β the ballistic coefficient (kg/m²)
/// and h = z + the frame origin's height. Gives the state derivative (v, a) and its Jacobian.
/// </summary>
internal readonly struct ExponentialAtmosphereDrag
{
    /// <summary>Air density at sea level, kg/m³.</summary>
    public const double SeaLevelDensity = 1.225;

    /// <summary>Scale height of the exponential atmosphere, m.</summary>
    public const double ScaleHeight = 7_200;

    private readonly double _halfInverseBeta;
    private readonly double _originHeight;

    /// <param name="ballisticCoefficient">β = m/(C_D·A), kg/m²; positive.</param>
    /// <param name="originHeight">Height (m) of the frame's origin, added to the state's up coordinate to get the altitude.</param>
    public ExponentialAtmosphereDrag(double ballisticCoefficient, double originHeight)
    {
        if (!(ballisticCoefficient > 0)) throw new ArgumentOutOfRangeException(nameof(ballisticCoefficient), ballisticCoefficient, "must be positive");
        _halfInverseBeta = 0.5 / ballisticCoefficient;
        _originHeight = originHeight;
    }

    /// <summary>Air density (kg/m³) at the up coordinate <paramref name="z"/> of the frame.</summary>
    public double Density(double z) => SeaLevelDensity * Math.Exp(-(z + _originHeight) / ScaleHeight);

    /// <summary>
    /// ρ·|v|/β (1/s) at <paramref name="s"/>: the largest decay rate of ∂a_drag/∂v (along v), the inverse of the
    /// drag's shortest time constant.
    /// </summary>
    public double DecayRate(ReadOnlySpan<double> s) =>
        Density(s[2]) * 2 * _halfInverseBeta * Math.Sqrt(s[3] * s[3] + s[4] * s[4] + s[5] * s[5]);

    /// <summary>The state derivative: <paramref name="d"/> = (v, g + a_drag) at <paramref name="s"/>.</summary>
    public void Derivative(ReadOnlySpan<double> s, Span<double> d)
    {
        double vx = s[3], vy = s[4], vz = s[5];
        var k = -Density(s[2]) * _halfInverseBeta * Math.Sqrt(vx * vx + vy * vy + vz * vz);
        d[0] = vx;
        d[1] = vy;
        d[2] = vz;
        d[3] = k * vx;
        d[4] = k * vy;
        d[5] = k * vz - BallisticModel.Gravity;
    }

    /// <summary>
    /// The 6x6 row-major Jacobian <paramref name="a"/> of <see cref="Derivative"/> at <paramref name="s"/>:
    /// ∂ẋ/∂v = I, ∂a_drag/∂v = −ρ/(2β)·(|v|·I + v·vᵀ/|v|), ∂a_drag/∂z = −a_drag/7,200 m, zero elsewhere.
    /// </summary>
    public void Jacobian(ReadOnlySpan<double> s, Span<double> a)
    {
        a[..36].Clear();
        for (var i = 0; i < 3; i++) a[i * 6 + i + 3] = 1;
        double vx = s[3], vy = s[4], vz = s[5];
        var speed = Math.Sqrt(vx * vx + vy * vy + vz * vz);
        if (speed == 0) return;
        var c = -Density(s[2]) * _halfInverseBeta;
        for (var i = 0; i < 3; i++)
        {
            var vi = s[3 + i];
            a[(3 + i) * 6 + 2] = -c * speed * vi / ScaleHeight;
            for (var j = 0; j < 3; j++) a[(3 + i) * 6 + 3 + j] = c * ((i == j ? speed : 0) + vi * s[3 + j] / speed);
        }
    }
}
