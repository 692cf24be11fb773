using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.Core.Quantities;
using Canopy.Core.Sensing;
using Canopy.ThreatEvaluation;
using Canopy.Tracking;

namespace Canopy.Interop.Geo.Tests;

/// <summary>A hand-made picture: one radar, one fire unit with a minimum range, one town, one drone track with history.</summary>
internal static class PictureFixture
{
    public static readonly Geodetic Origin = Geodetic.FromDegrees(50.45, 30.52, 150);

    public static DefenceLayout Layout()
    {
        var radar = new RadarSpec(new SensorId(1), "Radar North", Geodetic.FromDegrees(50.6, 30.5, 160), Length.FromMetres(10),
            Length.FromKilometres(60), Duration.FromSeconds(5), Length.FromMetres(50), Angle.FromDegrees(0.5), Angle.FromDegrees(0.5),
            Probability.Of(0.9), 0);
        var unit = new EffectorSpec("MFG-1", EffectorClass.MobileFireGroup, Geodetic.FromDegrees(50.4, 30.6, 140),
            Length.FromMetres(500), Length.FromKilometres(4), Length.FromKilometres(2), Speed.FromMetresPerSecond(800), 1000,
            Duration.FromSeconds(1), Duration.FromSeconds(5), 20, new Dictionary<ThreatClass, Probability>(), Money.FromDollars(100));
        var town = new DefendedAsset("Town", AssetKind.City, Origin, Length.FromKilometres(3), 500);
        return new DefenceLayout(new LocalFrame(Origin), [town], [radar], [unit], new DefencePolicy());
    }

    public static Track Track(double time)
    {
        var p = new double[36];
        p[0] = p[7] = 400;
        p[14] = 100;
        p[21] = p[28] = p[35] = 1;
        return new Track(4, TrackStatus.Confirmed, time, new Vec3(-10_000 + 50 * time, 5_000, 300), new Vec3(50, 0, 0), p, 0, time, 10);
    }

    public static AirPicture Picture()
    {
        var recorder = new AirPictureRecorder(Layout());
        for (var t = 0; t <= 20; t += 10)
        {
            var track = Track(t);
            var threat = new ThreatAssessment(track, ThreatClass.Drone, 0.9, null, new Vec3(0, 5_000, 0), 200 - t, true, 100, 9);
            recorder.Observe(t, [track], [threat], []);
        }
        return recorder.Picture!;
    }
}
