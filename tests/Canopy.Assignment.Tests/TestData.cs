using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.Core.Quantities;
using Canopy.ThreatEvaluation;
using Canopy.Tracking;

namespace Canopy.Assignment.Tests;

/// <summary>Fire units, tracks and assessments built in the ENU frame of a fixed origin.</summary>
internal static class TestData
{
    public static readonly LocalFrame Frame = new(Geodetic.FromDegrees(32.0, 34.8, 0));

    /// <summary>A fire unit; <paramref name="pk"/> is per round against drones and cruise missiles.</summary>
    public static EffectorSpec Effector(string id, EffectorClass cls = EffectorClass.MediumRangeInterceptor,
        double east = 0, double north = 0, double minRange = 0, double maxRange = 10_000, double maxAltitude = 10_000,
        double speed = 1000, int magazine = 10, double reload = 5, double reaction = 0, int salvo = 1,
        double pk = 0.9, double pkBallistic = 0, double cost = 1000) =>
        new(id, cls, Frame.ToGeodetic(new Vec3(east, north, 0)), Length.FromMetres(minRange),
            Length.FromMetres(maxRange), Length.FromMetres(maxAltitude), Speed.FromMetresPerSecond(speed),
            magazine, Duration.FromSeconds(reload), Duration.FromSeconds(reaction), salvo,
            new Dictionary<ThreatClass, Probability>
            {
                [ThreatClass.Drone] = Probability.Of(pk),
                [ThreatClass.Cruise] = Probability.Of(pk),
                [ThreatClass.Ballistic] = Probability.Of(pkBallistic),
            },
            Money.FromDollars(cost));

    public static EffectorSpec Gun(double maxRange = 4000) => Effector("gun", EffectorClass.Gun, maxRange: maxRange,
        maxAltitude: 3000, magazine: 500, salvo: 10, pk: 0.1, cost: 100);

    public static EffectorSpec Missile() => Effector("sam", EffectorClass.LongRangeInterceptor, maxRange: 70_000,
        maxAltitude: 20_000, speed: 1500, magazine: 8, pk: 0.9, pkBallistic: 0.9, cost: 4e6);

    public static FireUnitState Unit(EffectorSpec spec, int? rounds = null, double readyAt = 0, params int[] engaging) =>
        new(spec, Frame.ToEnu(spec.Position), rounds ?? spec.Magazine, readyAt, engaging.ToHashSet());

    public static DefenceLayout Layout(bool engageOnlyThreatsToDefendedAreas, params EffectorSpec[] effectors) =>
        new(Frame, [new DefendedAsset("city", AssetKind.City, Frame.Origin, Length.FromMetres(1000), 1e6)], [],
            effectors, new DefencePolicy(engageOnlyThreatsToDefendedAreas));

    public static Track Track(int id, Vec3 position, Vec3 velocity, double time = 0) =>
        new(id, TrackStatus.Confirmed, time, position, velocity, new double[36], time - 10, time, 10);

    public static ThreatAssessment Threat(Track track, ThreatClass cls = ThreatClass.Drone, double timeToGo = 1000,
        bool threatens = true, double score = 1) =>
        new(track, cls, 0.9, null, Vec3.Zero, timeToGo, threatens, 1, score);
}
