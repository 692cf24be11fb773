using Canopy.Assignment;
using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.Core.Quantities;
using Canopy.ThreatEvaluation;
using Canopy.Tracking;

namespace Canopy.Interop.Cot.Tests;

/// <summary>Hand-made tracks, threats and assignments around a known origin.</summary>
internal static class Fixtures
{
    public static readonly Geodetic Origin = Geodetic.FromDegrees(50.45, 30.52, 150);
    public static readonly LocalFrame Frame = new(Origin);
    public static readonly DateTime Epoch = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly CotOptions Options = new(Epoch, StaleAfterS: 15);

    /// <summary>A confirmed track with position variances 100, 36, 25 m² (σ 10, 6, 5 m) and velocity variances 4 m²/s².</summary>
    public static Track Track(int id, Vec3 position, Vec3 velocity)
    {
        var p = new double[36];
        p[0] = 100;
        p[7] = 36;
        p[14] = 25;
        p[21] = p[28] = p[35] = 4;
        return new Track(id, TrackStatus.Confirmed, 60, position, velocity, p, 0, 60, 20);
    }

    public static ThreatAssessment Threat(Track track, ThreatClass c) =>
        new(track, c, 0.9, null, new Vec3(1000, 2000, 0), 120, true, 50, 7.5);

    public static EffectorSpec Effector(string id) =>
        new(id, EffectorClass.MobileFireGroup, Origin, Length.FromMetres(100), Length.FromKilometres(4), Length.FromKilometres(2),
            Speed.FromMetresPerSecond(800), 1000, Duration.FromSeconds(1), Duration.FromSeconds(5), 20,
            new Dictionary<ThreatClass, Probability> { [ThreatClass.Drone] = Probability.Of(0.3) }, Money.FromDollars(100));

    public static WeaponAssignment Assignment(string effector, int trackId) =>
        new(Effector(effector), trackId, 20, 65, 90, new Vec3(1500, 1500, 500), 0.6, Money.FromDollars(2000));
}
