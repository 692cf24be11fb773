using Canopy.Core.Sensing;

namespace Canopy.Tracking;

/// <summary>The tracking stage: plots from many sensors in, one set of tracks out.</summary>
public interface ITracker
{
    /// <summary>
    /// Takes the plots received since the last call (any order, all with Time &lt;= <paramref name="time"/>)
    /// and returns every live track (tentative and confirmed) predicted to <paramref name="time"/>.
    /// The returned list is owned by the tracker and valid until the next call.
    /// </summary>
    IReadOnlyList<Track> Update(double time, ReadOnlySpan<Plot> plots);
}
