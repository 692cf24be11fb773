using Canopy.Core.Geodesy;

namespace Canopy.Server.Decisions;

/// <summary>
/// A fire unit moved by a reported position (CoT in) at one pipeline step of a run: the pipeline relocated
/// <paramref name="Effector"/> to <paramref name="Position"/> at the start of the step at <paramref name="SimulatedTime"/>.
/// </summary>
/// <param name="SimulatedTime">Seconds from the start of the run: the time of the step that applied the position.</param>
/// <param name="Source">Where the report came from (for CoT: the uid and address), when known.</param>
public sealed record Relocation(string RunId, double SimulatedTime, string Effector, Geodetic Position, string? Source = null);
