using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.Core.Sensing;
using Canopy.Tracking.Association;
using Canopy.Tracking.Filtering;

namespace Canopy.Tracking;

/// <summary>
/// A multi-sensor, multi-target tracker. Per sensor scan: Mahalanobis gating of converted plots found through a
/// spatial grid (and of range rates, for a radar that reports them), the gate graph split into independent clusters,
/// each associated by GNN (optimal 2-D assignment) or JPDA, and each track updated by its IMM (or lone
/// constant-velocity or constant-acceleration) filter through EKF or UKF measurement updates in the sensor's own
/// coordinates. Single-point initiation, M-of-N or score-based confirmation, deletion by misses or score (counted only
/// for radars whose coverage and horizon include the track, and position sensors whose coverage does), coasting time
/// or covariance growth; out-of-sequence plots
/// within a lag bound applied from the state before the last update, older ones dropped and counted.
/// Works in the common ENU frame of <see cref="DefenceLayout.Frame"/>.
/// </summary>
public sealed class KalmanTracker : ITracker
{
    /// <summary>How many tracks ahead of the one in hand a pass over tracks prefetches state (best of 1 to 16 at 10,000 targets).</summary>
    private const int PrefetchDistance = 4;

    private readonly TrackerOptions _options;
    private readonly LocalFrame _frame;
    private readonly InteractingMultipleModelFilter _filter;
    private readonly IMeasurementPredictor _predictor;
    private readonly IAssociator _associator;
    private readonly IAssociator _bearingAssociator;
    private readonly SequentialProbabilityRatioConfirmation? _score;
    private readonly Dictionary<SensorId, SensorGeometry> _sensors = [];
    private readonly Dictionary<SensorId, SensorBias> _biases = [];
    private readonly List<TrackState> _tracks = [];
    private readonly Stack<TrackState> _pool = new();
    private readonly List<Track> _output = [];
    private readonly List<(SensorId Id, double Period)> _scanning = [];
    private readonly Dictionary<SensorId, double> _lastScan = [];
    private readonly List<Scan> _scans = [];
    private readonly UniformGrid _grid;
    private readonly GateClusters _clusters = new();
    private readonly List<int> _candidates = [];
    private readonly List<GatedTrack> _gated = [];
    private readonly FilterState _scratch;
    private readonly List<FilterState> _predictions = [];
    private int _predictionCount;
    private readonly double _gridMargin;
    private Plot[] _sorted = new Plot[64];
    private PlotKey[] _keys = new PlotKey[64];
    private Plot[] _plots = new Plot[64];
    private Vec3[] _z = new Vec3[64];
    private double[] _r = new double[64 * 9];
    private bool[] _plotUsed = new bool[64];
    private GateEdge[] _edges = new GateEdge[64];
    private double[] _weights = new double[64];
    private Plot[] _trackPlots = new Plot[16];
    private double[] _trackWeights = new double[16];
    private TrackFlags[] _flags = new TrackFlags[64];
    private int _edgeCount;
    private int _nextId = 1;
    private double _callTime = double.NaN;
    private double _latestScanTime = double.NegativeInfinity;
    private double _latestPlotTime = double.NegativeInfinity;

    public KalmanTracker(DefenceLayout layout, TrackerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        _options = options ?? new TrackerOptions();
        if (_options.Validate() is { Count: > 0 } broken)
            throw new ArgumentException($"tracker options: {string.Join("; ", broken)}", nameof(options));
        _frame = layout.Frame;
        _grid = new UniformGrid(_options.GridCellSize);
        _predictor = _options.Update == MeasurementUpdate.Ukf ? new UnscentedKalmanPredictor() : new ExtendedKalmanPredictor();
        _filter = CreateFilter(_options, _predictor, layout.Frame.Origin.HeightM);
        _scratch = new FilterState(_filter.Models);
        _filter.Reserve(_scratch);
        _associator = _options.Association == AssociationMethod.Jpda
            ? new JointProbabilisticAssociator(_options.DetectionProbability, _options.ClutterDensity, _options.MaxJpdaHypotheses, _options.PositionGate)
            : new GnnWith2DAssignment(_options.PositionGate);
        _bearingAssociator = new GnnWith2DAssignment(_options.BearingGate);
        if (_options.Initiation == TrackInitiation.Score) _score = new SequentialProbabilityRatioConfirmation(_options);
        // Candidates are sought around the constant-velocity extrapolation; the IMM's other models may predict up to
        // ½·a·dt² away, a being gravity or the turn models' centripetal acceleration at the fastest initiation speed.
        _gridMargin = _options.Filter != MotionFilter.ConstantVelocity ? Math.Max(BallisticModel.Gravity, _options.TurnRate * _options.MaxInitiationSpeed) : 0;
        foreach (var s in layout.Sensors)
        {
            _sensors[s.Id] = new SensorGeometry(layout.Frame, s);
            if (RevisitPeriod(s) is { } period) _scanning.Add((s.Id, period));
        }
        foreach (var b in _options.SensorBiases) _biases[new SensorId(b.SensorId)] = b;
    }

