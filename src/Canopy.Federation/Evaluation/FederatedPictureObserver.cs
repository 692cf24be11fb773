using System.Runtime.InteropServices;
using Canopy.Core.Defence;
using Canopy.Core.Geometry;
using Canopy.Core.Sensing;
using Canopy.Federation.Fusion;
using Canopy.Pipeline;
using Canopy.Scenarios.Model;
using Canopy.Simulation.Running;
using Canopy.Tracking;
using Canopy.Tracking.Metrics;
using Canopy.World;

namespace Canopy.Federation.Evaluation;

/// <summary>
/// Watches a single-process run and builds beside it, in the same process and with perfect links, the air picture of a
/// federation: every nation's own tracker (the tracker <c>simulate</c> runs) fed only its own sensors' plots, and at
/// every nation its fused picture, its own confirmed tracks and every partner's (exchanged at once) fused by
/// <see cref="CovarianceIntersectionTrackFuser"/>. The run's own pipeline, fed every plot, is the central fusion. Every
/// <see cref="FederatedPictureOptions.Period"/> the three kinds of picture are scored by GOSPA against every flying
/// threat and aircraft (the truth of <c>truth.csv</c>); <see cref="Result"/> has the means.
/// </summary>
public sealed class FederatedPictureObserver : IRunObserver
{
    private readonly FederatedPictureOptions _options;
    private readonly string[] _nations;
    private readonly Dictionary<SensorId, int> _nationOfSensor = [];
    private readonly KalmanTracker[] _trackers;
    private readonly CovarianceIntersectionTrackFuser[] _fusers;
    private readonly List<Plot>[] _plots;
    private readonly List<SourceTrack>[] _local;
    private readonly GospaMetric _gospa;
    private readonly Score[] _own;
    private readonly Score[] _fused;
    private readonly Score[] _contributors;
    private readonly Score _central = new();
    private readonly List<Vec3> _truth = [];
    private readonly List<Vec3> _estimates = [];
    private readonly List<SourceTrack> _all = [];
    private double _nextScoring;

    public FederatedPictureObserver(Scenario scenario, FederatedPictureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _options = options ?? new FederatedPictureOptions();
        if (_options.Validate() is { Count: > 0 } broken)
            throw new ArgumentException($"federated picture options: {string.Join("; ", broken)}", nameof(options));
        _nations = [.. scenario.Sensors.Select(s => s.Nation ?? scenario.Nation).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        var frame = new Core.Geodesy.LocalFrame(scenario.Region.Centre);
        _trackers = new KalmanTracker[_nations.Length];
        _fusers = new CovarianceIntersectionTrackFuser[_nations.Length];
        for (var n = 0; n < _nations.Length; n++)
        {
            var nation = _nations[n];
            var sensors = scenario.Sensors.Where(s => (s.Nation ?? scenario.Nation) == nation).ToList();
            foreach (var s in sensors) _nationOfSensor[s.Id] = n;
            var layout = new DefenceLayout(frame, scenario.Assets, sensors, scenario.Effectors, scenario.Policy);
            _trackers[n] = new KalmanTracker(layout, _options.Tracking);
            _fusers[n] = new CovarianceIntersectionTrackFuser((_options.Fusion ?? new TrackFusionOptions()) with { OwnNation = nation });
        }
        _plots = [.. _nations.Select(_ => new List<Plot>())];
        _local = [.. _nations.Select(_ => new List<SourceTrack>())];
        _own = [.. _nations.Select(_ => new Score())];
        _fused = [.. _nations.Select(_ => new Score())];
        _contributors = [.. _nations.Select(_ => new Score())];
        _gospa = new GospaMetric(_options.Cutoff, _options.Order);
    }

    /// <summary>The nations (of the scenario's sensors), in code order.</summary>
    public IReadOnlyList<string> Nations => _nations;

    public void OnTick(double time, SimulatedWorld world, ReadOnlySpan<Plot> plots, PipelineStep step)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(step);
        foreach (var list in _plots) list.Clear();
        foreach (var plot in plots)
        {
            if (_nationOfSensor.TryGetValue(plot.Sensor, out var n)) _plots[n].Add(plot);
        }
        for (var n = 0; n < _nations.Length; n++)
        {
            var tracks = _trackers[n].Update(time, CollectionsMarshal.AsSpan(_plots[n]));
            _local[n].Clear();
            foreach (var t in tracks)
            {
                if (t.Status == TrackStatus.Confirmed) _local[n].Add(SourceTrack.From(_nations[n], t));
            }
        }
        if (time + 1e-9 < _nextScoring) return;
        _nextScoring = time + _options.Period;
        ScoreAll(time, world, step);
    }

