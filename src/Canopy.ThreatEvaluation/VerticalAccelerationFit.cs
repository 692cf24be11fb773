namespace Canopy.ThreatEvaluation;

/// <summary>
/// A short history of one track's vertical velocity and the least-squares slope through it: the vertical
/// acceleration. A body on a ballistic arc shows about −g; powered flight about 0.
/// </summary>
public sealed class VerticalAccelerationFit
{
    /// <summary>Samples kept per track.</summary>
    public const int Capacity = 8;

    private readonly double[] _time = new double[Capacity];
    private readonly double[] _vz = new double[Capacity];
    private int _count;
    private int _next;

    /// <summary>Time of the last sample added, or NaN.</summary>
    public double LastTime { get; private set; } = double.NaN;

    /// <summary>Stamp of the last evaluation that saw the track, for pruning.</summary>
    public long Seen { get; set; }

    public void Add(double time, double verticalVelocity)
    {
        _time[_next] = time;
        _vz[_next] = verticalVelocity;
        _next = (_next + 1) % Capacity;
        _count = Math.Min(_count + 1, Capacity);
        LastTime = time;
    }

    /// <summary>The slope dvz/dt in m/s², or null with fewer than 4 samples or less than <paramref name="minSpan"/> seconds of history.</summary>
    public double? Slope(double minSpan)
    {
        if (_count < 4)
            return null;
        double st = 0, sv = 0, min = double.MaxValue, max = double.MinValue;
        for (var i = 0; i < _count; i++)
        {
            st += _time[i];
            sv += _vz[i];
            min = Math.Min(min, _time[i]);
            max = Math.Max(max, _time[i]);
        }
        if (max - min < minSpan)
            return null;
        var mt = st / _count;
        var mv = sv / _count;
        double stt = 0, stv = 0;
        for (var i = 0; i < _count; i++)
        {
            var dt = _time[i] - mt;
            stt += dt * dt;
            stv += dt * (_vz[i] - mv);
        }
        return stt > 0 ? stv / stt : null;
    }
}
