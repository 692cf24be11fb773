namespace Canopy.Server.Live;

/// <summary>A run as the API lists it: what, where its clock is, and its score so far.</summary>
public sealed record RunState(
    string Id, string Scenario, int Seed, string Mode, double SemiAutomaticDelay, RunClockState Clock, double Time, bool Finished,
    bool Stopped, SummaryView Summary);
