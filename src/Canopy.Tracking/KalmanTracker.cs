using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.Core.Sensing;
using Kf = Canopy.Tracking.ConstantVelocityKalmanFilter;

namespace Canopy.Tracking;

/// <summary>
/// A multi-sensor, multi-target tracker: one constant-velocity Kalman filter per track, chi-square gating,
/// greedy global nearest-neighbour association per sensor scan, single-point initiation and M-of-N confirmation.
/// Radar plots become common-frame points (converted measurements); acoustic bearings refine confirmed tracks only.
/// Works in the common ENU frame of <see cref="DefenceLayout.Frame"/>.
/// </summary>
public sealed class KalmanTracker : ITracker
{
    private static readonly IComparer<Plot> ScanOrder = Comparer<Plot>.Create(CompareScans);

    private readonly TrackerOptions _options;
    private readonly Dictionary<SensorId, SensorGeometry> _sensors = [];
    private readonly List<TrackState> _tracks = [];
    private readonly Stack<TrackState> _pool = new();
    private readonly List<Track> _output = [];
    private readonly List<RadarSpec> _radars = [];
    private readonly Dictionary<SensorId, double> _lastScan = [];
    private readonly List<Scan> _scans = [];
    private readonly UniformGrid _grid;
    private readonly List<int> _candidates = [];
    private readonly List<Pairing> _pairs = [];
    private readonly double[] _x = new double[Kf.StateSize];
    private readonly double[] _p = new double[Kf.CovarianceSize];
    private readonly double[] _h = new double[Kf.StateSize];
    private Plot[] _sorted = new Plot[64];
    private Vec3[] _z = new Vec3[64];
    private double[] _r = new double[64 * 9];
    private bool[] _plotUsed = new bool[64];
    private bool[] _trackHit = new bool[64];
    private bool[] _trackOpportunity = new bool[64];
    private int _nextId = 1;

    public KalmanTracker(DefenceLayout layout, TrackerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        _options = options ?? new TrackerOptions();
        _grid = new UniformGrid(_options.GridCellSize);
        foreach (var s in layout.Sensors)
        {
            _sensors[s.Id] = new SensorGeometry(layout.Frame, s);
            if (s is RadarSpec radar) _radars.Add(radar);
        }
    }

    public IReadOnlyList<Track> Update(double time, ReadOnlySpan<Plot> plots)
    {
        if (_sorted.Length < plots.Length) _sorted = new Plot[Math.Max(plots.Length, _sorted.Length * 2)];
        plots.CopyTo(_sorted);
        Array.Sort(_sorted, 0, plots.Length, ScanOrder);
        _scans.Clear();
        for (var start = 0; start < plots.Length;)
        {
            var end = start + 1;
            while (end < plots.Length && CompareScans(_sorted[start], _sorted[end]) == 0) end++;
            _scans.Add(new Scan(_sorted[start].Time, _sorted[start].Sensor, start, end - start));
            start = end;
        }
        AddEmptyScans(time);
        _scans.Sort();
        foreach (var scan in _scans)
        {
            var span = _sorted.AsSpan(scan.Start, scan.Count);
            if (scan.Count > 0 && span[0].Kind == MeasurementKind.Bearing) ProcessBearings(scan.Sensor, scan.Time, span);
            else ProcessScan(scan.Sensor, scan.Time, span);
        }
        DeleteStale(time);
        return Publish(time);
    }

    /// <summary>
    /// A radar that detects nothing sends nothing, yet its scan was an opportunity to see every track in its coverage.
    /// Once a radar has reported, every revisit period that passes by <paramref name="time"/> without plots from it
    /// (none within half a period) becomes an empty scan, so that tracks it no longer sees collect their misses.
    /// Assumes plots arrive in the first call whose time is not before theirs.
    /// </summary>
    private void AddEmptyScans(double time)
    {
        var realScans = _scans.Count;
        foreach (var radar in _radars)
        {
            var period = radar.RevisitPeriod.Seconds;
            if (!(period > 0) || !_lastScan.TryGetValue(radar.Id, out var last)) last = double.NaN;
            for (var i = 0; i < realScans; i++)
            {
                var scan = _scans[i];
                if (scan.Sensor != radar.Id || _sorted[scan.Start].Kind == MeasurementKind.Bearing) continue;
                for (var e = last + period; e < scan.Time - period / 2; e += period) _scans.Add(new Scan(e, radar.Id, 0, 0));
                last = scan.Time;
            }
            if (double.IsNaN(last)) continue;
            for (var e = last + period; e <= time; e = last + period)
            {
                _scans.Add(new Scan(e, radar.Id, 0, 0));
                last = e;
            }
            _lastScan[radar.Id] = last;
        }
    }

