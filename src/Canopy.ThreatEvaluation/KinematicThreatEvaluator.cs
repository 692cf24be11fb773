using System.Runtime.InteropServices;
using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.Tracking;

namespace Canopy.ThreatEvaluation;

/// <summary>
/// Evaluates confirmed tracks from their kinematics: classifies them (<see cref="KinematicClassifier"/>, with the
/// vertical acceleration fitted over a short per-track history), predicts where they come down (ballistic: free fall
/// to the ground with the impact ellipse propagated from the track covariance, <see cref="ImpactEllipse"/>; drones and
/// cruise missiles: straight-line closest approach to each asset within the look-ahead, or up to the ground when the track
/// dives) and ranks them by
/// <c>Score = ExpectedDamage / max(TimeToGo, MinTimeToGo)</c>, i.e. value at risk per second left to act (for aircraft the
/// floor is <see cref="ThreatEvaluationOptions.AircraftMinTimeToGo"/>, so a hostile aircraft does not outrank a missile).
/// </summary>
/// <remarks>
/// ExpectedDamage = asset value x probability of reaching the asset x class lethality. For a ballistic threat the
/// probability of reaching an asset is the impact ellipse's Gaussian mass over the asset's disc; for the others it is 1
/// for a miss distance within the radius, falling linearly to 0 at radius + corridor margin.
/// The first arrival (the deadline an intercept must beat) is the entry into the footprint of the first threatened asset on
/// the path, which may come before the most damaged asset's: a missile whose line runs over the power plant and on to the
/// city may dive at the plant. Its standard deviation follows from the track covariance along the ground track.
/// Tracks the identity stage (<see cref="IIdentityCorrelator"/>: ADS-B, IFF) names civil or friendly are not assessed at all.
/// </remarks>
public sealed class KinematicThreatEvaluator : IThreatEvaluator
{
    private readonly ThreatEvaluationOptions _options;
    private readonly KinematicClassifier _classifier;
    private readonly (DefendedAsset Asset, Vec3 Position)[] _assets;
    private readonly Dictionary<int, VerticalAccelerationFit> _history = [];
    private readonly List<int> _stale = [];
    private readonly IIdentityCorrelator? _identity;
    private readonly Approach[] _approaches;
    private readonly List<Rank> _ranks = [];
    private Track[] _copy = [];
    private long _stamp;

    public KinematicThreatEvaluator(DefenceLayout layout, ThreatEvaluationOptions? options = null, IIdentityCorrelator? identity = null)
    {
        _identity = identity;
        _options = options ?? ThreatEvaluationOptions.Default with { AircraftLethality = layout.Policy.AircraftLethality };
        _classifier = new KinematicClassifier(_options);
        _assets = layout.Assets.Select(a => (a, layout.Frame.ToEnu(a.Position))).ToArray();
        _approaches = new Approach[Math.Max(1, _assets.Length)];
    }

    public IReadOnlyList<ThreatAssessment> Evaluate(double time, IReadOnlyList<Track> tracks)
    {
        _stamp++;
        var all = TrackSpan(tracks);
        var result = new List<ThreatAssessment>(all.Length);
        _ranks.Clear();
        foreach (ref readonly var t in all)
        {
            if (t.Status != TrackStatus.Confirmed || (_identity?.Identify(t, time) ?? AirIdentity.Unknown) != AirIdentity.Unknown) continue;
            var assessment = Assess(time, in t);
            _ranks.Add(new Rank(assessment.Score, t.Id));
            result.Add(assessment);
        }
        // Highest score first, then ascending track id (ids are unique, so the order is total).
        CollectionsMarshal.AsSpan(_ranks).Sort(CollectionsMarshal.AsSpan(result));
        Prune();
        return result;
    }

    /// <summary>The tracks as a span, without copying them when they come as a list or an array.</summary>
    private ReadOnlySpan<Track> TrackSpan(IReadOnlyList<Track> tracks)
    {
        switch (tracks)
        {
            case List<Track> list:
                return CollectionsMarshal.AsSpan(list);
            case Track[] array:
                return array;
        }
        if (_copy.Length < tracks.Count) _copy = new Track[Math.Max(tracks.Count, 2 * _copy.Length)];
        for (var i = 0; i < tracks.Count; i++) _copy[i] = tracks[i];
        return _copy.AsSpan(0, tracks.Count);
    }

    /// <summary>Height above the ground (the sphere through the frame origin) of a point of the frame.</summary>
    private static double Altitude(Vec3 p) => p.Z + (p.X * p.X + p.Y * p.Y) / (2 * Wgs84.MeanRadius);

