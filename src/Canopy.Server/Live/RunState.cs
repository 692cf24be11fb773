namespace Canopy.Server.Live;

/// <summary>A run as the API lists it: what, where its clock is, and its score so far.</summary>
/// <param name="Status">One of <see cref="RunStatus"/>'s words.</param>
/// <param name="Reason">Why the run failed (or was interrupted), or what keeps its record from being written now; null when all is well.</param>
public sealed record RunState(
    string Id, string Scenario, int Seed, string Mode, double SemiAutomaticDelay, RunClockState Clock, double Time, bool Finished,
    bool Stopped, SummaryView Summary, string Status = RunStatus.Running, string? Reason = null);

/// <summary>What a run is doing, as <see cref="RunState.Status"/> says it.</summary>
public static class RunStatus
{
    public const string Running = "running";
    public const string Paused = "paused";
    public const string Finished = "finished";
    public const string Stopped = "stopped";

    /// <summary>A pipeline step threw: the run stopped where it was (the reason says why).</summary>
    public const string Failed = "failed";

    /// <summary>The server stopped (or was killed) while the run was live: a run of an earlier process, as last saved.</summary>
    public const string Interrupted = "interrupted";
}
