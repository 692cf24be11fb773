namespace Canopy.Server.Store;

/// <summary>A run as started, for the record: what was run, with which seed and mode, and when (wall clock, UTC).</summary>
public sealed record RunRecord(string Id, string Scenario, int Seed, string Mode, DateTimeOffset StartedAt);

/// <summary>
/// The latest saved state of a run, for the after-action review after a restart: its state, time line events, result
/// and layout as the API serves them (JSON), and its status ("running", "paused", "finished", "stopped", "failed").
/// </summary>
public sealed record RunSnapshot(string RunId, string Status, string StateJson, string EventsJson, string ResultJson, string LayoutJson,
    DateTimeOffset SavedAt);

/// <summary>Where runs are kept: each start goes to the journal, each later state overwrites the run's snapshot.</summary>
public interface IRunStore
{
    /// <summary>Records the start of a run, with its first snapshot.</summary>
    void Started(RunRecord run, RunSnapshot snapshot);

    /// <summary>Replaces the run's snapshot.</summary>
    void Save(RunSnapshot snapshot);

    /// <summary>The state JSON of every run's latest snapshot, oldest run first.</summary>
    IReadOnlyList<string> RunStates();

    /// <summary>The run's latest snapshot, or null for a run never started here.</summary>
    RunSnapshot? Snapshot(string runId);
}