    /// <summary>The track's fitted vertical acceleration, after adding its latest update to its history.</summary>
    private double? VerticalAcceleration(in Track track)
    {
        if (!_history.TryGetValue(track.Id, out var fit))
            _history[track.Id] = fit = new VerticalAccelerationFit();
        fit.Seen = _stamp;
        if (!(fit.LastTime >= track.LastUpdateTime))
            fit.Add(track.LastUpdateTime, track.Velocity.Z);
        return fit.Slope(_options.MinArcSpan.Seconds);
    }

    private void Prune()
    {
        _stale.Clear();
        foreach (var (id, fit) in _history)
            if (fit.Seen != _stamp) _stale.Add(id);
        foreach (var id in _stale) _history.Remove(id);
    }

    private ThreatAssessment Assess(double time, in Track track)
    {
        var (cls, confidence) = _classifier.Classify(track.Velocity, Altitude(track.Position), VerticalAcceleration(in track));
        var (position, count) = Project(cls, in track, time - track.Time);
        var approaches = _approaches.AsSpan(0, count);
        var lethality = _options.Lethality(cls);

        var best = -1;
        var bestDamage = 0.0;
        for (var i = 0; i < approaches.Length; i++)
        {
            ref readonly var approach = ref approaches[i];
            var damage = approach.Asset is null ? 0 : approach.Asset.Value * approach.Reach * lethality;
            if (best < 0 || damage > bestDamage || (damage == bestDamage && approach.Miss < approaches[best].Miss))
                (best, bestDamage) = (i, damage);
        }

        if (best < 0)
            return new ThreatAssessment(track, cls, confidence, null, position, _options.LookAhead.Seconds, false, 0, 0);
        ref readonly var b = ref approaches[best];
        var threatens = b.Asset is not null && Threatens(cls, in b);
        var floor = cls == ThreatClass.Aircraft ? _options.AircraftMinTimeToGo : _options.MinTimeToGo;
        var score = bestDamage / Math.Max(b.TimeToGo, floor.Seconds);
        var first = threatens ? FirstThreatened(cls, approaches, best) : best;
        return new ThreatAssessment(track, cls, confidence, threatens ? b.Asset : null, b.Point, b.TimeToGo,
            threatens, bestDamage, score, b.Reach)
        {
            FirstArrival = Math.Min(approaches[first].Arrival, b.TimeToGo),
            FirstAsset = threatens ? approaches[first].Asset : null,
            ArrivalSigma = ArrivalSigma(cls, in track, approaches[first].Arrival),
        };
    }

    /// <summary>Whether an approach to an asset threatens it: by reach probability when ballistic, else by miss distance.</summary>
    private bool Threatens(ThreatClass cls, in Approach a) => cls == ThreatClass.Ballistic
        ? a.Reach >= _options.MinReachProbability
        : a.Miss <= a.Asset!.Radius.Metres + _options.CorridorMargin.Metres;

    /// <summary>
    /// The approach it reaches first among those that threaten their asset (at the latest the most damaging one,
    /// <paramref name="best"/>), as an index into <paramref name="approaches"/>.
    /// </summary>
    private int FirstThreatened(ThreatClass cls, ReadOnlySpan<Approach> approaches, int best)
    {
        var first = best;
        for (var i = 0; i < approaches.Length; i++)
        {
            ref readonly var a = ref approaches[i];
            if (a.Asset is not null && a.Arrival < approaches[first].Arrival && Threatens(cls, in a))
                first = i;
        }
        return first;
    }

    /// <summary>
    /// Standard deviation of an arrival <paramref name="timeToGo"/> seconds ahead from the track's uncertainty along its
    /// ground track: (σ² of position + (t σ of velocity)²) along the ground velocity, over the ground speed squared.
    /// Ballistic arrivals come with their own impact ellipse; their time to go is taken as known.
    /// </summary>
    private static double ArrivalSigma(ThreatClass cls, in Track track, double timeToGo)
    {
        var ground = track.Velocity with { Z = 0 };
        var speed = ground.Length;
        if (cls == ThreatClass.Ballistic || speed <= 0)
            return 0;
        var (ux, uy) = (ground.X / speed, ground.Y / speed);
        var p = track.Covariance;
        var position = ux * ux * p[0] + 2 * ux * uy * p[1] + uy * uy * p[7];
        var velocity = ux * ux * p[21] + 2 * ux * uy * p[22] + uy * uy * p[28];
        return Math.Sqrt(Math.Max(0, position + timeToGo * timeToGo * velocity)) / speed;
    }

    /// <summary>The track's position <paramref name="dt"/> seconds after its time; its approaches from there go to <see cref="_approaches"/>, how many returned.</summary>
    private (Vec3 Position, int Approaches) Project(ThreatClass cls, in Track track, double dt)
    {
        if (cls != ThreatClass.Ballistic)
        {
            var now = track.Position + track.Velocity * dt;
            return (now, StraightLineApproaches(now, track.Velocity, DiveTime(now, in track)));
        }
        var position = BallisticImpactPredictor.Propagate(track.Position, track.Velocity, dt);
        return (position, BallisticApproaches(in track, dt));
    }

