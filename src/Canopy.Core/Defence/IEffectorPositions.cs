using Canopy.Core.Geodesy;

namespace Canopy.Core.Defence;

/// <summary>
/// Where fire units that move (mobile fire groups) are now, as reported from outside the pipeline (for example by the units'
/// own Cursor on Target position reports). The engagement stage reads it at the start of every decision cycle; an
/// implementation fed from another thread must be thread-safe. A unit never reported stays where the layout put it.
/// </summary>
public interface IEffectorPositions
{
    /// <summary>The latest reported position of the effector with this id; false when none has been reported.</summary>
    bool TryGetPosition(string effectorId, out Geodetic position);

    /// <summary>Where the latest reported position came from (for the record of a relocation), when known; null otherwise.</summary>
    string? SourceOf(string effectorId) => null;
}
