using Canopy.Core.Geometry;
using Canopy.Tracking;

namespace Canopy.Federation.Fusion;

/// <summary>Names one nation's local track: the pair by which track-to-track association persists from scan to scan.</summary>
public readonly record struct TrackKey(string Nation, int TrackId) : IComparable<TrackKey>
{
    public int CompareTo(TrackKey other)
    {
        var n = string.CompareOrdinal(Nation, other.Nation);
        return n != 0 ? n : TrackId.CompareTo(other.TrackId);
    }

    public override string ToString() => $"{Nation}:{TrackId}";
}

/// <summary>
/// One nation's local track as it reaches the fusion: its estimate at <see cref="Time"/> in the common east/north/up
/// frame, with its 6 x 6 covariance over (x, y, z, vx, vy, vz). A nation's own tracks come straight from its tracker;
/// partners' arrive over the link (a <c>LocalTrackReport</c>) and may be older than the fusion time.
/// </summary>
public readonly record struct SourceTrack(string Nation, int TrackId, double Time, Vec3 Position, Vec3 Velocity, StateCovariance Covariance)
{
    public TrackKey Key => new(Nation, TrackId);

    /// <summary>A tracker's track as nation <paramref name="nation"/>'s local track.</summary>
    public static SourceTrack From(string nation, in Track track) =>
        new(nation, track.Id, track.Time, track.Position, track.Velocity, track.Covariance);
}

/// <summary>
/// One target of the fused picture: the covariance-intersection fusion of every nation's local track of it, predicted
/// to <see cref="Time"/>, and which local tracks (so which nations) contributed.
/// </summary>
/// <param name="Id">Stable from scan to scan while any of its contributing local tracks persists.</param>
/// <param name="Contributors">The local tracks fused into it, one per nation at most, ordered by nation code.</param>
public sealed record SystemTrack(int Id, double Time, Vec3 Position, Vec3 Velocity, StateCovariance Covariance, IReadOnlyList<TrackKey> Contributors)
{
    /// <summary>The contributing nations, in code order.</summary>
    public IEnumerable<string> Nations => Contributors.Select(c => c.Nation);
}