    /// <summary>1 within the asset's radius, falling linearly to 0 at radius + corridor margin.</summary>
    private double CorridorReach(DefendedAsset asset, double miss)
    {
        var radius = asset.Radius.Metres;
        var margin = _options.CorridorMargin.Metres;
        if (miss <= radius)
            return 1;
        if (miss >= radius + margin)
            return 0;
        return 1 - (miss - radius) / margin;
    }

    /// <summary>
    /// One impact ellipse (from the track's own state and covariance, <paramref name="dt"/> seconds before now),
    /// measured against every asset (or alone, if there are none).
    /// </summary>
    private int BallisticApproaches(in Track track, double dt)
    {
        var covariance = track.Covariance;
        if (ImpactEllipse.Predict(track.Position, track.Velocity, covariance) is not { } ellipse)
            return 0;
        var timeToGo = Math.Max(ellipse.TimeToGo - dt, 0);
        var point = ellipse.Point;
        if (_assets.Length == 0)
        {
            _approaches[0] = new Approach(null, point, timeToGo, double.PositiveInfinity, 0, timeToGo);
            return 1;
        }
        for (var i = 0; i < _assets.Length; i++)
        {
            var (asset, at) = _assets[i];
            _approaches[i] = new Approach(asset, point, timeToGo, (point - at).HorizontalLength,
                ellipse.ProbabilityWithin(at, asset.Radius.Metres), timeToGo);
        }
        return _assets.Length;
    }

    /// <summary>
    /// For each asset, the horizontal closest approach ahead (clamped to [now, now + look-ahead]); the point is
    /// the threat's ground position there, at the asset's height.
    /// </summary>
    private int StraightLineApproaches(Vec3 position, Vec3 velocity, double horizon)
    {
        var ground = velocity with { Z = 0 };
        var groundSpeed2 = ground.LengthSquared;
        for (var i = 0; i < _assets.Length; i++)
        {
            var (asset, at) = _assets[i];
            var toAsset = (at - position) with { Z = 0 };
            var t = groundSpeed2 > 0 ? Vec3.Dot(toAsset, ground) / groundSpeed2 : 0;
            t = Math.Clamp(t, 0, horizon);
            var point = position + ground * t;
            var miss = (toAsset - ground * t).Length;
            var radius = asset.Radius.Metres;
            var inside = miss < radius && groundSpeed2 > 0 ? Math.Sqrt(radius * radius - miss * miss) / Math.Sqrt(groundSpeed2) : 0;
            _approaches[i] = new Approach(asset, point with { Z = at.Z }, t, miss, CorridorReach(asset, miss), Math.Max(0, t - inside));
        }
        return _assets.Length;
    }

    /// <summary>
    /// How far ahead a straight-line threat is projected: the look-ahead, or less when the track dives, namely the seconds
    /// until it reaches the ground at its present sink rate (a terminal dive ends the flight there, so no asset beyond
    /// that point is threatened). A sink rate counts as a dive when it exceeds <see cref="DiveSigmas"/> standard
    /// deviations of the track's vertical velocity and <see cref="MinDiveRate"/>.
    /// </summary>
    private double DiveTime(Vec3 position, in Track track)
    {
        var sink = -track.Velocity.Z;
        var sigma = Math.Sqrt(Math.Max(0, track.Covariance[35]));
        var altitude = Altitude(position);
        return sink > MinDiveRate && sink > DiveSigmas * sigma && altitude > 0
            ? Math.Min(_options.LookAhead.Seconds, altitude / sink)
            : _options.LookAhead.Seconds;
    }

    /// <summary>Least sink rate (m/s) read as a terminal dive.</summary>
    private const double MinDiveRate = 3;

    /// <summary>Standard deviations of the vertical velocity a sink rate must exceed to be read as a dive.</summary>
    private const double DiveSigmas = 3;

    /// <param name="Arrival">Seconds until it enters the asset's footprint (ballistic: impact), at most <paramref name="TimeToGo"/>.</param>
    private readonly record struct Approach(DefendedAsset? Asset, Vec3 Point, double TimeToGo, double Miss, double Reach, double Arrival);

    /// <summary>Sort key of an assessment: score descending, then track id ascending.</summary>
    private readonly record struct Rank(double Score, int Id) : IComparable<Rank>
    {
        public int CompareTo(Rank other)
        {
            var c = other.Score.CompareTo(Score);
            return c != 0 ? c : Id.CompareTo(other.Id);
        }
    }
}