    /// <summary>Out-of-sequence plots applied to a track from its state before its last update.</summary>
    public int OutOfSequencePlotsApplied { get; private set; }

    /// <summary>Out-of-sequence plots dropped: too old for any track, and not used to start one.</summary>
    public int OutOfSequencePlotsDropped { get; private set; }

    /// <summary>
    /// The track filter <paramref name="options"/> select: the IMM over <see cref="TrackerOptions.Models"/> (by default
    /// CV, CT ±ω, ballistic), one CV model or one CA model. <paramref name="originHeight"/> (m) is the common frame's
    /// origin height, which the ballistic model's drag adds to a state's up coordinate to get its altitude.
    /// </summary>
    public static InteractingMultipleModelFilter CreateFilter(TrackerOptions options, IMeasurementPredictor predictor, double originHeight = 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Filter == MotionFilter.ConstantVelocity)
            return new InteractingMultipleModelFilter([new ConstantVelocityModel(options.ProcessNoiseDensity, options.FastProcessNoiseDensity, options.FastSpeed,
                options.VerticalNoiseRatio)], [1], 1, predictor);
        if (options.Filter == MotionFilter.ConstantAcceleration)
            return new InteractingMultipleModelFilter([new ConstantAccelerationModel(options.ConstantAccelerationNoiseDensity)], [1], 1, predictor, options.AccelerationSigma);
        var models = new List<IMotionModel>();
        var parts = new List<double>();
        foreach (var kind in options.Models)
        {
            switch (kind)
            {
                case MotionModelKind.ConstantVelocity:
                    models.Add(new ConstantVelocityModel(options.ImmConstantVelocityNoiseDensity, options.FastProcessNoiseDensity, options.FastSpeed,
                        options.VerticalNoiseRatio));
                    parts.Add(7);
                    break;
                case MotionModelKind.CoordinatedTurn:
                    models.Add(new CoordinatedTurnModel(options.TurnRate, options.TurnProcessNoiseDensity, options.VerticalNoiseRatio));
                    models.Add(new CoordinatedTurnModel(-options.TurnRate, options.TurnProcessNoiseDensity, options.VerticalNoiseRatio));
                    parts.AddRange([1, 1]);
                    break;
                case MotionModelKind.Ballistic:
                    models.Add(new BallisticModel(options.BallisticProcessNoiseDensity, options.FastSpeed,
                        options.BallisticCoefficient ?? double.PositiveInfinity, originHeight));
                    parts.Add(1);
                    break;
                default:
                    models.Add(new ConstantAccelerationModel(options.ConstantAccelerationNoiseDensity));
                    parts.Add(1);
                    break;
            }
        }
        if (models.Count == 0) throw new ArgumentException("the IMM needs at least one motion model", nameof(options));
        var total = parts.Sum();
        var mu = parts.Select(part => part / total).ToArray();
        return new InteractingMultipleModelFilter([.. models], mu, options.ModeSojournTime, predictor, options.AccelerationSigma);
    }

    public IReadOnlyList<Track> Update(double time, ReadOnlySpan<Plot> plots)
    {
        _callTime = time;
        SortIntoScans(plots);
        _scans.Clear();
        for (var start = 0; start < plots.Length;)
        {
            var end = start + 1;
            while (end < plots.Length && CompareScans(_sorted[start], _sorted[end]) == 0) end++;
            _scans.Add(new Scan(_sorted[start].Time, _sorted[start].Sensor, start, end - start));
            start = end;
        }
        var realScans = _scans.Count;
        AddEmptyScans(time);
        _scans.Sort();
        foreach (var scan in _scans) ProcessScan(scan.Sensor, scan.Time, _sorted.AsSpan(scan.Start, scan.Count));
        if (realScans > 0) _latestPlotTime = Math.Max(_latestPlotTime, _sorted[plots.Length - 1].Time);
        DeleteStale(time);
        return Publish(time);
    }

    /// <summary>Copies the plots into <see cref="_sorted"/> by time, sensor, kind and then arrival order.</summary>
    private void SortIntoScans(ReadOnlySpan<Plot> plots)
    {
        if (_sorted.Length < plots.Length)
        {
            _sorted = new Plot[Math.Max(plots.Length, _sorted.Length * 2)];
            _keys = new PlotKey[_sorted.Length];
        }
        for (var i = 0; i < plots.Length; i++) _keys[i] = new PlotKey(plots[i].Time, plots[i].Sensor.Value, plots[i].Kind, i);
        Array.Sort(_keys, 0, plots.Length);
        for (var i = 0; i < plots.Length; i++) _sorted[i] = plots[_keys[i].Index];
    }

    /// <summary>
    /// A sensor that detects nothing sends nothing, yet its scan was an opportunity to see every track in its coverage.
    /// Once a sensor with a revisit period (a radar, a position sensor with a report period) has reported, every period
    /// that passes by <paramref name="time"/> without plots from it (none within half a period) becomes an empty scan,
    /// so that tracks it no longer sees collect their misses.
    /// </summary>
    private void AddEmptyScans(double time)
    {
        var realScans = _scans.Count;
        foreach (var (id, period) in _scanning)
        {
            if (!_lastScan.TryGetValue(id, out var last)) last = double.NaN;
            for (var i = 0; i < realScans; i++)
            {
                var scan = _scans[i];
                if (scan.Sensor != id || _sorted[scan.Start].Kind == MeasurementKind.Bearing || scan.Time <= last) continue;
                if (!double.IsNaN(last)) AddEmptyScans(id, period, last, scan.Time - period / 2, inclusive: false, realScans);
                last = scan.Time;
            }
            if (double.IsNaN(last)) continue;
            _lastScan[id] = AddEmptyScans(id, period, last, time, inclusive: true, realScans);
        }
    }

    /// <summary>
    /// Adds sensor <paramref name="id"/>'s empty scans at <paramref name="last"/> + k·<paramref name="period"/> before
    /// <paramref name="end"/> (or at it, when <paramref name="inclusive"/>), except where no track can be alive: more than
    /// <see cref="TrackerOptions.MaxCoastTime"/> after every plot, since a track outliving that without a plot is
    /// deleted. So a long silence costs a few steps, not one per period. Returns the last period boundary passed.
    /// </summary>
    private double AddEmptyScans(SensorId id, double period, double last, double end, bool inclusive, int realScans)
    {
        var coast = _options.MaxCoastTime.Seconds;
        for (var e = last + period; inclusive ? e <= end : e < end; e = last + period)
        {
            if (!(e > last)) break; // a period below the time's resolution (times near 1e300): no scan can be told apart
            last = e;
            if (e - LatestPlotTime(e, realScans) <= coast)
            {
                _scans.Add(new Scan(e, id, 0, 0));
                continue;
            }
            var target = Math.Min(NextPlotTime(e, realScans), end);
            last = e + Math.Max(0, Math.Floor((target - e) / period) - 1) * period;
        }
        return last;
    }

    /// <summary>Time of the latest plot at or before <paramref name="t"/>: of this call's first <paramref name="realScans"/> scans (in time order) or earlier.</summary>
    private double LatestPlotTime(double t, int realScans)
    {
        var latest = _latestPlotTime;
        for (var i = 0; i < realScans && _scans[i].Time <= t; i++) latest = Math.Max(latest, _scans[i].Time);
        return latest;
    }

    /// <summary>Time of the first of this call's plots after <paramref name="t"/>, or +∞.</summary>
    private double NextPlotTime(double t, int realScans)
    {
        for (var i = 0; i < realScans; i++)
            if (_scans[i].Time > t) return _scans[i].Time;
        return double.PositiveInfinity;
    }

    /// <summary>The revisit period (s) of a sensor that scans regularly; null for acoustic posts and irregular position feeds.</summary>
    private static double? RevisitPeriod(SensorSpec sensor) => sensor switch
    {
        RadarSpec { RevisitPeriod.Seconds: > 0 and var radar } => radar,
        PositionSensorSpec { ReportPeriod.Seconds: > 0 and var feed } => feed,
        _ => null,
    };

    /// <summary>One scan of one sensor's plots: gate, cluster, associate, update, count opportunities, initiate.</summary>
    private void ProcessScan(SensorId sensor, double t, ReadOnlySpan<Plot> scan)
    {
        _sensors.TryGetValue(sensor, out var site);
        var bearings = scan.Length > 0 && scan[0].Kind == MeasurementKind.Bearing;
        if (bearings && site?.Spec is not AcousticSpec) return;
        var m = bearings ? CopyBearings(scan) : ConvertPlots(scan, site);
        var n = _tracks.Count;
        if (_flags.Length < n) _flags = new TrackFlags[Math.Max(n, _flags.Length * 2)];
        if (bearings) GateBearings(t, site!, m);
        else Gate(t, site, m);
        Associate(n, m, bearings ? _bearingAssociator : _associator, bearings, site);
        if (bearings) return;
        var pd = DetectionProbability(site);
        for (var k = 0; k < n; k++)
        {
            var f = _flags[k];
            if (f.OutOfSequence || !(f.Opportunity || f.Hit)) continue;
            if (_score is null) _tracks[k].RecordOpportunity(f.Hit, _options);
            else _tracks[k].RecordScore(f.Hit ? _tracks[k].HitScore : SequentialProbabilityRatioConfirmation.Miss(pd), _score);
        }
        Initiate(t, m, site);
        _latestScanTime = Math.Max(_latestScanTime, t);
        for (var k = n; k < _tracks.Count; k++) _tracks[k].CurrentChanged(); // the new tracks, however they were set up
        RemoveDeleted();
    }

    /// <summary>
    /// Gates every track against the scan's converted plots; fills the edges and each track's flags. A plot with a range
    /// rate from a radar that has a range-rate noise must also pass <see cref="TrackerOptions.RangeRateGate"/>; the
    /// edge keeps the position's distance and log-determinant, so that every edge's cost has the same dimension.
    /// </summary>
    private void Gate(double t, SensorGeometry? site, int m)
    {
        _edgeCount = 0;
        _predictionCount = 0;
        FindCandidates(t, site, m);
        var gate = _options.PositionGate;
        var doppler = DopplerModel(site);
        Span<double> s = stackalloc double[9];
        Span<double> sInv = stackalloc double[9];
        for (var g = 0; g < _gated.Count; g++)
        {
            // Track states lie scattered in memory: ask for the state a few tracks ahead while this one is worked on.
            if (g + PrefetchDistance < _gated.Count) StateToPredict(_gated[g + PrefetchDistance].Track).Prefetch();
            var (k, first, count) = _gated[g];
            var predicted = NewPrediction(k);
            _filter.Predict(StateToPredict(k), t, predicted);
            var px = predicted.X;
            var pp = predicted.P;
            var (rangeRate, rangeRateVariance) = doppler?.PredictRangeRate(px, pp) ?? (0, 0);
            for (var i = first; i < first + count; i++)
            {
                var c = _candidates[i];
                for (var a = 0; a < 3; a++)
                    for (var b = 0; b < 3; b++) s[a * 3 + b] = pp[a * 6 + b] + _r[c * 9 + a * 3 + b];
                var logDet = Matrix6.InvertSmall(s, 3, sInv);
                if (double.IsNaN(logDet)) continue;
                var z = _z[c];
                double nx = z.X - px[0], ny = z.Y - px[1], nz = z.Z - px[2];
                var d2 = nx * (sInv[0] * nx + sInv[1] * ny + sInv[2] * nz)
                    + ny * (sInv[3] * nx + sInv[4] * ny + sInv[5] * nz)
                    + nz * (sInv[6] * nx + sInv[7] * ny + sInv[8] * nz);
                if (!(d2 <= gate)) continue;
                if (doppler is not null && _plots[c].HasRangeRate)
                {
                    var nu = _plots[c].RangeRate - rangeRate;
                    if (!(nu * nu / rangeRateVariance <= _options.RangeRateGate)) continue;
                }
                AddEdge(new GateEdge(k, c, d2, logDet));
            }
        }
    }

    /// <summary>
    /// Sets every track's flags for the scan and lists, from the spatial grid around its mean, the plots that may fall in
    /// its gate: <see cref="_gated"/> names the tracks with any, <see cref="_candidates"/> holds the plots.
    /// </summary>
    private void FindCandidates(double t, SensorGeometry? site, int m)
    {
        var coast = _options.MaxCoastTime.Seconds;
        var maxTraceR = 0.0;
        for (var c = 0; c < m; c++) maxTraceR = Math.Max(maxTraceR, _r[c * 9] + _r[c * 9 + 4] + _r[c * 9 + 8]);
        _grid.Build(_z, m);
        _gated.Clear();
        _candidates.Clear();
        for (var k = 0; k < _tracks.Count; k++)
        {
            var track = _tracks[k];
            if (t - track.LastUpdateTime > coast)
            {
                // Past its coasting time: deleted now, as at the end of the update, so that a long silence needs no empty scans.
                track.Deleted = true;
                _flags[k] = default;
                continue;
            }
            var motion = track.Motion;
            var outOfSequence = t < motion.Time;
            if (outOfSequence)
            {
                if (!TryFrom(track, t, out var prior, out _))
                {
                    _flags[k] = default;
                    continue;
                }
                motion = new TrackMotion(prior);
            }
            _flags[k] = new TrackFlags(false, !outOfSequence && InCoverage(track, t, site), outOfSequence, -1);
            if (m == 0) continue;
            var dt = t - motion.Time;
            var radius = Math.Sqrt(_options.PositionGate * (motion.PositionTraceAt(t, _options.FastProcessNoiseDensity) + maxTraceR))
                + 0.5 * _gridMargin * dt * dt;
            var first = _candidates.Count;
            _grid.Query(motion.PositionAt(t), radius, _candidates);
            if (_candidates.Count > first) _gated.Add(new GatedTrack(k, first, _candidates.Count - first));
        }
    }

    /// <summary>The state track <paramref name="k"/> is predicted from in this scan: its prior for an out-of-sequence scan.</summary>
    private FilterState StateToPredict(int k) => _flags[k].OutOfSequence ? _tracks[k].Prior : _tracks[k].Current;

    /// <summary>Gates confirmed tracks within an acoustic post's reach against its bearings (normalised innovation).</summary>
    private void GateBearings(double t, SensorGeometry site, int m)
    {
        var acoustic = (AcousticSpec)site.Spec;
        var model = MeasurementModel.Bearing(site, acoustic.BearingSigma.Radians);
        _edgeCount = 0;
        _predictionCount = 0;
        Span<double> zHat = stackalloc double[1];
        Span<double> s = stackalloc double[1];
        Span<double> c = stackalloc double[6];
        for (var k = 0; k < _tracks.Count; k++)
        {
            var track = _tracks[k];
            _flags[k] = default;
            if (track.Status != TrackStatus.Confirmed || t < track.Time) continue;
            var reach = acoustic.DetectionRadius.Metres + Math.Sqrt(_options.PositionGate * track.Motion.PositionTraceAt(t, _options.FastProcessNoiseDensity));
            if ((track.PositionAt(t) - site.Origin).HorizontalLength > reach) continue;
            var predicted = NewPrediction(k);
            _filter.Predict(track.Current, t, predicted);
            _predictor.Predict(predicted.X, predicted.P, model, zHat, s, c);
            for (var i = 0; i < m; i++)
            {
                var nu = Angles.WrapPi(_plots[i].Azimuth - zHat[0]);
                var d2 = nu * nu / s[0];
                if (d2 <= _options.BearingGate) AddEdge(new GateEdge(k, i, d2, Math.Log(s[0])));
            }
        }
    }

    /// <summary>Clusters the gate graph, associates each cluster and updates its tracks.</summary>
    private void Associate(int n, int m, IAssociator associator, bool bearings, SensorGeometry? site)
    {
        var edges = _edges.AsSpan(0, _edgeCount);
        _clusters.Build(n, m, edges);
        if (_weights.Length < _edgeCount) _weights = new double[Math.Max(_edgeCount, _weights.Length * 2)];
        var jpda = !bearings && _options.Association == AssociationMethod.Jpda;
        for (var c = 0; c < _clusters.Count; c++)
        {
            // The buffer a track's update is committed to, a few clusters ahead.
            if (c + PrefetchDistance < _clusters.Count) _tracks[edges[_clusters.Edges(c + PrefetchDistance)[0]].Track].Prior.Prefetch();
            var cluster = _clusters.Edges(c);
            var weights = _weights.AsSpan(0, cluster.Length);
            associator.Associate(edges, cluster, weights);
            // Gating ran over tracks in order, so each track's edges are contiguous within its cluster.
            for (var start = 0; start < cluster.Length;)
            {
                var k = edges[cluster[start]].Track;
                var end = start + 1;
                while (end < cluster.Length && edges[cluster[end]].Track == k) end++;
                UpdateTrack(k, edges, cluster[start..end], weights[start..end], jpda, site);
                start = end;
            }
        }
    }

    /// <summary>Updates track <paramref name="k"/> with its weighted plots, if any weight is positive.</summary>
    private void UpdateTrack(int k, ReadOnlySpan<GateEdge> edges, ReadOnlySpan<int> own, ReadOnlySpan<double> weights, bool jpda, SensorGeometry? site)
    {
        if (_trackPlots.Length < own.Length)
        {
            _trackPlots = new Plot[Math.Max(own.Length, _trackPlots.Length * 2)];
            _trackWeights = new double[_trackPlots.Length];
        }
        var count = 0;
        var total = 0.0;
        var best = -1;
        var bestEdge = -1;
        for (var i = 0; i < own.Length; i++)
        {
            var plot = edges[own[i]].Plot;
            if (jpda) _plotUsed[plot] = true;
            if (!(weights[i] > 0)) continue;
            _plotUsed[plot] = true;
            if (best < 0 || weights[i] > _trackWeights[best]) (best, bestEdge) = (count, own[i]);
            _trackPlots[count] = _plots[plot];
            _trackWeights[count++] = weights[i];
            total += weights[i];
        }
        if (count == 0) return;
        var track = _tracks[k];
        var model = ModelFor(_trackPlots[0], site);
        if (model.HasRangeRate && !AllHaveRangeRate(count)) model = ModelFor(_trackPlots[0] with { RangeRate = double.NaN }, site);
        var missWeight = Math.Max(0, 1 - total);
        var predicted = _predictions[_flags[k].Prediction];
        _filter.Update(predicted, model, _trackPlots.AsSpan(0, count), _trackWeights.AsSpan(0, count), missWeight,
            _options.DetectionProbability, jpda ? _options.ClutterDensity : 0);
        var f = _flags[k];
        _flags[k] = f with { Hit = total > 0.5 };
        if (_score is not null) track.HitScore = HitScore(edges[bestEdge], site);
        track.Updates++;
        if (f.OutOfSequence)
        {
            // Replay the last update on top of the out-of-sequence one.
            _filter.Predict(predicted, track.Time, _scratch);
            _sensors.TryGetValue(track.LastPlot.Sensor, out var lastSite);
            _filter.Update(_scratch, ModelFor(track.LastPlot, lastSite), [track.LastPlot], [1.0], 0, 1, 0);
            track.Prior.CopyFrom(predicted);
            track.Current.CopyFrom(_scratch);
            track.CurrentChanged();
            OutOfSequencePlotsApplied++;
            return;
        }
        track.CommitUpdate(predicted);
        track.LastPlot = _trackPlots[best];
    }

    /// <summary>
    /// A scratch state for track <paramref name="k"/>'s prediction to the scan in hand, recorded in its flags. Predictions
    /// live only from gating to update, so they are kept in a pool of gated-track slots rather than in every track.
    /// </summary>
    private FilterState NewPrediction(int k)
    {
        if (_predictionCount == _predictions.Count)
        {
            var scratch = new FilterState(_filter.Models);
            _filter.Reserve(scratch);
            _predictions.Add(scratch);
        }
        _flags[k] = _flags[k] with { Prediction = _predictionCount };
        return _predictions[_predictionCount++];
    }

    /// <summary>
    /// Starts a tentative track on every plot no track took, unless the plot is older than scans already processed; a
    /// plot's range rate, when its radar's noise is known, gives the new track's velocity along the line of sight.
    /// </summary>
    private void Initiate(double t, int m, SensorGeometry? site)
    {
        var rangeRateSigma = site?.Spec is RadarSpec { RangeRateSigma: { } sigma } ? sigma.MetresPerSecond : double.NaN;
        for (var c = 0; c < m; c++)
        {
            if (_plotUsed[c]) continue;
            if (t < _latestScanTime)
            {
                OutOfSequencePlotsDropped++;
                continue;
            }
            var track = _pool.Count > 0 ? _pool.Pop() : NewTrackState();
            track.Start(_filter, _nextId++, _plots[c], _z[c], _r.AsSpan(c * 9, 9), _options.InitialVelocitySigma);
            if (_plots[c].HasRangeRate && !double.IsNaN(rangeRateSigma))
                track.AlignVelocityWithRangeRate(_filter, (_z[c] - site!.Origin).Normalized(), _plots[c].RangeRate, rangeRateSigma);
            if (_score is null) track.RecordOpportunity(true, _options);
            else track.Score = track.MaxScore = _score.InitialScore;
            _tracks.Add(track);
        }
    }

    /// <summary>Score increment of a hit by the plot of <paramref name="edge"/> (its 3-D converted position).</summary>
    private double HitScore(GateEdge edge, SensorGeometry? site) =>
        _score!.Hit(edge.Distance2, edge.LogDetS, site?.Spec is AcousticSpec ? 1 : 3, DetectionProbability(site));

    /// <summary>The scan's sensor's probability of detection: its own for a radar or position sensor, else the options'.</summary>
    private double DetectionProbability(SensorGeometry? site) => site?.Spec switch
    {
        RadarSpec r => r.DetectionProbability.Value,
        PositionSensorSpec p => p.DetectionProbability.Value,
        _ => _options.DetectionProbability,
    };

    /// <summary>A track whose filter states already hold every buffer the filter needs, so that reusing it allocates nothing.</summary>
    private TrackState NewTrackState()
    {
        var track = new TrackState(_filter.Models);
        _filter.Reserve(track.Current);
        _filter.Reserve(track.Prior);
        return track;
    }

    /// <summary>
    /// The state to predict from: the current one for a plot not older than it; the one before the last update for a
    /// plot out of sequence but within the lag bound; none otherwise.
    /// </summary>
    private bool TryFrom(TrackState track, double t, out FilterState from, out bool outOfSequence)
    {
        outOfSequence = t < track.Time;
        from = outOfSequence ? track.Prior : track.Current;
        return !outOfSequence || (track.HasPrior && t >= track.Prior.Time && track.Time - t <= _options.MaxOutOfSequenceLag);
    }

    /// <summary>
    /// Whether the scan's sensor could have seen the track: a radar within its range and above its horizon, a position
    /// sensor within its coverage box (anywhere, when it has none); an unknown sensor never.
    /// </summary>
    private bool InCoverage(TrackState track, double t, SensorGeometry? site)
    {
        switch (site?.Spec)
        {
            case RadarSpec radar:
                return InRadarCoverage(track, t, site, radar);
            case PositionSensorSpec feed:
                if (feed.Coverage is not { } box) return true;
                var p = track.PositionAt(t);
                return box.Contains(p.X, p.Y, p.Z);
            default:
                return false;
        }
    }

    /// <summary>Whether the radar could have seen the track: within its range and above its horizon.</summary>
    private bool InRadarCoverage(TrackState track, double t, SensorGeometry site, RadarSpec radar)
    {
        var position = track.PositionAt(t);
        var range = (position - site.Origin).Length;
        if (range > radar.MaxRange.Metres) return false;
        if (track.HeightTime != _callTime)
        {
            track.Height = _frame.ToGeodetic(position).HeightM;
            track.HeightTime = _callTime;
        }
        return range <= RadarHorizon.Distance(radar.Antenna.HeightM, track.Height);
    }

    private MeasurementModel ModelFor(in Plot plot, SensorGeometry? site) => plot.Kind switch
    {
        MeasurementKind.Position => site?.Spec is PositionSensorSpec feed
            ? MeasurementModel.Position(feed.SigmaEast.Metres, feed.SigmaNorth.Metres, feed.SigmaUp.Metres)
            : MeasurementModel.Position(_options.PositionPlotSigma, _options.PositionPlotSigma, _options.PositionPlotSigma),
        MeasurementKind.Bearing => MeasurementModel.Bearing(site!, ((AcousticSpec)site!.Spec).BearingSigma.Radians),
        _ => site!.Spec is RadarSpec radar
            ? plot.HasRangeRate && DopplerModel(site) is { } doppler
                ? doppler
                : MeasurementModel.Polar(site, radar.RangeSigma.Metres, radar.AzimuthSigma.Radians, radar.ElevationSigma.Radians)
            : throw new InvalidOperationException($"sensor {plot.Sensor} is not a radar"),
    };

    /// <summary>The 4-D measurement of a radar that reports range rates (has a range-rate noise); null for other sensors.</summary>
    private static MeasurementModel? DopplerModel(SensorGeometry? site) =>
        site?.Spec is RadarSpec { RangeRateSigma: { } rangeRateSigma } radar
            ? MeasurementModel.PolarWithRangeRate(site, radar.RangeSigma.Metres, radar.AzimuthSigma.Radians, radar.ElevationSigma.Radians,
                rangeRateSigma.MetresPerSecond)
            : null;

    /// <summary>Whether each of the first <paramref name="count"/> plots of <see cref="_trackPlots"/> reports a range rate.</summary>
    private bool AllHaveRangeRate(int count)
    {
        for (var i = 0; i < count; i++)
            if (!_trackPlots[i].HasRangeRate) return false;
        return true;
    }

    /// <summary>Converts a scan's plots (bias removed) into common-frame points and covariances; returns how many are usable.</summary>
    private int ConvertPlots(ReadOnlySpan<Plot> scan, SensorGeometry? site)
    {
        EnsurePlotBuffers(scan.Length);
        var radar = site?.Spec as RadarSpec;
        SensorBias? bias = null;
        if (site is not null) _biases.TryGetValue(site.Spec.Id, out bias);
        var m = 0;
        var positionVariance = _options.PositionPlotSigma * _options.PositionPlotSigma;
        var feed = site?.Spec as PositionSensorSpec;
        foreach (var raw in scan)
        {
            var plot = raw;
            var r = _r.AsSpan(m * 9, 9);
            if (plot.Kind == MeasurementKind.Position)
            {
                r.Clear();
                if (feed is null) r[0] = r[4] = r[8] = positionVariance;
                else (r[0], r[4], r[8]) = (Square(feed.SigmaEast.Metres), Square(feed.SigmaNorth.Metres), Square(feed.SigmaUp.Metres));
                _z[m] = plot.Value;
            }
            else if (radar is not null)
            {
                if (bias is not null) plot = plot with { Value = new Vec3(plot.Range - bias.RangeBias, plot.Azimuth - bias.AzimuthBias, plot.Elevation) };
                _z[m] = site!.ConvertPolar(plot.Range, plot.Azimuth, plot.Elevation,
                    radar.RangeSigma.Metres, radar.AzimuthSigma.Radians, radar.ElevationSigma.Radians, r);
            }
            else
            {
                continue;
            }
            _plots[m] = plot;
            _plotUsed[m] = false;
            m++;
        }
        return m;
    }

    private static double Square(double v) => v * v;

    private int CopyBearings(ReadOnlySpan<Plot> scan)
    {
        EnsurePlotBuffers(scan.Length);
        scan.CopyTo(_plots);
        Array.Clear(_plotUsed, 0, scan.Length);
        return scan.Length;
    }

    private void AddEdge(GateEdge edge)
    {
        if (_edgeCount == _edges.Length) Array.Resize(ref _edges, _edges.Length * 2);
        _edges[_edgeCount++] = edge;
    }

    private void DeleteStale(double time)
    {
        foreach (var track in _tracks)
            if (time - track.LastUpdateTime > _options.MaxCoastTime.Seconds) track.Deleted = true;
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

    /// <summary>
    /// Every live track predicted to <paramref name="time"/>; a confirmed track too uncertain (covariance growth) is deleted
    /// instead. Tentative tracks start with a velocity spread wide enough for any target, so only M-of-N or the score judges them.
    /// </summary>
    private List<Track> Publish(double time)
    {
        _output.Clear();
        var maxVariance = _options.MaxPositionSigma * _options.MaxPositionSigma;
        for (var k = 0; k < _tracks.Count; k++)
        {
            if (k + PrefetchDistance < _tracks.Count) _tracks[k + PrefetchDistance].Current.Prefetch();
            var track = _tracks[k];
            _filter.Predict(track.Current, Math.Max(time, track.Time), _scratch);
            var x = _scratch.X;
            var p = _scratch.P;
            if (track.Status == TrackStatus.Confirmed && Math.Max(p[0], Math.Max(p[7], p[14])) > maxVariance)
            {
                track.Deleted = true;
                continue;
            }
            var covariance = default(StateCovariance);
            p.CopyTo(covariance);
            _output.Add(new Track(track.Id, track.Status, time, new Vec3(x[0], x[1], x[2]), new Vec3(x[3], x[4], x[5]),
                covariance, track.FirstTime, track.LastUpdateTime, track.Updates));
        }
        RemoveDeleted();
        return _output;
    }

    private void EnsurePlotBuffers(int size)
    {
        if (_z.Length >= size) return;
        size = Math.Max(size, _z.Length * 2);
        _z = new Vec3[size];
        _r = new double[size * 9];
        _plots = new Plot[size];
        _plotUsed = new bool[size];
    }

    /// <summary>Scans are the plots of one sensor at one time and of one kind.</summary>
    private static int CompareScans(Plot a, Plot b)
    {
        var c = a.Time.CompareTo(b.Time);
        if (c != 0) return c;
        c = a.Sensor.Value.CompareTo(b.Sensor.Value);
        return c != 0 ? c : ((byte)a.Kind).CompareTo((byte)b.Kind);
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

    /// <summary>Sort key of a plot: its scan (time, sensor, kind), then arrival order, so that sorting is deterministic.</summary>
    private readonly record struct PlotKey(double Time, int Sensor, MeasurementKind Kind, int Index) : IComparable<PlotKey>
    {
        public int CompareTo(PlotKey other)
        {
            var c = Time.CompareTo(other.Time);
            if (c != 0) return c;
            c = Sensor.CompareTo(other.Sensor);
            if (c != 0) return c;
            c = ((byte)Kind).CompareTo((byte)other.Kind);
            return c != 0 ? c : Index.CompareTo(other.Index);
        }
    }

    /// <summary>A track with plots near it: its candidates are <see cref="_candidates"/>[First..First + Count].</summary>
    private readonly record struct GatedTrack(int Track, int First, int Count);

    /// <summary>A track's role in the scan in hand.</summary>
    /// <param name="Prediction">Index in <see cref="_predictions"/> of the track's prediction to the scan, if it was gated.</param>
    private readonly record struct TrackFlags(bool Hit, bool Opportunity, bool OutOfSequence, int Prediction);
}