    /// <summary>One scan of radar or position plots: gate, associate, update, count opportunities, initiate.</summary>
    private void ProcessScan(SensorId sensor, double t, ReadOnlySpan<Plot> scan)
    {
        _sensors.TryGetValue(sensor, out var site);
        var radar = site?.Spec as RadarSpec;
        var m = ConvertPlots(scan, site, radar, out var maxTraceR);
        _grid.Build(_z, m);

        var n = _tracks.Count;
        EnsureTrackBuffers(n);
        _pairs.Clear();
        var gate = _options.PositionGate;
        for (var k = 0; k < n; k++)
        {
            var track = _tracks[k];
            var predicted = track.PositionAt(t);
            _trackHit[k] = false;
            _trackOpportunity[k] = radar is not null && (predicted - site!.Origin).Length <= radar.MaxRange.Metres;
            if (m == 0) continue;
            var radius = Math.Sqrt(gate * (track.PositionVarianceTraceAt(t, track.ProcessNoise(_options)) + maxTraceR));
            _candidates.Clear();
            _grid.Query(predicted, radius, _candidates);
            if (_candidates.Count == 0) continue;
            PredictInto(track, t);
            foreach (var c in _candidates)
            {
                var d2 = Kf.MahalanobisSquared(_x, _p, _z[c], _r.AsSpan(c * 9, 9));
                if (d2 <= gate) _pairs.Add(new Pairing(k, c, d2));
            }
        }

        _pairs.Sort();
        foreach (var pair in _pairs)
        {
            if (_trackHit[pair.Track] || _plotUsed[pair.Plot]) continue;
            _trackHit[pair.Track] = true;
            _plotUsed[pair.Plot] = true;
            var track = _tracks[pair.Track];
            Kf.Predict(track.X, track.P, t - track.Time, track.ProcessNoise(_options));
            Kf.Update(track.X, track.P, _z[pair.Plot], _r.AsSpan(pair.Plot * 9, 9));
            MarkUpdated(track, t);
        }
        for (var k = 0; k < n; k++)
            if (_trackOpportunity[k] || _trackHit[k]) _tracks[k].RecordOpportunity(_trackHit[k], _options);

        for (var c = 0; c < m; c++)
        {
            if (_plotUsed[c]) continue;
            var track = _pool.Count > 0 ? _pool.Pop() : new TrackState();
            track.Start(_nextId++, t, _z[c], _r.AsSpan(c * 9, 9), _options.InitialVelocitySigma);
            track.RecordOpportunity(true, _options);
            _tracks.Add(track);
        }
        RemoveDeleted();
    }

    /// <summary>Converts a scan's plots into common-frame points and covariances; returns how many are usable.</summary>
    private int ConvertPlots(ReadOnlySpan<Plot> scan, SensorGeometry? site, RadarSpec? radar, out double maxTraceR)
    {
        if (_z.Length < scan.Length)
        {
            var size = Math.Max(scan.Length, _z.Length * 2);
            _z = new Vec3[size];
            _r = new double[size * 9];
            _plotUsed = new bool[size];
        }
        maxTraceR = 0;
        var m = 0;
        var positionVariance = _options.PositionPlotSigma * _options.PositionPlotSigma;
        foreach (var plot in scan)
        {
            var r = _r.AsSpan(m * 9, 9);
            if (plot.Kind == MeasurementKind.Position)
            {
                r.Clear();
                r[0] = r[4] = r[8] = positionVariance;
                _z[m] = plot.Value;
            }
            else if (radar is not null)
            {
                _z[m] = site!.ConvertPolar(plot.Range, plot.Azimuth, plot.Elevation,
                    radar.RangeSigma.Metres, radar.AzimuthSigma.Radians, radar.ElevationSigma.Radians, r);
            }
            else
            {
                continue;
            }
            maxTraceR = Math.Max(maxTraceR, r[0] + r[4] + r[8]);
            _plotUsed[m] = false;
            m++;
        }
        return m;
    }

