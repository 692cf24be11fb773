using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Core.Geometry;
using Canopy.Core.Quantities;
using Canopy.Tracking;

namespace Canopy.ThreatEvaluation.Tests;

/// <summary>Layouts and tracks built in the ENU frame of a fixed origin.</summary>
internal static class TestData
{
    public static readonly LocalFrame Frame = new(Geodetic.FromDegrees(32.0, 34.8, 0));

    public static DefendedAsset Asset(string name, double east, double north, double radiusM, double value) =>
        new(name, AssetKind.City, Frame.ToGeodetic(new Vec3(east, north, 0)), Length.FromMetres(radiusM), value);

    public static DefenceLayout Layout(params DefendedAsset[] assets) =>
        new(Frame, assets, [], [], new DefencePolicy());

    public static Track Track(int id, Vec3 position, Vec3 velocity, double time = 0,
        TrackStatus status = TrackStatus.Confirmed) =>
        new(id, status, time, position, velocity, new double[36], time - 10, time, 10);
}
