using Canopy.Core.Defence;
using Canopy.Core.Geometry;
using Canopy.Tracking;

namespace Canopy.ThreatEvaluation;

/// <summary>
/// Evaluates confirmed tracks from their kinematics: classifies them (<see cref="KinematicClassifier"/>), predicts
/// where they come down (ballistic: free fall to the ground; drones and cruise missiles: straight-line closest approach
/// to each asset within the look-ahead) and ranks them by
/// <c>Score = ExpectedDamage / max(TimeToGo, MinTimeToGo)</c>, i.e. value at risk per second left to act.
/// </summary>
/// <remarks>
/// ExpectedDamage = asset value x probability of reaching the asset x class lethality. The probability of reaching an
/// asset is 1 for a miss distance within its radius and falls linearly to 0 at radius + corridor margin.
/// </remarks>
public sealed class KinematicThreatEvaluator : IThreatEvaluator
{
    private readonly ThreatEvaluationOptions _options;
    private readonly KinematicClassifier _classifier;
    private readonly (DefendedAsset Asset, Vec3 Position)[] _assets;

    public KinematicThreatEvaluator(DefenceLayout layout, ThreatEvaluationOptions? options = null)
    {
        _options = options ?? ThreatEvaluationOptions.Default;
        _classifier = new KinematicClassifier(_options);
        _assets = layout.Assets.Select(a => (a, layout.Frame.ToEnu(a.Position))).ToArray();
    }

    public IReadOnlyList<ThreatAssessment> Evaluate(double time, IReadOnlyList<Track> tracks) =>
        tracks.Where(t => t.Status == TrackStatus.Confirmed)
            .Select(t => Assess(time, t))
            .OrderByDescending(a => a.Score)
            .ThenBy(a => a.Track.Id)
            .ToList();

    private ThreatAssessment Assess(double time, Track track)
    {
        var (cls, confidence) = _classifier.Classify(track.Velocity);
        var (position, approaches) = Project(cls, track, time - track.Time);
        var lethality = _options.Lethality(cls);

        Approach? best = null;
        var bestDamage = 0.0;
        foreach (var approach in approaches)
        {
            var damage = approach.Asset is null ? 0 : approach.Asset.Value * ReachProbability(approach) * lethality;
            if (best is null || damage > bestDamage || (damage == bestDamage && approach.Miss < best.Miss))
                (best, bestDamage) = (approach, damage);
        }

        if (best is null)
            return new ThreatAssessment(track, cls, confidence, null, position, _options.LookAhead.Seconds, false, 0, 0);
        var threatens = best.Asset is not null && best.Miss <= best.Asset.Radius.Metres + _options.CorridorMargin.Metres;
        var score = bestDamage / Math.Max(best.TimeToGo, _options.MinTimeToGo.Seconds);
        return new ThreatAssessment(track, cls, confidence, threatens ? best.Asset : null, best.Point, best.TimeToGo,
            threatens, bestDamage, score);
    }

    /// <summary>The track's position <paramref name="dt"/> seconds after its time, and its approaches from there.</summary>
    private (Vec3 Position, IEnumerable<Approach> Approaches) Project(ThreatClass cls, Track track, double dt)
    {
        if (cls != ThreatClass.Ballistic)
        {
            var now = track.Position + track.Velocity * dt;
            return (now, StraightLineApproaches(now, track.Velocity));
        }
        var position = BallisticImpactPredictor.Propagate(track.Position, track.Velocity, dt);
        var velocity = track.Velocity - new Vec3(0, 0, BallisticImpactPredictor.Gravity * dt);
        return (position, BallisticApproaches(position, velocity));
    }

    /// <summary>1 within the asset's radius, falling linearly to 0 at radius + corridor margin.</summary>
    private double ReachProbability(Approach approach)
    {
        var radius = approach.Asset!.Radius.Metres;
        var margin = _options.CorridorMargin.Metres;
        if (approach.Miss <= radius)
            return 1;
        if (approach.Miss >= radius + margin)
            return 0;
        return 1 - (approach.Miss - radius) / margin;
    }

    /// <summary>One impact point, measured against every asset (or alone, if there are none).</summary>
    private IEnumerable<Approach> BallisticApproaches(Vec3 position, Vec3 velocity)
    {
        if (BallisticImpactPredictor.PredictImpact(position, velocity) is not var (timeToGo, point))
            yield break;
        if (_assets.Length == 0)
            yield return new Approach(null, point, timeToGo, double.PositiveInfinity);
        foreach (var (asset, at) in _assets)
            yield return new Approach(asset, point, timeToGo, (point - at).HorizontalLength);
    }

    /// <summary>
    /// For each asset, the horizontal closest approach ahead (clamped to [now, now + look-ahead]); the point is
    /// the threat's ground position there, at the asset's height.
    /// </summary>
    private IEnumerable<Approach> StraightLineApproaches(Vec3 position, Vec3 velocity)
    {
        var ground = velocity with { Z = 0 };
        var groundSpeed2 = ground.LengthSquared;
        foreach (var (asset, at) in _assets)
        {
            var toAsset = (at - position) with { Z = 0 };
            var t = groundSpeed2 > 0 ? Vec3.Dot(toAsset, ground) / groundSpeed2 : 0;
            t = Math.Clamp(t, 0, _options.LookAhead.Seconds);
            var point = position + ground * t;
            yield return new Approach(asset, point with { Z = at.Z }, t, (toAsset - ground * t).Length);
        }
    }

    private sealed record Approach(DefendedAsset? Asset, Vec3 Point, double TimeToGo, double Miss);
}