    private void ScoreAll(double time, SimulatedWorld world, PipelineStep step)
    {
        _truth.Clear();
        foreach (var threat in world.Threats)
        {
            if (threat.IsFlying) _truth.Add(threat.Enu);
        }
        _estimates.Clear();
        foreach (var t in step.Tracks)
        {
            if (t.Status == TrackStatus.Confirmed) _estimates.Add(t.Position);
        }
        _central.Add(Gospa());
        _all.Clear();
        foreach (var list in _local) _all.AddRange(list);
        for (var n = 0; n < _nations.Length; n++)
        {
            _estimates.Clear();
            foreach (var t in _local[n]) _estimates.Add(t.Position);
            _own[n].Add(Gospa());
            var fused = _fusers[n].Fuse(time, _all);
            _estimates.Clear();
            var contributions = 0;
            foreach (var s in fused)
            {
                _estimates.Add(s.Position);
                contributions += s.Contributors.Count;
            }
            _fused[n].Add(Gospa());
            _contributors[n].AddTracks(fused.Count, contributions);
        }
    }

    private GospaResult Gospa() => _gospa.Compute(CollectionsMarshal.AsSpan(_truth), CollectionsMarshal.AsSpan(_estimates));

    /// <summary>Mean GOSPA over the scorings so far: every nation's own and fused picture, and the central one.</summary>
    public FederatedPictureResult Result() => new(
        _central.Count,
        _options.Cutoff,
        _options.Order,
        [.. _nations.Select((nation, n) => new NationPicture(nation, _own[n].Summary(), _fused[n].Summary(), _contributors[n].MeanContributors))],
        _central.Summary());

    /// <summary>Running sums of one picture's GOSPA.</summary>
    private sealed class Score
    {
        private double _distance, _missed, _false;
        private long _systemTracks, _contributions;

        public int Count { get; private set; }

        public void Add(GospaResult g)
        {
            Count++;
            _distance += g.Distance;
            _missed += g.MissedCount;
            _false += g.FalseCount;
        }

        public void AddTracks(int systemTracks, int contributions)
        {
            _systemTracks += systemTracks;
            _contributions += contributions;
        }

        public double MeanContributors => _systemTracks == 0 ? 0 : (double)_contributions / _systemTracks;

        public PictureScore Summary() => Count == 0 ? new(0, 0, 0) : new(_distance / Count, _missed / Count, _false / Count);
    }
}

/// <summary>A picture's mean GOSPA (m) and its mean numbers of missed targets and false tracks per scoring.</summary>
public readonly record struct PictureScore(double Gospa, double MissedTargets, double FalseTracks);

/// <summary>One nation's own picture (its own sensors only) and fused picture (its own tracks and its partners').</summary>
/// <param name="MeanContributors">Mean number of local tracks fused into one system track (1 to the number of nations).</param>
public sealed record NationPicture(string Nation, PictureScore Own, PictureScore Fused, double MeanContributors);

/// <summary>The federated picture's scores: per nation, own and fused; and central fusion of every plot in one tracker.</summary>
public sealed record FederatedPictureResult(int Scorings, double Cutoff, double Order, IReadOnlyList<NationPicture> Nations, PictureScore Central);