    /// <summary>One acoustic report: each bearing may refine the confirmed track it best fits.</summary>
    private void ProcessBearings(SensorId sensor, double t, ReadOnlySpan<Plot> scan)
    {
        if (!_sensors.TryGetValue(sensor, out var site) || site.Spec is not AcousticSpec acoustic) return;
        var variance = acoustic.BearingSigma.Radians * acoustic.BearingSigma.Radians;
        var n = _tracks.Count;
        EnsureTrackBuffers(n);
        if (_plotUsed.Length < scan.Length) _plotUsed = new bool[Math.Max(scan.Length, _plotUsed.Length * 2)];
        Array.Clear(_plotUsed, 0, scan.Length);
        _pairs.Clear();
        for (var k = 0; k < n; k++)
        {
            var track = _tracks[k];
            _trackHit[k] = false;
            if (track.Status != TrackStatus.Confirmed) continue;
            var predicted = track.PositionAt(t);
            var reach = acoustic.DetectionRadius.Metres
                + Math.Sqrt(_options.PositionGate * track.PositionVarianceTraceAt(t, track.ProcessNoise(_options)));
            if ((predicted - site.Origin).HorizontalLength > reach) continue;
            PredictInto(track, t);
            var expected = site.Bearing(new Vec3(_x[0], _x[1], _x[2]), _h);
            var s = Kf.ScalarInnovationVariance(_p, _h, variance);
            for (var c = 0; c < scan.Length; c++)
            {
                var nu = Angles.WrapPi(scan[c].Azimuth - expected);
                var d2 = nu * nu / s;
                if (d2 <= _options.BearingGate) _pairs.Add(new Pairing(k, c, d2));
            }
        }

        _pairs.Sort();
        foreach (var pair in _pairs)
        {
            if (_trackHit[pair.Track] || _plotUsed[pair.Plot]) continue;
            _trackHit[pair.Track] = true;
            _plotUsed[pair.Plot] = true;
            var track = _tracks[pair.Track];
            Kf.Predict(track.X, track.P, t - track.Time, track.ProcessNoise(_options));
            var expected = site.Bearing(new Vec3(track.X[0], track.X[1], track.X[2]), _h);
            Kf.UpdateScalar(track.X, track.P, _h, Angles.WrapPi(scan[pair.Plot].Azimuth - expected), variance);
            MarkUpdated(track, t);
        }
    }

    private void PredictInto(TrackState track, double t)
    {
        track.X.CopyTo(_x, 0);
        track.P.CopyTo(_p, 0);
        Kf.Predict(_x, _p, t - track.Time, track.ProcessNoise(_options));
    }

    private static void MarkUpdated(TrackState track, double t)
    {
        track.Time = t;
        track.LastUpdateTime = t;
        track.Updates++;
    }

    private void DeleteStale(double time)
    {
        foreach (var track in _tracks)
            if (time - track.LastUpdateTime > _options.MaxCoastTime) track.Deleted = true;
        RemoveDeleted();
    }

    /// <summary>Drops deleted tracks, keeping the others in ascending id order, and recycles their states.</summary>
    private void RemoveDeleted()
    {
        var kept = 0;
        for (var k = 0; k < _tracks.Count; k++)
        {
            var track = _tracks[k];
            if (track.Deleted) _pool.Push(track);
            else _tracks[kept++] = track;
        }
        _tracks.RemoveRange(kept, _tracks.Count - kept);
    }

    private List<Track> Publish(double time)
    {
        _output.Clear();
        foreach (var track in _tracks)
        {
            PredictInto(track, time);
            _output.Add(new Track(track.Id, track.Status, time,
                new Vec3(_x[0], _x[1], _x[2]), new Vec3(_x[3], _x[4], _x[5]), (double[])_p.Clone(),
                track.FirstTime, track.LastUpdateTime, track.Updates));
        }
        return _output;
    }

    private void EnsureTrackBuffers(int n)
    {
        if (_trackHit.Length >= n) return;
        var size = Math.Max(n, _trackHit.Length * 2);
        _trackHit = new bool[size];
        _trackOpportunity = new bool[size];
    }

    /// <summary>Scans are the plots of one sensor at one time; bearings apart from the rest.</summary>
    private static int CompareScans(Plot a, Plot b)
    {
        var c = a.Time.CompareTo(b.Time);
        if (c != 0) return c;
        c = a.Sensor.Value.CompareTo(b.Sensor.Value);
        if (c != 0) return c;
        return (a.Kind == MeasurementKind.Bearing).CompareTo(b.Kind == MeasurementKind.Bearing);
    }

    /// <summary>The plots of one sensor at one time (<see cref="Count"/> 0 for an inferred empty radar scan).</summary>
    private readonly record struct Scan(double Time, SensorId Sensor, int Start, int Count) : IComparable<Scan>
    {
        public int CompareTo(Scan other)
        {
            var c = Time.CompareTo(other.Time);
            if (c != 0) return c;
            c = Sensor.Value.CompareTo(other.Sensor.Value);
            return c != 0 ? c : Start.CompareTo(other.Start);
        }
    }

    /// <summary>A track-plot pair inside the gate; pairs are taken smallest distance first.</summary>
    private readonly record struct Pairing(int Track, int Plot, double Distance2) : IComparable<Pairing>
    {
        public int CompareTo(Pairing other)
        {
            var c = Distance2.CompareTo(other.Distance2);
            if (c != 0) return c;
            c = Track.CompareTo(other.Track);
            return c != 0 ? c : Plot.CompareTo(other.Plot);
        }
    }
}
