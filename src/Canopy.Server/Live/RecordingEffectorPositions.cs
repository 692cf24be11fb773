using Canopy.Core.Defence;
using Canopy.Core.Geodesy;
using Canopy.Server.Decisions;
using Canopy.Server.Store;
using Microsoft.Data.Sqlite;

namespace Canopy.Server.Live;

/// <summary>
/// The reported positions a live run's pipeline reads, passed through, with every change the pipeline applies recorded as a
/// <see cref="Relocation"/> at the simulated time of the step reading it (<paramref name="stepTime"/>), so that the
/// after-action replay applies it at the same step (<see cref="Replay.PlaybackEffectorPositions"/>). Read by the pipeline's
/// thread only. Each relocation carries the report's source (<see cref="IEffectorPositions.SourceOf"/>). A store that fails to
/// write (disk full, file locked) never stops the live run: the position is applied, the failure counted in <see cref="Unrecorded"/>, and the write tried again at the next step.
/// </summary>
public sealed class RecordingEffectorPositions(string runId, IEffectorPositions reported, IRelocationLog log, Func<double> stepTime)
    : IEffectorPositions
{
    private readonly Dictionary<string, Geodetic> _applied = new(StringComparer.Ordinal);

    public string? SourceOf(string effectorId) => reported.SourceOf(effectorId);

    /// <summary>Writes to the store that failed (each retried at the next step).</summary>
    public int Unrecorded { get; private set; }

    public bool TryGetPosition(string effectorId, out Geodetic position)
    {
        if (!reported.TryGetPosition(effectorId, out position)) return false;
        if (_applied.TryGetValue(effectorId, out var last) && last == position) return true;
        try
        {
            log.Add(new Relocation(runId, stepTime(), effectorId, position, reported.SourceOf(effectorId)));
            _applied[effectorId] = position;
        }
        catch (Exception e) when (e is RecordStoreException or SqliteException or IOException or UnauthorizedAccessException)
        {
            Unrecorded++;
        }
        return true;
    }
}
