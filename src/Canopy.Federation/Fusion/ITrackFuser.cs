namespace Canopy.Federation.Fusion;

/// <summary>The track-to-track fusion stage: every nation's latest local tracks in, one system track per target out.</summary>
public interface ITrackFuser
{
    /// <summary>
    /// Predicts every local track to <paramref name="time"/>, associates the nations' tracks with one another and fuses
    /// each associated group into one system track. The list is new at every call, ordered by system track id.
    /// </summary>
    IReadOnlyList<SystemTrack> Fuse(double time, IReadOnlyList<SourceTrack> tracks);
}
